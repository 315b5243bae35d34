// What the user's tasks cost (`GET /api/v1/usage`): keys, the query, and when to read it again.
// Credits are only known once a task is final, so a task seen finishing in any cached task view
// (a list, a library page, a task page) is the signal to refresh every spend shown.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { isFinalStatus, type TaskStatus } from "@/lib/schemas/api";
import { usageReplySchema } from "@/lib/schemas/usage";
import { apiFetch } from "./api-fetch";
import { taskKeys } from "./tasks";

/** The ranges the Usage page offers, in days (today included). */
export const usageRanges = [7, 30, 90] as const;
export type UsageRange = (typeof usageRanges)[number];
export const defaultUsageRange: UsageRange = 30;

/** `?days=` from the URL as one of the offered ranges; anything else is the default. */
export function parseUsageRange(value: string | null | undefined): UsageRange {
  const days = Number(value);
  return usageRanges.find((r) => r === days) ?? defaultUsageRange;
}

export const usageKeys = {
  all: ["usage"] as const,
  range: (days: number, tz: string) => ["usage", days, tz] as const,
};

export function usagePath(days: number, tz: string): string {
  return `/api/v1/usage?${new URLSearchParams({ days: String(days), tz }).toString()}`;
}

/** The last `days` days of spend in the zone `tz` (IANA name), with today's, week's, month's. */
export const usageQuery = (days: number, tz: string) =>
  queryOptions({
    queryKey: usageKeys.range(days, tz),
    queryFn: () => apiFetch(usagePath(days, tz), usageReplySchema),
    staleTime: 30_000,
    // Someone coming back to the tab (maybe the next day, maybe after spending in another) expects
    // today's figure to be today's.
    refetchOnWindowFocus: true,
  });

/** Reads every spend shown again; one read in flight is enough (no cancel-and-restart). */
export function refreshUsage(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: usageKeys.all }, { cancelRefetch: false });
}

interface SeenTask {
  task_id: string;
  status: TaskStatus;
}

function isTaskLike(value: unknown): value is SeenTask {
  if (typeof value !== "object" || value === null) return false;
  const { task_id: id, status } = value as Record<string, unknown>;
  return typeof id === "string" && typeof status === "string";
}

/**
 * The tasks a cached task query holds, whatever its shape: a list (`{tasks}`), a library's pages
 * (`{pages: [{tasks}]}`) or one task's status reply (`{data: {task_id, status}}`).
 */
export function tasksInCache(data: unknown): SeenTask[] {
  if (typeof data !== "object" || data === null) return [];
  const record = data as Record<string, unknown>;
  if (Array.isArray(record.tasks)) return record.tasks.filter(isTaskLike);
  if (Array.isArray(record.pages)) return record.pages.flatMap(tasksInCache);
  if (isTaskLike(record.data)) return [record.data];
  return [];
}

/** Remembers task statuses; says whether some task seen running is now final (each task once). */
export function createFinishWatch() {
  const running = new Set<string>();
  return (tasks: readonly SeenTask[]): boolean => {
    let finished = false;
    for (const task of tasks) {
      if (!isFinalStatus(task.status)) running.add(task.task_id);
      else if (running.delete(task.task_id)) finished = true;
    }
    return finished;
  };
}

/**
 * Refreshes the spend whenever a task cached anywhere in `client` goes from running to final.
 * Returns the unsubscribe function.
 */
export function refreshUsageOnFinish(client: QueryClient): () => void {
  const sawFinish = createFinishWatch();
  const isTaskQuery = (key: readonly unknown[]) => key[0] === taskKeys.all[0];
  for (const query of client.getQueryCache().findAll({ queryKey: taskKeys.all })) {
    sawFinish(tasksInCache(query.state.data));
  }
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== "updated" || event.action.type !== "success") return;
    if (!isTaskQuery(event.query.queryKey)) return;
    if (sawFinish(tasksInCache(event.query.state.data))) void refreshUsage(client);
  });
}
