// /compare/[id] — a saved comparison: its prompt, columns, results, blind state and favourite.
// Read from our database on the server (404 for an unknown id and another user's alike); the
// client keeps its tasks current from the live task stream.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ComparisonView } from "@/components/compare/comparison-view";
import { comparisonParamsSchema } from "@/lib/schemas/compare";
import { requirePageUser } from "@/lib/server/auth/session";
import { findComparison } from "@/lib/server/compare/comparison-repository";
import { comparisonWithTasks } from "@/lib/server/compare/comparison-views";
import { getDb } from "@/lib/server/db";
import { pageOrigin } from "@/lib/server/public-origin";

interface Props {
  params: Promise<{ id: string }>;
}

const loadComparison = cache(async (id: string) => {
  const user = await requirePageUser();
  const parsed = comparisonParamsSchema.safeParse({ id });
  if (!parsed.success) return undefined;
  const db = await getDb();
  const row = await findComparison(db, user.id, parsed.data.id);
  return row ? comparisonWithTasks(db, user.id, row, await pageOrigin()) : undefined;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const comparison = await loadComparison((await params).id);
  return {
    title: comparison ? `Compare: ${comparison.prompt.slice(0, 60)}` : "Comparison not found",
  };
}

export default async function ComparisonPage({ params }: Props) {
  const comparison = await loadComparison((await params).id);
  if (!comparison) notFound();
  return <ComparisonView initial={comparison} />;
}
