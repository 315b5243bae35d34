// The server-side tracker: every instance runs one loop that leases due tasks from the database,
// works on them (status checks within each key's budget, copying outputs) and sleeps until the
// next tick or a wake-up (a callback, "check again"). Readers never call the upstream.
import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { workOnTask } from "./check-task";
import { leaseDueTasks, msUntilNextDue, releaseLeases } from "./queue";

export interface TrackerOptions {
  /** Tasks worked on at once by this instance. */
  concurrency?: number;
  /** How often the loop looks for due work when nothing wakes it. */
  tickMs?: number;
  /** How long a lease holds if this process dies mid-work. */
  leaseMs?: number;
}

export interface Tracker {
  readonly owner: string;
  /** Look for due work now instead of at the next tick. */
  wake(): void;
  /** Stops the loop, waits for work in hand and frees this instance's leases. */
  stop(): Promise<void>;
}

export function startTracker(db: Database, options: TrackerOptions = {}): Tracker {
  const concurrency = options.concurrency ?? 16;
  const tickMs = options.tickMs ?? 500;
  const leaseMs = options.leaseMs ?? 60_000;
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  /** Until the next task is due here, at most a tick (other instances add work too), or a wake. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) {
        woken = false;
        resolve();
        return;
      }
      wakeUp = resolve;
      timer = setTimeout(resolve, ms);
      timer.unref();
    }).finally(() => {
      clearTimeout(timer);
      wakeUp = undefined;
      woken = false;
    });

  async function pass(): Promise<number> {
    const rows = await leaseDueTasks(db, owner, concurrency, leaseMs);
    await Promise.all(
      rows.map((row) =>
        workOnTask({ db, owner }, row).catch((err: unknown) => {
          // The lease expires and another pass retries: a bug costs time, never the task.
          logger.error(
            `tracker: task ${row.taskId}: ${err instanceof Error ? err.message : String(err)}`,
          );
        }),
      ),
    );
    return rows.length;
  }

  async function nextWait(): Promise<number> {
    try {
      const due = await msUntilNextDue(db);
      return due === null ? tickMs : Math.min(tickMs, due + 5);
    } catch {
      return tickMs;
    }
  }

  const loop = (async () => {
    while (!stopped) {
      let full = false;
      try {
        full = (await pass()) === concurrency;
      } catch (err) {
        logger.warn(`tracker: pass failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (!full) await sleep(await nextWait());
    }
  })();

  return {
    owner,
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
      await releaseLeases(db, { owner }).catch(() => undefined);
    },
  };
}

const globalForTracker = globalThis as unknown as { studioTracker?: Tracker };

/** Starts this process's tracker once (start-up). */
export async function startProcessTracker(db: Database, exclusive: boolean): Promise<Tracker> {
  if (globalForTracker.studioTracker) return globalForTracker.studioTracker;
  // Owning the database alone, every lease left over is a dead process's: free them now rather
  // than waiting for them to expire.
  if (exclusive) await releaseLeases(db, { all: true });
  globalForTracker.studioTracker = startTracker(db);
  return globalForTracker.studioTracker;
}

/** Wakes this process's tracker, if it runs (a callback or "check again" made work due). */
export function wakeTracker(): void {
  globalForTracker.studioTracker?.wake();
}

/** Tests: stops this process's tracker. */
export async function stopProcessTracker(): Promise<void> {
  const tracker = globalForTracker.studioTracker;
  globalForTracker.studioTracker = undefined;
  await tracker?.stop();
}
