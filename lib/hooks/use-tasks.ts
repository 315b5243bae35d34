"use client";

import { useQueries, useQuery, type UseQueryResult } from "@tanstack/react-query";
import type { RouteId } from "@/lib/catalog";
import { newestRuns } from "@/lib/queries/task-cache";
import { taskListQuery, type TaskListFilter } from "@/lib/queries/tasks";
import type { TaskListItem, TaskListReply } from "@/lib/schemas/tasks";
import { useTaskStreamLive } from "./task-stream-context";

/** A task list that the live stream keeps current (polled slowly only while the stream is down). */
export function useTaskList(filter: TaskListFilter = {}) {
  return useQuery(taskListQuery(filter, useTaskStreamLive()));
}

/** Runs shown under a generation page's form. */
export const recentRunsLimit = 8;

export interface RecentRuns {
  /** Newest first, across the page's routes; undefined until one list has loaded. */
  runs: TaskListItem[] | undefined;
  error: Error | null;
  refetch: () => void;
}

function combine(results: UseQueryResult<TaskListReply>[]): RecentRuns {
  const loaded = results.flatMap((r) => (r.data ? [r.data] : []));
  return {
    runs: loaded.length > 0 ? newestRuns(loaded, recentRunsLimit) : undefined,
    error: results.find((r) => r.error)?.error ?? null,
    refetch: () => {
      for (const r of results) void r.refetch();
    },
  };
}

/** A page's recent runs (running and finished), from our database: one list per route. */
export function useRecentRuns(routeIds: readonly RouteId[]): RecentRuns {
  const live = useTaskStreamLive();
  return useQueries({
    queries: routeIds.map((route) => taskListQuery({ route, limit: recentRunsLimit }, live)),
    combine,
  });
}
