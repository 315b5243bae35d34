// The budget on the path of a request a person waits on (a task submission, a chat message). The
// shared budget is a database transaction (a few ms on embedded PGlite); so while a key's window is
// quiet, each instance takes the next slot ahead, in the background, right after using one (a few
// at once for a key allowed thousands a minute). The next request then spends a leased slot at
// once; the slots spent are re-dated together to about their moment of use a moment later, so the
// window still counts every request when it leaves. Leased slots nobody uses within a few seconds
// are given back; none are taken once the window is half full, so leases never crowd out real work.
import "server-only";
import { sql } from "drizzle-orm";
import { ApiError } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { limitFor, onKeyPaused, takeBudget } from "./budget";

/** Slots held ahead for one key fingerprint, oldest first, and when they are given back. */
interface Lease {
  ids: number[];
  timer: NodeJS.Timeout;
}

/** Per key fingerprint; a lease is a plain slot, whichever kind of request ends up using it. */
const leases = new Map<string, Lease>();
const refilling = new Set<string>();
/** Leased slots spent since the last re-dating, re-dated together (one statement). */
const spent = new Map<Database, Map<number, "submit" | "chat">>();
/** Bookkeeping not yet started (timers) and under way (queries): what release waits for. */
const scheduled = new Set<NodeJS.Timeout>();
const inFlight = new Set<Promise<unknown>>();
let leaseLifetimeMs = 4_000;
/** How long the bookkeeping after a spend waits for the request's own work to get going. */
const bookkeepingDelayMs = 250;

/**
 * How many slots one lease takes: one for a key of ordinary limits (60 a minute), more for a
 * key allowed thousands, whose requests come faster than one lease per request could keep up
 * with without a transaction on the path of nearly every request.
 */
export function leaseSize(limit: number): number {
  return Math.min(16, Math.max(1, Math.floor(limit / 100)));
}

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
  spent.delete(db);
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  for (const [fingerprint, lease] of leases) {
    clearTimeout(lease.timer);
    giveBack(db, fingerprint, lease);
  }
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

/** Tests: how long an unused lease is kept before it is given back. */
export function setLeaseLifetimeForTests(ms: number): void {
  leaseLifetimeMs = ms;
}

function giveBack(db: Database, fingerprint: string, lease: Lease): void {
  if (leases.get(fingerprint) !== lease) return;
  leases.delete(fingerprint);
  if (lease.ids.length === 0) return;
  const ids = sql.join(
    lease.ids.map((id) => sql`${id}`),
    sql`, `,
  );
  track(
    db
      .execute(sql`delete from upstream_calls where id in (${ids})`)
      .catch(() => logger.warn("budget: giving back unused slots failed")),
  );
}

function leaseNext(db: Database, fingerprint: string, kind: "submit" | "chat"): void {
  if (leases.has(fingerprint) || refilling.has(fingerprint)) return;
  refilling.add(fingerprint);
  const limit = limitFor(fingerprint);
  track(
    takeBudget(db, fingerprint, kind, Math.floor(limit / 2), leaseSize(limit))
      .then((slot) => {
        if (!slot.ok) return;
        const lease: Lease = { ids: slot.slotIds, timer: undefined as unknown as NodeJS.Timeout };
        lease.timer = setTimeout(() => giveBack(db, fingerprint, lease), leaseLifetimeMs);
        lease.timer.unref?.();
        leases.set(fingerprint, lease);
      })
      .catch(() => logger.warn("budget: taking a slot ahead failed"))
      .finally(() => refilling.delete(fingerprint)),
  );
}

/**
 * Counts the slots spent since the last call from about now on, as the upstream counts them, in
 * one statement. Later than the spend: embedded PGlite runs on this thread, and the request and
 * its first bytes must not wait behind the bookkeeping (until then a slot counts from when it was
 * leased, a few seconds early at most, which the window's margin covers).
 */
function redateSpent(db: Database): void {
  const batch = spent.get(db);
  spent.delete(db);
  if (!batch || batch.size === 0) return;
  const rows = sql.join(
    [...batch].map(([id, kind]) => sql`(${id}::bigint, ${kind}::text)`),
    sql`, `,
  );
  track(
    db
      .execute(
        sql`update upstream_calls set at = clock_timestamp(), kind = spent.kind
            from (values ${rows}) as spent (id, kind) where upstream_calls.id = spent.id`,
      )
      .catch(() => logger.warn("budget: dating leased slots failed")),
  );
}

/**
 * The upstream asked the key to slow down: slots taken ahead must not bypass the pause. (A pause
 * recorded by another instance reaches this one's lease only when it expires, within seconds.)
 */
onKeyPaused((db, fingerprint) => {
  const lease = leases.get(fingerprint);
  if (!lease) return;
  clearTimeout(lease.timer);
  giveBack(db, fingerprint, lease);
});

/** Takes a slot for a request a person is waiting on, or answers our own 429 before the upstream would. */
export async function spendBudgetOrRefuse(
  db: Database,
  fingerprint: string,
  kind: "submit" | "chat",
): Promise<void> {
  const lease = leases.get(fingerprint);
  const id = lease?.ids.shift();
  if (lease && id !== undefined) {
    const last = lease.ids.length === 0;
    if (last) {
      leases.delete(fingerprint);
      clearTimeout(lease.timer);
    }
    let batch = spent.get(db);
    if (!batch) {
      batch = new Map();
      spent.set(db, batch);
      later(() => redateSpent(db));
    }
    batch.set(id, kind);
    if (last) later(() => leaseNext(db, fingerprint, kind));
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
