// Which upstream a stored task is asked about: the key mode it was created with, so a status read
// does not go to an account that never saw the task.
import "server-only";
import { createHash } from "node:crypto";
import { getEnv } from "@/lib/env";
import type { TaskRow } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { resolveUpstreamTarget, type UpstreamTarget } from "@/lib/server/upstream-target";

/** First 16 hex of sha256(key): stored with a task to notice a changed key, useless to a thief. */
export function keyFingerprint(apiKey: string): string {
  return createHash("sha256").update(apiKey, "utf8").digest("hex").slice(0, 16);
}

/**
 * The task's own target when it can still be built; otherwise the user's current one, with a
 * warning (the upstream will most likely not know the task under another key).
 */
export async function targetForTask(task: TaskRow): Promise<UpstreamTarget> {
  const current = await resolveUpstreamTarget(task.userId);
  if (current.mode === task.upstreamMode) {
    if (keyFingerprint(current.apiKey) !== task.keyFingerprint) {
      logger.warn(
        `task ${task.taskId}: the ${current.mode} changed since it was created; asking with the current one`,
      );
    }
    return current;
  }
  const env = getEnv();
  if (task.upstreamMode === "server-key" && env.AIO_API_KEY) {
    return { mode: "server-key", baseUrl: env.AIO_BASE_URL, apiKey: env.AIO_API_KEY };
  }
  logger.warn(
    `task ${task.taskId}: created in ${task.upstreamMode} mode, which is no longer available; asking in ${current.mode} mode`,
  );
  return current;
}
