// The one place a stored task is brought up to date from the upstream. Until a server-side tracker
// exists, status reads call it; a tracker can replace it without touching any route.
import "server-only";
import { getDb } from "@/lib/server/db";
import type { TaskRow } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { isUpstreamError } from "@/lib/server/upstream";
import { clientFor } from "@/lib/server/upstream-target";
import { applyTaskInfo, claimRefresh } from "./task-repository";
import { targetForTask } from "./task-target";

/** At most one upstream status call per task per interval, whoever is reading. */
export const refreshIntervalMs = 3000;
/** A status read waits at most this long for the upstream (retries included). */
const refreshBudgetMs = 8000;

export interface RefreshOptions {
  intervalMs?: number;
}

/**
 * Returns the task, refreshed from the upstream when it can still change and nobody asked in the
 * last interval. Upstream trouble is logged and the stored state returned: a status read never
 * fails because the upstream is slow.
 */
export async function refreshTask(task: TaskRow, options: RefreshOptions = {}): Promise<TaskRow> {
  if (task.status !== "IN_PROGRESS" || !task.pollable) return task;
  const db = await getDb();
  if (!(await claimRefresh(db, task.id, options.intervalMs ?? refreshIntervalMs))) return task;
  try {
    const client = clientFor(await targetForTask(task));
    const info = await client.tasks.get(task.taskId, {
      signal: AbortSignal.timeout(refreshBudgetMs),
    });
    return await applyTaskInfo(db, task.id, info);
  } catch (err) {
    const what = isUpstreamError(err) ? `${err.type} (${err.status})` : "unexpected error";
    logger.warn(`task ${task.taskId}: status refresh failed: ${what}`);
    return task;
  }
}
