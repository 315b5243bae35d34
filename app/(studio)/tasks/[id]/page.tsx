// /tasks/[id] — one task's own page: its outputs, every parameter, timings, code and actions.
// Read from our database on the server (404 for an unknown id and for another user's alike);
// the client keeps it current from the live task stream.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { TaskPageView } from "@/components/tasks/task-page-view";
import { modelLabel } from "@/components/tasks/task-pages";
import { taskIdSchema } from "@/lib/schemas/tasks";
import { requirePageUser } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { pageOrigin } from "@/lib/server/public-origin";
import { findTask } from "@/lib/server/tasks/task-repository";
import { toListItem, toTaskInfo } from "@/lib/server/tasks/task-views";

interface Props {
  params: Promise<{ id: string }>;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// Metadata and the page read the same row once per request.
const loadTask = cache(async (id: string) => {
  const user = await requirePageUser();
  const parsed = taskIdSchema.safeParse(decoded(id));
  if (!parsed.success) return undefined;
  return findTask(await getDb(), user.id, parsed.data);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const row = await loadTask((await params).id);
  if (!row) return { title: "Task not found" };
  const origin = await pageOrigin();
  const item = toListItem(row, origin);
  return { title: item.title ?? item.prompt_preview ?? modelLabel(item.model) };
}

export default async function TaskPage({ params }: Props) {
  const row = await loadTask((await params).id);
  if (!row) notFound();
  const origin = await pageOrigin();
  return (
    <TaskPageView
      initialItem={toListItem(row, origin)}
      initialInfo={toTaskInfo(row, origin)}
      studioOrigin={origin}
    />
  );
}
