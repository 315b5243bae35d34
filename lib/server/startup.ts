// What a server process does once before its first request: secrets exist, the database is open
// and migrated, creations cut short by the last stop are reconciled, demo mode's simulator is up
// and the task tracker runs. Loaded only in the Node.js runtime (instrumentation.ts); a failure here stops the process.
import "server-only";
import { vaultKeyId } from "@/lib/server/accounts/vault";
import { getDatabase } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { getSecrets } from "@/lib/server/secrets";
import { startReconciler } from "@/lib/server/tasks/reconcile";
import { startProcessTracker } from "@/lib/server/tracker/tracker";
import { setKeyLimit } from "@/lib/server/tracker/budget";
import {
  demoKeyFingerprint,
  demoRateLimitPerMinute,
  getDemoSimulator,
  getServerUpstreamMode,
} from "@/lib/server/upstream-target";

export async function startServer(): Promise<void> {
  const [newest, ...older] = getSecrets().vaultKey.split(",").map(vaultKeyId);
  logger.info(
    `vault keys: ${newest} (new writes)${older.length ? `, ${older.join(", ")} (decrypt only)` : ""}`,
  );
  const opened = await getDatabase();
  // The embedded database belongs to this process alone: whatever was mid-creation is orphaned.
  await startReconciler(opened.db, opened.kind === "pglite");
  if (getServerUpstreamMode() === "demo") await getDemoSimulator();
  setKeyLimit(demoKeyFingerprint, demoRateLimitPerMinute);
  // Resumes every unfinished task: their next checks are in the database.
  await startProcessTracker(opened.db, opened.kind === "pglite");
}

/** Starts, or logs one line and exits non-zero: never a server up in a broken state. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (err) {
    console.error(`[studio] could not start: ${startupFailure(err)}`);
    process.exit(1);
  }
}

/** One line for the log: the error and its cause, never a stack of library frames. */
function startupFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
  return `${err.message}${cause}`;
}
