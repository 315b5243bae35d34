"use client";

import { EyeIcon, EyeOffIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { describeError } from "@/components/generate/describe-error";
import { ActionAlert } from "@/components/generate/submit-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useComparison, useDeleteComparison, usePickFavorite } from "./use-compare";
import { namesRevealed, type Comparison } from "@/lib/schemas/compare";
import { cn } from "@/lib/utils/cn";
import { compareKindLabel } from "./compare-kind-picker";
import { ComparisonResultColumn } from "./comparison-result-column";
import { IntentLink } from "@/components/ui/intent-link";

/** Columns fill the row on a wide screen: two, three or four across. */
const gridFor: Record<number, string> = {
  2: "md:grid-cols-2",
  3: "md:grid-cols-2 xl:grid-cols-3",
  4: "md:grid-cols-2 xl:grid-cols-4",
};

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A saved comparison (/compare/[id]): the prompt, the columns' results, blind state, favourite. */
export function ComparisonView({ initial }: { initial: Comparison }) {
  const router = useRouter();
  const { data } = useComparison(initial.id, initial);
  const comparison = data ?? initial;
  const pick = usePickFavorite();
  const remove = useDeleteComparison();
  const revealed = namesRevealed(comparison);
  const error = pick.error ?? remove.error;

  return (
    <div className="flex flex-col gap-5" data-testid="comparison" data-revealed={revealed}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">Comparison</h1>
            <Badge variant="secondary">{compareKindLabel(comparison.route)}</Badge>
            {comparison.blind ? (
              <Badge variant={revealed ? "outline" : "warning"} data-testid="blind-state">
                {revealed ? <EyeIcon aria-hidden /> : <EyeOffIcon aria-hidden />}
                {revealed ? "Blind · revealed" : "Blind · names hidden"}
              </Badge>
            ) : null}
          </div>
          <p className="text-muted-foreground text-xs">
            <LocalTime iso={comparison.created_at} format={when} />
          </p>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button asChild variant="outline" size="sm">
            <IntentLink href="/compare">
              <PlusIcon aria-hidden /> New comparison
            </IntentLink>
          </Button>
          <Button
            variant="ghost"
            size="sm"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(comparison.id, { onSuccess: () => router.push("/compare") })
            }
          >
            <Trash2Icon aria-hidden /> Delete
          </Button>
        </div>
      </div>
      <blockquote
        className="bg-muted/40 rounded-xl border px-4 py-3 text-sm [overflow-wrap:anywhere] whitespace-pre-wrap"
        data-testid="comparison-prompt"
      >
        {comparison.prompt}
      </blockquote>
      {comparison.blind && !revealed ? (
        <p className="text-muted-foreground text-sm" data-testid="blind-hint">
          Which result do you prefer? Pick a favourite to see which model made each one.
        </p>
      ) : null}
      {error ? (
        <ActionAlert message={describeError(error).message} testId="comparison-error" />
      ) : null}
      <div className={cn("grid grid-cols-1 gap-4", gridFor[comparison.columns.length])}>
        {comparison.columns.map((column, i) => (
          <ComparisonResultColumn
            key={i}
            comparisonId={comparison.id}
            index={i}
            column={column}
            revealed={revealed}
            favorite={comparison.favorite_column === i}
            canPick={column.task_id !== null || column.answer?.status === "complete"}
            picking={pick.isPending}
            onPick={() => pick.mutate({ id: comparison.id, column: i })}
          />
        ))}
      </div>
    </div>
  );
}
