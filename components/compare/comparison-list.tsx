"use client";

import { Columns3Icon, EyeOffIcon, StarIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { models } from "@/lib/catalog";
import { useComparisonList } from "./use-compare";
import { namesRevealed, type Comparison } from "@/lib/schemas/compare";
import { chatSettingsSummary } from "./chat-compare-state";
import { compareKindLabel } from "./compare-kind-picker";
import { IntentLink } from "@/components/ui/intent-link";

const modelLabel = (slug: string) => models.find((m) => m.slug === slug)?.label ?? slug;

/** A column as the list names it: its model, or for chat (one model) its settings. */
const columnLabel = (column: Comparison["columns"][number]) =>
  column.answer ? chatSettingsSummary(column.body) : modelLabel(column.model);

function Thumbs({ comparison }: { comparison: Comparison }) {
  if (comparison.route !== "images") return null;
  const urls = comparison.columns.flatMap((c) =>
    c.task?.status === "SUCCESS" && c.task.response[0] ? [c.task.response[0]] : [],
  );
  if (urls.length === 0) return null;
  return (
    <div className="flex gap-1" aria-hidden>
      {urls.map((url) => (
        // eslint-disable-next-line @next/next/no-img-element -- outputs live on arbitrary hosts
        <img
          key={url}
          src={url}
          alt=""
          loading="lazy"
          className="bg-muted size-10 rounded-md border object-cover"
        />
      ))}
    </div>
  );
}

function Row({ comparison }: { comparison: Comparison }) {
  const revealed = namesRevealed(comparison);
  const favorite = comparison.favorite_column;
  const names = revealed
    ? comparison.columns
        .map((c, i) => `${columnLabel(c)}${i === favorite ? " ★" : ""}`)
        .join(comparison.route === "chat" ? " | " : " · ")
    : `${comparison.columns.length} hidden ${comparison.route === "chat" ? "settings" : "models"}`;
  return (
    <li>
      <IntentLink
        href={`/compare/${comparison.id}`}
        className="hover:bg-accent/50 focus-visible:ring-ring/50 flex items-center gap-3 rounded-lg px-3 py-2.5 outline-none focus-visible:ring-[3px]"
        data-testid="comparison-row"
      >
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <span className="truncate text-sm font-medium">{comparison.prompt}</span>
          <span className="text-muted-foreground flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
            <Badge variant="secondary">{compareKindLabel(comparison.route)}</Badge>
            {comparison.blind && !revealed ? <EyeOffIcon className="size-3" aria-hidden /> : null}
            <span className="min-w-0 truncate">{names}</span>
            {favorite !== null && !revealed ? <StarIcon className="size-3" aria-hidden /> : null}
          </span>
        </div>
        <Thumbs comparison={comparison} />
      </IntentLink>
    </li>
  );
}

/** My recent comparisons, newest first; each opens its own page. */
export function ComparisonList() {
  const { data, isPending, error } = useComparisonList();
  return (
    <section
      aria-labelledby="recent-comparisons"
      className="bg-card flex flex-col gap-2 rounded-xl border p-4 shadow-xs"
    >
      <h2 id="recent-comparisons" className="px-3 text-sm font-semibold">
        Recent comparisons
      </h2>
      {isPending ? (
        <div
          className="flex flex-col gap-2 px-3"
          role="status"
          aria-busy="true"
          aria-label="Loading comparisons"
        >
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-12 rounded-lg" />
          ))}
        </div>
      ) : error ? (
        <p className="text-destructive px-3 text-sm">
          Could not load your comparisons. Reload the page to try again.
        </p>
      ) : data.comparisons.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<Columns3Icon />}
          title="No comparisons yet"
          className="py-6"
          data-testid="comparisons-empty"
        >
          Write one prompt, pick two to four models and press Run: their results appear side by
          side.
        </EmptyState>
      ) : (
        <ul className="flex flex-col">
          {data.comparisons.map((c) => (
            <Row key={c.id} comparison={c} />
          ))}
        </ul>
      )}
    </section>
  );
}
