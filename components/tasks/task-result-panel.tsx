"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertCircleIcon, CoinsIcon, RotateCcwIcon, SparklesIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { MediaOutput } from "@/components/media/media-output";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { isHttpUrl, type ModelEntry, type RouteId } from "@/lib/catalog";
import { taskQuery } from "@/lib/queries/tasks";
import { formatCredits } from "@/components/catalog/format";
import { TaskStatusBadge } from "./task-status-badge";

export interface SubmittedTask {
  task_id: string;
  route: RouteId;
  model: ModelEntry;
  body: Record<string, unknown>;
  submittedAt: number;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

function formatSeconds(s: number): string {
  const whole = Math.max(0, Math.round(s));
  return whole >= 60 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${whole} s`;
}

/** Remaining time from the model's typical duration: its midpoint, minus what has passed. */
export function estimateRemaining(
  typical: readonly [number, number],
  elapsedSeconds: number,
): string {
  const expected = (typical[0] + typical[1]) / 2;
  const left = expected - elapsedSeconds;
  if (left <= 1) return elapsedSeconds < typical[1] ? "almost done" : "taking longer than usual";
  return `about ${formatSeconds(left)} left`;
}

function EmptyResult({ icon, hint }: { icon: React.ReactNode; hint: string }) {
  return (
    <div className="flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed px-6 py-14 text-center">
      <span className="bg-muted text-muted-foreground grid size-12 place-items-center rounded-full [&_svg]:size-6">
        {icon}
      </span>
      <p className="font-medium">Nothing here yet</p>
      <p className="text-muted-foreground max-w-xs text-sm">{hint}</p>
    </div>
  );
}

export function TaskResultPanel({
  task,
  emptyIcon = <SparklesIcon />,
  emptyHint,
  onRetry,
}: {
  task: SubmittedTask | null;
  emptyIcon?: React.ReactNode;
  emptyHint: string;
  onRetry: (task: SubmittedTask) => void;
}) {
  return (
    <Card className="h-fit lg:sticky lg:top-20" data-testid="result-panel">
      <CardHeader>
        <CardTitle>Result</CardTitle>
        <CardDescription>Outputs, status and cost of your latest run.</CardDescription>
      </CardHeader>
      <CardContent>
        {task ? (
          <TaskResult key={task.task_id} task={task} onRetry={onRetry} />
        ) : (
          <EmptyResult icon={emptyIcon} hint={emptyHint} />
        )}
      </CardContent>
    </Card>
  );
}

function TaskResult({
  task,
  onRetry,
}: {
  task: SubmittedTask;
  onRetry: (task: SubmittedTask) => void;
}) {
  const { data, error, isPending } = useQuery(taskQuery(task.task_id));
  const status = data?.status ?? "IN_PROGRESS";
  const running = status === "IN_PROGRESS";
  const now = useNow(running);
  const started = data ? Date.parse(data.created_at) || task.submittedAt : task.submittedAt;
  const elapsed = Math.max(0, (now - started) / 1000);
  const typical = task.model.typicalSeconds;
  const progress = Math.min(95, (elapsed / ((typical[0] + typical[1]) / 2)) * 100);
  const urls = (data?.response ?? []).filter(isHttpUrl);

  return (
    <div className="flex flex-col gap-4" data-testid="task-result" data-status={status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium">{task.model.label}</p>
          <p className="text-muted-foreground truncate font-mono text-xs" data-testid="task-id">
            {task.task_id}
          </p>
        </div>
        <TaskStatusBadge status={status} testId="task-status" />
      </div>

      {error ? (
        <Alert variant="destructive">
          <AlertCircleIcon />
          <span>Could not load the task: {error.message} It keeps running; we will try again.</span>
        </Alert>
      ) : null}

      {running ? (
        <div className="flex flex-col gap-3" aria-live="polite">
          <div
            className="bg-muted h-1.5 overflow-hidden rounded-full"
            role="progressbar"
            aria-label="Estimated progress"
            aria-valuenow={Math.round(progress)}
          >
            <div
              className="bg-primary h-full rounded-full transition-[width] duration-1000"
              style={{ width: `${progress}%` }}
            />
          </div>
          <p className="text-muted-foreground flex justify-between text-xs">
            <span>Elapsed {formatSeconds(elapsed)}</span>
            <span>{estimateRemaining(typical, elapsed)}</span>
          </p>
          <Skeleton className={task.model.output === "audio" ? "h-16" : "aspect-video"} />
        </div>
      ) : null}

      {status === "SUCCESS" && data ? (
        <>
          {urls.length > 0 ? (
            <MediaOutput
              kind={task.model.output}
              urls={urls}
              label={`${task.model.label} output`}
            />
          ) : (
            <p className="text-muted-foreground text-sm">The task finished without output files.</p>
          )}
          <p
            className="text-muted-foreground flex items-center gap-1.5 text-sm"
            data-testid="task-credits"
          >
            <CoinsIcon className="size-4" />
            {data.consumed_credits === null
              ? "Cost not reported"
              : `Cost: ${formatCredits(data.consumed_credits)}`}
            <span aria-hidden>·</span> took {formatSeconds(elapsed)}
          </p>
        </>
      ) : null}

      {status === "FAILED" && data ? (
        <div className="flex flex-col gap-3">
          <Alert variant="destructive" data-testid="task-error">
            <AlertCircleIcon />
            <span>{data.error_message || "The task failed without a reason from API in One."}</span>
          </Alert>
          <Button variant="outline" onClick={() => onRetry(task)} className="self-start">
            <RotateCcwIcon /> Retry with these settings
          </Button>
        </div>
      ) : null}

      {isPending && !data ? <Skeleton className="h-4 w-40" /> : null}
    </div>
  );
}
