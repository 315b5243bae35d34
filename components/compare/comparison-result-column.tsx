"use client";

import { useQueryClient } from "@tanstack/react-query";
import { AlertCircleIcon, ExternalLinkIcon, EyeOffIcon, StarIcon } from "lucide-react";
import { useEffect } from "react";
import { formatCredits } from "@/lib/utils/format";
import { formatMs } from "@/components/chat/message/message-format";
import { formatSeconds, tookSeconds } from "@/components/tasks/run-timing";
import { TaskStatusBadge } from "@/components/tasks/task-status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { chatModel, models } from "@/lib/catalog";
import { chatColumnState, useColumnTask } from "./use-compare";
import { compareKeys } from "./compare-queries";
import { isFinalStatus } from "@/lib/schemas/api";
import { columnLetter, type ComparisonColumn } from "@/lib/schemas/compare";
import { cn } from "@/lib/utils/cn";
import { chatSettingsSummary } from "./chat-compare-state";
import { ChatColumnAnswer } from "./chat-column-answer";
import { ColumnOutput } from "./column-output";
import { IntentLink } from "@/components/ui/intent-link";

/** One column of a saved comparison: its result as it arrives, its cost, and the favourite pick. */
export function ComparisonResultColumn({
  comparisonId,
  index,
  column,
  revealed,
  favorite,
  canPick,
  picking,
  onPick,
}: {
  comparisonId: string;
  index: number;
  column: ComparisonColumn;
  revealed: boolean;
  favorite: boolean;
  canPick: boolean;
  picking: boolean;
  onPick: () => void;
}) {
  const client = useQueryClient();
  const taskState = useColumnTask(column);
  const { answer } = column;
  const task = answer ? chatColumnState(answer) : taskState;
  const entry = models.find((m) => m.slug === column.model);
  const letter = columnLetter(index);
  // A chat comparison has one model: its columns are told apart by their settings.
  const name = !revealed
    ? answer
      ? `Answer ${letter}`
      : `Model ${letter}`
    : (entry?.label ?? (answer ? chatModel.label : column.model));
  const subtitle = answer ? chatSettingsSummary(column.body) : entry?.provider;
  const stale = column.task !== null && !isFinalStatus(column.task.status);
  const finished = task.status === "SUCCESS" || task.status === "FAILED";
  // The comparison's own copy learns the finish time once (the stream updated the status only).
  useEffect(() => {
    if (finished && stale)
      void client.invalidateQueries({ queryKey: compareKeys.detail(comparisonId) });
  }, [finished, stale, client, comparisonId]);

  const took = answer
    ? answer.duration_ms !== null
      ? formatMs(answer.duration_ms)
      : null
    : column.task?.completed_at
      ? formatSeconds(tookSeconds(column.task))
      : null;
  const jsonMode =
    (column.body.response_format as { type?: unknown } | undefined)?.type === "json_object";
  return (
    <section
      aria-label={`Column ${letter}`}
      data-testid="result-column"
      data-status={task.status}
      data-favorite={favorite || undefined}
      className={cn(
        "bg-card text-card-foreground flex min-w-0 flex-col gap-3 rounded-xl border p-4 shadow-xs",
        favorite && "border-primary ring-primary/30 ring-2",
      )}
    >
      <header className="flex items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-0.5">
          <span className="text-muted-foreground text-xs font-medium">Column {letter}</span>
          <h2
            className="flex items-center gap-1.5 truncate text-sm font-semibold"
            data-testid="column-model"
          >
            {revealed ? null : (
              <EyeOffIcon className="text-muted-foreground size-3.5" aria-hidden />
            )}
            {name}
          </h2>
          {revealed && subtitle ? (
            <span className="text-muted-foreground text-xs" data-testid="column-subtitle">
              {subtitle}
            </span>
          ) : null}
        </div>
        {task.status === "NONE" ? null : (
          <TaskStatusBadge status={task.status} testId="column-status" />
        )}
      </header>
      <div className="flex min-h-40 flex-1 flex-col">
        {answer && (answer.content !== "" || task.status === "SUCCESS") ? (
          <>
            <ChatColumnAnswer answer={answer} jsonMode={jsonMode} />
            {task.error ? (
              <p className="text-destructive mt-3 text-xs" data-testid="column-failure">
                {task.error}
              </p>
            ) : null}
          </>
        ) : task.status === "SUCCESS" && entry ? (
          <ColumnOutput kind={entry.output} urls={task.outputs} label={`Column ${letter} output`} />
        ) : task.status === "IN_PROGRESS" ? (
          <div role="status" className="flex flex-col gap-2">
            <Skeleton
              className={cn(
                "w-full rounded-lg",
                entry?.output === "image" ? "aspect-square" : answer ? "h-24" : "h-32",
              )}
            />
            <span className="text-muted-foreground text-xs">
              {answer ? "Answer on its way…" : "Result on its way…"}
            </span>
          </div>
        ) : (
          <p
            className="text-destructive flex items-start gap-2 text-sm"
            data-testid="column-failure"
          >
            <AlertCircleIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            {task.error ??
              (column.task_id
                ? "This task was deleted from your library."
                : "This column did not run.")}
          </p>
        )}
      </div>
      <footer className="flex flex-col gap-3 border-t pt-3">
        <dl className="text-muted-foreground grid grid-cols-2 gap-1 text-xs">
          <dt>Cost</dt>
          <dd className="text-foreground text-right tabular-nums" data-testid="column-credits">
            {task.credits !== null ? formatCredits(task.credits) : finished ? "—" : "…"}
          </dd>
          <dt>Time</dt>
          <dd className="text-foreground text-right tabular-nums">
            {took ?? (finished ? "—" : "running")}
          </dd>
          {answer?.usage ? (
            <>
              <dt>Tokens</dt>
              <dd className="text-foreground text-right tabular-nums" data-testid="column-tokens">
                {answer.usage.prompt_tokens} in / {answer.usage.completion_tokens} out
              </dd>
            </>
          ) : null}
        </dl>
        <div className="flex flex-wrap items-center justify-between gap-2">
          {favorite ? (
            <Badge className="h-8 px-3 text-sm" data-testid="favorite-badge">
              <StarIcon className="fill-current" aria-hidden /> Favourite
            </Badge>
          ) : (
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={!canPick || picking}
              onClick={onPick}
              data-testid="pick-favorite"
            >
              <StarIcon aria-hidden /> {revealed ? "Make favourite" : "Pick as favourite"}
            </Button>
          )}
          {revealed && column.task_id && column.task ? (
            <IntentLink
              href={`/tasks/${encodeURIComponent(column.task_id)}`}
              className="text-muted-foreground hover:text-foreground inline-flex items-center gap-1 text-xs underline-offset-4 hover:underline"
            >
              Task details <ExternalLinkIcon className="size-3" aria-hidden />
            </IntentLink>
          ) : null}
        </div>
      </footer>
    </section>
  );
}
