// The budget on the path of a request a person waits on (a task submission, a chat message). The
// shared budget is a database transaction (a few ms on embedded PGlite); so while a key's window is
// quiet, each instance takes the next slot ahead, in the background, right after using one. The
// next request then spends that leased slot at once and moves its time to the moment of use, so
// the window still counts every request when it leaves. A lease nobody uses within a few seconds
// is given back; none is taken once the window is half full, so leases never crowd out real work.
import "server-only";
import { sql } from "drizzle-orm";
import { ApiError } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { limitFor, onKeyPaused, takeBudget } from "./budget";

interface Lease {
  id: number;
  timer: NodeJS.Timeout;
}

/** Per key fingerprint; a lease is a plain slot, whichever kind of request ends up using it. */
const leases = new Map<string, Lease>();
const refilling = new Set<string>();
/** Bookkeeping not yet started (timers) and under way (queries): what release waits for. */
const scheduled = new Set<NodeJS.Timeout>();
const inFlight = new Set<Promise<unknown>>();
let leaseLifetimeMs = 4_000;
/** How long the bookkeeping after a spend waits for the request's own work to get going. */
const bookkeepingDelayMs = 250;

function later(work: () => void): void {
  const timer = setTimeout(() => {
    scheduled.delete(timer);
    work();
  }, bookkeepingDelayMs);
  timer.unref?.();
  scheduled.add(timer);
}

function track(work: Promise<unknown>): void {
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
}

/**
 * Before a database closes (shutdown, the end of a test file): bookkeeping not yet started is
 * dropped, what is under way finishes, and the slots held ahead are given back, so no query or
 * log line outlives the database.
 */
export async function releaseBudgetLeases(db: Database): Promise<void> {
  for (const timer of scheduled) clearTimeout(timer);
  scheduled.clear();
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  for (const [fingerprint, lease] of leases) {
    clearTimeout(lease.timer);
    giveBack(db, fingerprint, lease.id);
  }
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

/** Tests: how long an unused lease is kept before it is given back. */
export function setLeaseLifetimeForTests(ms: number): void {
  leaseLifetimeMs = ms;
}

function giveBack(db: Database, fingerprint: string, id: number): void {
  if (leases.get(fingerprint)?.id !== id) return;
  leases.delete(fingerprint);
  track(
    db
      .execute(sql`delete from upstream_calls where id = ${id}`)
      .catch(() => logger.warn("budget: giving back an unused slot failed")),
  );
}

function leaseNext(db: Database, fingerprint: string, kind: "submit" | "chat"): void {
  if (leases.has(fingerprint) || refilling.has(fingerprint)) return;
  refilling.add(fingerprint);
  const quiet = Math.floor(limitFor(fingerprint) / 2);
  track(
    takeBudget(db, fingerprint, kind, quiet)
      .then((slot) => {
        if (!slot.ok) return;
        const timer = setTimeout(() => giveBack(db, fingerprint, slot.slotId), leaseLifetimeMs);
        timer.unref?.();
        leases.set(fingerprint, { id: slot.slotId, timer });
      })
      .catch(() => logger.warn("budget: taking a slot ahead failed"))
      .finally(() => refilling.delete(fingerprint)),
  );
}

/**
 * The upstream asked the key to slow down: a slot taken ahead must not bypass the pause. (A pause
 * recorded by another instance reaches this one's lease only when it expires, within seconds.)
 */
onKeyPaused((db, fingerprint) => {
  const lease = leases.get(fingerprint);
  if (!lease) return;
  clearTimeout(lease.timer);
  giveBack(db, fingerprint, lease.id);
});

/** Takes a slot for a request a person is waiting on, or answers our own 429 before the upstream would. */
export async function spendBudgetOrRefuse(
  db: Database,
  fingerprint: string,
  kind: "submit" | "chat",
): Promise<void> {
  const lease = leases.get(fingerprint);
  if (lease) {
    leases.delete(fingerprint);
    clearTimeout(lease.timer);
    // Counted from about now on, as the upstream counts it. Later, not now: embedded PGlite runs
    // on this thread, and the request and its first bytes must not wait behind the bookkeeping
    // (until then the slot counts from when it was leased, a few seconds early at most, which
    // the window's margin covers).
    later(() => {
      track(
        db
          .execute(
            sql`update upstream_calls set at = clock_timestamp(), kind = ${kind} where id = ${lease.id}`,
          )
          .catch(() => logger.warn("budget: dating a leased slot failed")),
      );
      leaseNext(db, fingerprint, kind);
    });
    return;
  }
  const slot = await takeBudget(db, fingerprint, kind);
  if (slot.ok) {
    later(() => leaseNext(db, fingerprint, kind));
    return;
  }
  const seconds = Math.max(1, Math.ceil(slot.retryAfterMs / 1000));
  throw new ApiError(
    429,
    "rate_limit",
    slot.reason === "paused"
      ? `API in One asked this key to slow down; try again in ${seconds} s.`
      : `This API key has made its ${limitFor(fingerprint)} requests of the last minute; try again in ${seconds} s.`,
    { headers: { "Retry-After": String(seconds) }, source: "studio", mayHaveBeenCharged: false },
  );
}
