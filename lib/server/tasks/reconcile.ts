// Start-up (and once a minute after) reconciliation of creations that were cut short: a task row
// still SUBMITTING, or an Idempotency-Key claim still in flight, whose process died between asking
// API in One and storing its answer. They may have been charged, so they are never dropped: each
// ends visibly as "unknown outcome", and a retry with the same key gets that answer, not a 409.
import "server-only";
import type { Database } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { inFlightLimitMs, unknownOutcome } from "./claim-or-replay";
import { settleStaleClaims } from "./idempotency";
import { markOutcomeUnknown } from "./task-repository";

export const reconcileEveryMs = 60_000;

/**
 * `exclusive`: this process owns the database (embedded PGlite), so nothing else can still be
 * submitting and every leftover is orphaned. On a shared Postgres, only what is older than any
 * creation can take.
 */
export async function reconcileSubmissions(db: Database, exclusive: boolean): Promise<number> {
  const olderThanMs = exclusive ? 0 : inFlightLimitMs;
  const tasks = await markOutcomeUnknown(db, { olderThanMs });
  const claims = await settleStaleClaims(db, olderThanMs, unknownOutcome);
  if (tasks + claims > 0) {
    logger.warn(
      `reconciled ${tasks} task creation(s) and ${claims} Idempotency-Key claim(s) cut short by a stop: marked "unknown outcome — may have been charged"`,
    );
  }
  return tasks;
}

const globalForReconcile = globalThis as unknown as { studioReconcile?: NodeJS.Timeout };

/** Runs once now, then every minute for creations cut short on other instances. */
export async function startReconciler(db: Database, exclusive: boolean): Promise<void> {
  await reconcileSubmissions(db, exclusive);
  globalForReconcile.studioReconcile ??= setInterval(() => {
    reconcileSubmissions(db, false).catch(() => logger.warn("reconciliation pass failed"));
  }, reconcileEveryMs).unref();
}
