// Which upstream a stored task is asked about: the mode and key it was created with, so a status
// read does not go to an account that never saw the task.
import "server-only";
import { createHash } from "node:crypto";
import { getEnv } from "@/lib/env";
import { getUserApiKey } from "@/lib/server/accounts/vault";
import { getDb } from "@/lib/server/db";
import type { TaskRow } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { getSecrets } from "@/lib/server/secrets";
import { demoTarget, type UpstreamTarget } from "@/lib/server/upstream-target";

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
  const target = await targetInCreationMode(task);
  if (!target) return { kind: "unavailable" };
  if (keyFingerprint(target.apiKey) === task.keyFingerprint) return { kind: "own", target };
  logger.warn(`task ${task.taskId}: its ${target.mode} mode's key changed since it was created`);
  return { kind: "changed", target };
}

/** Today's target for the mode the task was created in, or null when that mode is unavailable. */
async function targetInCreationMode(task: TaskRow): Promise<UpstreamTarget | null> {
  switch (task.upstreamMode) {
    case "demo":
      // Demo tasks live in the embedded simulator, whatever mode the user runs in now.
      return demoTarget();
    case "server-key": {
      const env = getEnv();
      return env.AIO_API_KEY
        ? { mode: "server-key", baseUrl: env.AIO_BASE_URL, apiKey: env.AIO_API_KEY }
        : null;
    }
    case "user-key": {
      const own = await getUserApiKey(await getDb(), getSecrets().vaultKey, task.userId);
      return own ? { mode: "user-key", baseUrl: getEnv().AIO_BASE_URL, apiKey: own } : null;
    }
    default:
      return null;
  }
}
