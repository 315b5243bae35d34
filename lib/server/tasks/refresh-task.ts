// The one place a stored task is brought up to date from the upstream. Until a server-side tracker
// exists, status and list reads call it; a tracker can replace it without touching any route.
import "server-only";
import type { TaskInfo } from "@/lib/schemas/api";
import { getDb, type Database } from "@/lib/server/db";
import type { TaskRow } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { isUpstreamError } from "@/lib/server/upstream";
import { clientFor, type UpstreamTarget } from "@/lib/server/upstream-target";
import { applyTaskInfo, claimRefresh, failTask } from "./task-repository";
import { targetForTask } from "./task-target";

/** At most one upstream status call per task per interval, whoever is reading. */
export const refreshIntervalMs = 3000;
/** A status read waits at most this long for the upstream (retries included). */
const refreshBudgetMs = 8000;
/**
 * How long a task that can no longer be asked with its own key stays IN_PROGRESS. The slowest
 * models take minutes, so a day leaves ample room to bring the old key back; after that the task
 * is ended rather than polled forever.
 */
export const abandonAfterMs = 24 * 60 * 60 * 1000;

export const forgottenMessage =
  "API in One no longer knows this task (it answered 404 to the status lookup); it cannot finish.";
export const forgottenDemoMessage =
  "The demo simulator no longer knows this task (it starts empty after every restart); it cannot finish.";
export const keyChangedMessage =
  "This task was created with a different API key than the one in use now; it can no longer be tracked.";

export interface RefreshOptions {
  intervalMs?: number;
}

/**
 * Returns the task, refreshed from the upstream when it can still change and nobody asked in the
 * last interval. Upstream trouble is logged and the stored state returned: a status read never
 * fails because the upstream is slow.
 *
 * A 404 ends the task only when it comes from the key the task was created with: then the
 * upstream has truly forgotten it. From another key (or with no key of the task's mode left) a
 * 404 most likely means we asked the wrong account, so the task is kept until abandonAfterMs.
 */
export async function refreshTask(task: TaskRow, options: RefreshOptions = {}): Promise<TaskRow> {
  if (task.status !== "IN_PROGRESS" || !task.pollable) return task;
  const db = await getDb();
  if (!(await claimRefresh(db, task.id, options.intervalMs ?? refreshIntervalMs))) return task;
  try {
    const found = await targetForTask(task);
    if (found.kind === "unavailable") {
      return await failIfAbandoned(db, task, `its ${task.upstreamMode} mode is gone`);
    }
    const info = await lookUp(task, found.target);
    if (info !== "not_found") return await applyTaskInfo(db, task.id, info);
    if (found.kind === "own") return await failTask(db, task.id, forgottenMessageFor(task));
    return await failIfAbandoned(db, task, "the changed key's account answers 404");
  } catch (err) {
    const what = isUpstreamError(err)
      ? `${err.type} (${err.status})`
      : err instanceof DOMException && err.name === "TimeoutError"
        ? `no answer within ${refreshBudgetMs} ms`
        : "unexpected error";
    logger.warn(`task ${task.taskId}: status refresh failed: ${what}`);
    return task;
  }
}

/** The upstream's status reply, or "not_found" for its 404; every other failure throws. */
async function lookUp(task: TaskRow, target: UpstreamTarget): Promise<TaskInfo | "not_found"> {
  try {
    return await clientFor(target).tasks.get(task.taskId, {
      signal: AbortSignal.timeout(refreshBudgetMs),
    });
  } catch (err) {
    if (isUpstreamError(err) && err.type === "not_found") return "not_found";
    throw err;
  }
}

function forgottenMessageFor(task: TaskRow): string {
  return task.upstreamMode === "demo" ? forgottenDemoMessage : forgottenMessage;
}

/** Keeps a task we cannot ask with its own key, until it is old enough to give up on. */
async function failIfAbandoned(db: Database, task: TaskRow, why: string): Promise<TaskRow> {
  // The app's clock against the stored creation time: skew is seconds, the bound is a day.
  if (Date.now() - task.createdAt.getTime() >= abandonAfterMs) {
    return failTask(db, task.id, keyChangedMessage);
  }
  logger.warn(`task ${task.taskId}: cannot be tracked (${why}); kept until a day old`);
  return task;
}

/** A list read refreshes at most this many of its unfinished tasks (the newest)… */
export const listRefreshLimit = 10;
/** …and waits at most this long for them: a slow upstream must not make the list slow. */
export const listRefreshWaitMs = 1500;

export interface ListRefreshOptions extends RefreshOptions {
  limit?: number;
  waitMs?: number;
}

/**
 * Returns the listed tasks with their unfinished ones refreshed concurrently, each throttled by
 * claimRefresh like any status read. What has not come back within the wait is answered as stored;
 * those refreshes carry on and store their result for the next read.
 */
export async function refreshListedTasks(
  rows: TaskRow[],
  options: ListRefreshOptions = {},
): Promise<TaskRow[]> {
  const due = rows
    .filter((row) => row.status === "IN_PROGRESS" && row.pollable)
    .slice(0, options.limit ?? listRefreshLimit);
  if (due.length === 0) return rows;
  const fresh = new Map<string, TaskRow>();
  const all = Promise.all(
    due.map(async (row) => {
      fresh.set(row.id, await refreshQuietly(row, options));
    }),
  );
  await settleWithin(all, options.waitMs ?? listRefreshWaitMs);
  return rows.map((row) => fresh.get(row.id) ?? row);
}

/** One task's refresh that cannot fail the list: a database hiccup costs only its freshness. */
async function refreshQuietly(row: TaskRow, options: RefreshOptions): Promise<TaskRow> {
  try {
    return await refreshTask(row, options);
  } catch {
    logger.warn(`task ${row.taskId}: list refresh failed`);
    return row;
  }
}

async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
