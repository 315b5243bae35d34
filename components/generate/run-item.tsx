"use client";

import { AlertCircleIcon, CoinsIcon, EyeIcon } from "lucide-react";
import { formatCredits } from "@/lib/utils/format";
import { Button } from "@/components/ui/button";
import { isHttpUrl } from "@/lib/catalog";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils/cn";
import { CheckAgainButton } from "@/components/tasks/check-again-button";
import { RunOutputs } from "./run-outputs";
import {
  canCheck,
  elapsedSeconds,
  tookSeconds,
  formatAgo,
  formatSeconds,
  isStalled,
  needsCheck,
} from "@/components/tasks/run-timing";
import { modelLabel } from "@/components/tasks/task-pages";
import { TaskStatusBadge } from "@/components/tasks/task-status-badge";
import { TrackingNote } from "@/components/tasks/tracking-note";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** One run in a page's recent runs: status and time, model, cost, outputs, and what to do next. */
export function RunItem({
  run,
  now,
  shown,
  onShow,
}: {
  run: TaskListItem;
  now: number;
  /** It is the run the result panel shows. */
  shown: boolean;
  onShow: () => void;
}) {
  const label = modelLabel(run.model);
  const running = run.status === "IN_PROGRESS";
  const urls = run.response.filter(isHttpUrl);
  return (
    <li
      className={cn(
        "flex flex-col gap-3 px-4 py-4 sm:px-5",
        shown && "bg-accent/40 dark:bg-accent/25",
      )}
      data-testid="recent-run"
      data-status={run.status}
      data-task-id={run.task_id}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium">{label}</p>
          <p className="text-muted-foreground text-xs">
            <time dateTime={run.created_at} title={dateFormat.format(new Date(run.created_at))}>
              {formatAgo(run.created_at, now)}
            </time>
            {running && !isStalled(run) ? (
              <span> · running for {formatSeconds(elapsedSeconds(run, now))}</span>
            ) : null}
            {!running && run.completed_at ? (
              <span> · took {formatSeconds(tookSeconds(run))}</span>
            ) : null}
          </p>
        </div>
        <TaskStatusBadge status={run.status} tracking={run.tracking.state} testId="run-status" />
      </div>

      {run.prompt_preview ? (
        <p className="text-muted-foreground line-clamp-2 text-sm [overflow-wrap:anywhere]">
          {run.prompt_preview}
        </p>
      ) : null}

      {run.status === "SUCCESS" && urls.length > 0 ? (
        <RunOutputs kind={run.output} urls={urls} label={label} onShow={onShow} />
      ) : null}
      {run.status === "SUCCESS" && urls.length === 0 ? (
        <p className="text-muted-foreground text-sm">Finished without output files.</p>
      ) : null}

      {run.status === "FAILED" ? (
        <p className="text-destructive flex items-start gap-1.5 text-sm" data-testid="run-error">
          <AlertCircleIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span className="[overflow-wrap:anywhere]">
            {run.error_message || "The task failed without a reason from API in One."}
          </span>
        </p>
      ) : null}

      <TrackingNote run={run} now={now} className="text-xs" testId="run-tracking" />

      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={onShow}
            aria-pressed={shown}
            aria-label="Show in the result panel"
          >
            <EyeIcon aria-hidden /> Show
          </Button>
          {canCheck(run) ? (
            <CheckAgainButton taskId={run.task_id} emphasized={needsCheck(run)} />
          ) : null}
        </div>
        {run.consumed_credits !== null ? (
          <p className="text-muted-foreground flex items-center gap-1.5 self-center text-xs">
            <CoinsIcon className="size-3.5" aria-hidden /> {formatCredits(run.consumed_credits)}
          </p>
        ) : null}
      </div>
    </li>
  );
}
