"use client";

import { AlertCircleIcon, CoinsIcon, RotateCcwIcon, SparklesIcon } from "lucide-react";
import { useState } from "react";
import { formatCredits } from "@/lib/utils/format";
import { MediaOutput } from "@/components/media/media-output";
import { toolCompare } from "@/components/media/tool-compare";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { isHttpUrl } from "@/lib/catalog";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils/cn";
import { CheckAgainButton } from "@/components/tasks/check-again-button";
import {
  canCheck,
  elapsedSeconds,
  estimateRemaining,
  formatSeconds,
  isStalled,
  needsCheck,
} from "@/components/tasks/run-timing";
import { modelEntry } from "@/components/tasks/task-pages";
import { TaskStatusBadge } from "@/components/tasks/task-status-badge";
import { TrackingNote } from "@/components/tasks/tracking-note";
import { useNow } from "@/components/tasks/use-now";
import { IntentLink } from "@/components/ui/intent-link";

function ResultSkeleton() {
  return (
    <div
      className="flex flex-col gap-4"
      role="status"
      aria-busy="true"
      aria-label="Loading your latest run"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="flex flex-col gap-2">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-3 w-44" />
        </div>
        <Skeleton className="h-5 w-20 rounded-md" />
      </div>
      <Skeleton className="aspect-video" />
      <Skeleton className="h-4 w-28" />
    </div>
  );
}

/** The run the page is about: the latest (after a reload too), or the one picked in Recent runs. */
export function TaskResultPanel({
  run,
  loading,
  emptyIcon = <SparklesIcon />,
  emptyHint,
  onRetry,
  id,
  className,
}: {
  run: TaskListItem | undefined;
  /** The page's runs are still loading: a skeleton, not "nothing here". */
  loading: boolean;
  emptyIcon?: React.ReactNode;
  emptyHint: string;
  /** Refills the form with a failed run's request. */
  onRetry: (run: TaskListItem) => Promise<void>;
  id?: string;
  className?: string;
}) {
  return (
    <Card
      id={id}
      className={cn("h-fit scroll-mt-20 lg:sticky lg:top-20", className)}
      data-testid="result-panel"
    >
      <CardHeader>
        <CardTitle>Result</CardTitle>
        <CardDescription>Your latest run, or the one you pick in Recent runs.</CardDescription>
      </CardHeader>
      <CardContent>
        {run ? (
          <TaskResult key={run.task_id} run={run} onRetry={onRetry} />
        ) : loading ? (
          <ResultSkeleton />
        ) : (
          <EmptyState
            icon={emptyIcon}
            title="Nothing here yet"
            className="rounded-lg border border-dashed px-6 py-14"
          >
            {emptyHint}
          </EmptyState>
        )}
      </CardContent>
    </Card>
  );
}

function statusSentence(run: TaskListItem, label: string): string {
  if (run.status === "SUCCESS") return `${label} finished.`;
  if (run.status === "FAILED") return `${label} failed.`;
  if (needsCheck(run)) return `${label} timed out: check again to ask once more.`;
  return isStalled(run) ? `${label} is waiting for its API key.` : `${label} is running.`;
}

function TaskResult({
  run,
  onRetry,
}: {
  run: TaskListItem;
  onRetry: (run: TaskListItem) => Promise<void>;
}) {
  const entry = modelEntry(run.model);
  const label = entry?.label ?? run.model;
  const running = run.status === "IN_PROGRESS";
  const stalled = isStalled(run);
  const now = useNow(running);
  const elapsed = elapsedSeconds(run, now);
  const typical = entry?.typicalSeconds;
  const expected = typical ? (typical[0] + typical[1]) / 2 : undefined;
  const progress = expected ? Math.min(95, (elapsed / expected) * 100) : undefined;
  const urls = run.response.filter(isHttpUrl);
  const [retrying, setRetrying] = useState(false);

  return (
    <div className="flex flex-col gap-4" data-testid="task-result" data-status={run.status}>
      <p className="sr-only" aria-live="polite">
        {statusSentence(run, label)}
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium">{label}</p>
          {/* What the user asked for, not an id they never chose: the link opens the task's page. */}
          <IntentLink
            href={`/tasks/${encodeURIComponent(run.task_id)}`}
            className="text-muted-foreground hover:text-foreground focus-visible:ring-ring/50 block truncate rounded-sm text-xs underline-offset-2 outline-none hover:underline focus-visible:ring-[3px]"
            data-testid="task-link"
            data-task-id={run.task_id}
            title="Open this task's page"
          >
            {run.title || run.prompt_preview || "Open this task's page"}
          </IntentLink>
        </div>
        <TaskStatusBadge status={run.status} tracking={run.tracking.state} testId="task-status" />
      </div>

      {running && !stalled ? (
        <div className="flex flex-col gap-3">
          {progress !== undefined ? (
            <div
              className="bg-muted h-1.5 overflow-hidden rounded-full"
              role="progressbar"
              aria-label="Estimated progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progress)}
            >
              <div
                className="bg-primary h-full rounded-full transition-[width] duration-1000 motion-reduce:transition-none"
                style={{ width: `${progress}%` }}
              />
            </div>
          ) : null}
          <p className="text-muted-foreground flex flex-wrap justify-between gap-x-3 text-xs">
            <span>Elapsed {formatSeconds(elapsed)}</span>
            {typical ? <span>{estimateRemaining(typical, elapsed)}</span> : null}
          </p>
          <Skeleton className={run.output === "audio" ? "h-16" : "aspect-video"} />
        </div>
      ) : null}

      <TrackingNote run={run} now={now} className="text-sm" testId="task-tracking" />
      {canCheck(run) ? (
        <CheckAgainButton taskId={run.task_id} emphasized={needsCheck(run)} />
      ) : null}

      {run.status === "SUCCESS" ? (
        <>
          {urls.length > 0 ? (
            <MediaOutput
              kind={run.output}
              urls={urls}
              label={`${label} output`}
              compare={toolCompare(run.route, run.inputs)}
            />
          ) : (
            <p className="text-muted-foreground text-sm">The task finished without output files.</p>
          )}
          <p
            className="text-muted-foreground flex items-center gap-1.5 text-sm"
            data-testid="task-credits"
          >
            <CoinsIcon className="size-4" aria-hidden />
            {run.consumed_credits === null
              ? "Cost not reported"
              : `Cost: ${formatCredits(run.consumed_credits)}`}
          </p>
        </>
      ) : null}

      {run.status === "FAILED" ? (
        <div className="flex flex-col gap-3">
          <Alert variant="destructive" data-testid="task-error">
            <AlertCircleIcon />
            <span className="[overflow-wrap:anywhere]">
              {run.error_message || "The task failed without a reason from API in One."}
            </span>
          </Alert>
          <Button
            type="button"
            variant="outline"
            className="self-start"
            disabled={retrying}
            onClick={() => {
              setRetrying(true);
              void onRetry(run).finally(() => setRetrying(false));
            }}
          >
            <RotateCcwIcon aria-hidden /> Retry with these settings
          </Button>
        </div>
      ) : null}
    </div>
  );
}
