// Which upstream a stored task is asked about: the mode and key it was created with, so a status
// read does not go to an account that never saw the task.
import "server-only";
import { createHash } from "node:crypto";
import { ApiError } from "@/lib/server/api-error";
import type { TaskRow } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import {
  targetForMode,
  type UpstreamMode,
  type UpstreamTarget,
} from "@/lib/server/upstream-target";

const upstreamModes: readonly string[] = [
  "user-key",
  "server-key",
  "demo",
] satisfies UpstreamMode[];

/** First 16 hex of sha256(key): stored with a task to notice a changed key, useless to a thief. */
export function keyFingerprint(apiKey: string): string {
  return createHash("sha256").update(apiKey, "utf8").digest("hex").slice(0, 16);
}

/**
 * Who can be asked about a task, and so how much a 404 from them means:
 * - `own`: the mode and key it was created with; a 404 is the upstream's final word.
 * - `changed`: the same mode under another key (a new key saved, the server key replaced). It may
 *   belong to the same account, so it is worth asking, but a 404 may be our own doing.
 * - `unavailable`: the mode is gone (the user deleted their key, the server key was removed).
 *   Every remaining key belongs to another account, so nobody is asked.
 */
export type TaskTarget =
  { kind: "own" | "changed"; target: UpstreamTarget } | { kind: "unavailable" };

export async function targetForTask(task: TaskRow): Promise<TaskTarget> {
  const mode = task.upstreamMode as UpstreamMode;
  if (!upstreamModes.includes(mode)) return { kind: "unavailable" };
  let target: UpstreamTarget | null;
  try {
    target = await targetForMode(task.userId, mode);
  } catch (err) {
    // The user's stored key cannot be decrypted: nobody can be asked until they save it again.
    if (err instanceof ApiError) {
      logger.warn(`task ${task.taskId}: ${err.message}`);
      return { kind: "unavailable" };
    }
    throw err;
  }
  if (!target) return { kind: "unavailable" };
  if (keyFingerprint(target.apiKey) === task.keyFingerprint) return { kind: "own", target };
  logger.warn(`task ${task.taskId}: its ${target.mode} mode's key changed since it was created`);
  return { kind: "changed", target };
}
