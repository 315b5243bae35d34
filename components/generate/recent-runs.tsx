"use client";

import { AlertCircleIcon, HistoryIcon } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useTaskStreamLive } from "@/lib/hooks/task-stream-context";
import type { RecentRuns as RecentRunsData } from "@/lib/hooks/use-tasks";
import { taskFallbackPollMs } from "@/lib/queries/tasks";
import { isFinalStatus } from "@/lib/schemas/api";
import { cn } from "@/lib/utils/cn";
import { NotifyToggle } from "./notify-toggle";
import { RunItem } from "./run-item";
import { useNow } from "@/components/tasks/use-now";

function RunsSkeleton() {
  return (
    <ul className="divide-y" aria-busy="true" aria-label="Loading recent runs">
      {Array.from({ length: 3 }, (_, i) => (
        <li key={i} className="flex flex-col gap-3 px-4 py-4 sm:px-5">
          <div className="flex items-start justify-between gap-3">
            <div className="flex flex-col gap-2">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-3 w-20" />
            </div>
            <Skeleton className="h-5 w-20 rounded-md" />
          </div>
          <Skeleton className="h-4 w-3/4" />
          <div className="flex gap-2">
            <Skeleton className="size-20 sm:size-24" />
            <Skeleton className="size-20 sm:size-24" />
          </div>
        </li>
      ))}
    </ul>
  );
}

function NoRuns() {
  return (
    <EmptyState
      icon={<HistoryIcon />}
      title="No runs on this page yet"
      size="sm"
      className="px-6 py-10"
      data-testid="runs-empty"
    >
      Each run you start here is listed with its status, cost and outputs. It keeps going if you
      leave the page, and is still here when you come back.
    </EmptyState>
  );
}

/** Says whether the list updates by itself, or (stream down) every few seconds. */
function LiveState() {
  const live = useTaskStreamLive();
  return (
    <span className="text-muted-foreground inline-flex items-center gap-1.5 text-xs">
      <span
        aria-hidden
        className={cn("size-2 rounded-full", live ? "bg-success" : "bg-muted-foreground/50")}
      />
      {live ? "Live" : `Updating every ${taskFallbackPollMs / 1000} s`}
    </span>
  );
}

/** A generation page's recent runs, running and finished, read from our database. */
export function RecentRuns({
  recent,
  shownId,
  onShow,
  className,
}: {
  recent: RecentRunsData;
  /** The run the result panel shows. */
  shownId: string | undefined;
  onShow: (taskId: string) => void;
  className?: string;
}) {
  const { runs, error, refetch } = recent;
  const now = useNow(Boolean(runs?.some((r) => !isFinalStatus(r.status))));
  return (
    <Card className={cn("min-w-0", className)} data-testid="recent-runs">
      <section aria-labelledby="recent-runs-title">
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-x-4 gap-y-2 pb-4">
          <div className="flex min-w-0 flex-col gap-1.5">
            <CardTitle id="recent-runs-title" className="flex items-center gap-2">
              Recent runs <LiveState />
            </CardTitle>
            <CardDescription>Runs started on this page, newest first.</CardDescription>
          </div>
          <NotifyToggle />
        </CardHeader>
        <div className="border-t">
          {error && !runs ? (
            <div className="p-4 sm:p-5">
              <Alert variant="destructive" className="items-center justify-between">
                <AlertCircleIcon />
                <span className="flex-1">Could not load your runs: {error.message}</span>
                <Button type="button" size="sm" variant="outline" onClick={refetch}>
                  Retry
                </Button>
              </Alert>
            </div>
          ) : null}
          {!runs && !error ? <RunsSkeleton /> : null}
          {runs?.length === 0 ? <NoRuns /> : null}
          {runs && runs.length > 0 ? (
            <ul className="divide-y" aria-label="Recent runs">
              {runs.map((run) => (
                <RunItem
                  key={run.task_id}
                  run={run}
                  now={now}
                  shown={run.task_id === shownId}
                  onShow={() => onShow(run.task_id)}
                />
              ))}
            </ul>
          ) : null}
        </div>
      </section>
    </Card>
  );
}
