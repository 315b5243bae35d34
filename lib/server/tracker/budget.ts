// Each upstream key's request budget, shared by every instance through the database: a sliding
// window of the requests made with the key in the last minute, and a pause after the upstream's
// own 429. Submissions may use the whole limit; status checks only what is left after a reserve,
// so a burst of checks never makes a person's Run wait.
import "server-only";
import { sql } from "drizzle-orm";
import { getEnv } from "@/lib/env";
import type { Database } from "@/lib/server/db";

/** submit: task creation; chat: a chat completion; poll: a status check; check: a key check. */
export type CallKind = "submit" | "chat" | "poll" | "check";

/**
 * The window the upstream counts in, plus a margin for the time between taking a slot here and
 * the request arriving there (a busy server, a slow network): a request the upstream counts late
 * must not land in the same minute as requests sent after its slot freed. Measured under a burst
 * of 100 submissions on 2 cores, that lag reached ~4 s when the slot was taken before the row was
 * stored; the slot is now taken just before sending, and 5 s covers it with room.
 */
export const budgetWindowMs = 65_000;

/** Slots per minute kept for submissions: status checks never take the last ones. */
export function pollReserve(limit: number): number {
  return limit <= 2 ? 0 : Math.max(1, Math.floor(limit / 6));
}

/** Requests per minute allowed for a key (by fingerprint). */
export function limitFor(fingerprint: string): number {
  const env = getEnv();
  return (
    env.UPSTREAM_KEY_LIMITS?.[fingerprint] ?? overrides.get(fingerprint) ?? env.UPSTREAM_RATE_LIMIT
  );
}

/** Limits set in code (demo mode's own simulator), below the operator's UPSTREAM_KEY_LIMITS. */
const overrides = new Map<string, number>();
export function setKeyLimit(fingerprint: string, limit: number): void {
  overrides.set(fingerprint, limit);
}

export type BudgetAnswer =
  | {
      ok: true;
      slotId: number;
      /** Every slot taken (more than one only when `count` asked for more). */
      slotIds: number[];
      used: number;
    }
  | { ok: false; retryAfterMs: number; reason: "paused" | "limit" };

type Queryable = Pick<Database, "execute">;

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

const lockKey = (fingerprint: string) => sql`hashtextextended(${`budget:${fingerprint}`}, 0)`;

/**
 * Takes one request slot for the key, or says how long until one frees. One transaction under a
 * per-key advisory lock, so instances taking slots at the same moment cannot both take the last.
 */
export async function takeBudget(
  db: Database,
  fingerprint: string,
  kind: CallKind,
  /** Fewer slots than the kind may use (a slot taken ahead only from a quiet window). */
  capBelow?: number,
  /** Up to this many slots at once, as many as fit under the cap (slots taken ahead). */
  count = 1,
): Promise<BudgetAnswer> {
  const limit = limitFor(fingerprint);
  const cap = Math.min(kind === "poll" ? limit - pollReserve(limit) : limit, capBelow ?? limit);
  const cutoff = sql`clock_timestamp() - ${budgetWindowMs} * interval '1 millisecond'`;
  return db.transaction(async (tx: Queryable) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${lockKey(fingerprint)})`);
    // One statement on the path every submission waits for: the pause, the requests still in
    // the window, and the new slot when there is room (the old ones are purged on the way).
    const [taken] = rowsOf<{
      paused_ms: number | string | null;
      used: number | string;
      ok: boolean;
      slot_ids: string | null;
    }>(
      await tx.execute(sql`
        with paused as (
          select ceil(extract(epoch from (paused_until - clock_timestamp())) * 1000) as wait_ms
          from key_budgets where key_fingerprint = ${fingerprint} and paused_until > clock_timestamp()
        ), purged as (
          delete from upstream_calls where key_fingerprint = ${fingerprint} and at < ${cutoff}
          returning 1
        ), used as (
          select count(*) as n from upstream_calls
          where key_fingerprint = ${fingerprint} and at >= ${cutoff}
        ), slot as (
          insert into upstream_calls (key_fingerprint, kind, at)
          select ${fingerprint}, ${kind}, clock_timestamp()
          from generate_series(1, ${Math.max(1, Math.floor(count))}::int) as g
          where not exists (select 1 from paused) and (select n from used) + g <= ${cap}
          returning id
        )
        select (select wait_ms from paused) as paused_ms, (select n from used) as used,
               exists (select 1 from slot) as ok,
               (select string_agg(id::text, ',' order by id) from slot) as slot_ids,
               (select count(*) from purged) as purged`),
    );
    if (taken?.ok) {
      const slotIds = String(taken.slot_ids).split(",").map(Number);
      return { ok: true, slotId: slotIds[0]!, slotIds, used: Number(taken.used) };
    }
    if (taken?.paused_ms != null) {
      return { ok: false, retryAfterMs: Math.max(1, Number(taken.paused_ms)), reason: "paused" };
    }
    const used = Number(taken?.used ?? 0);
    // The slot frees when the (used - cap + 1)-th oldest request leaves the window.
    const [freed] = rowsOf<{ wait_ms: number | string }>(
      await tx.execute(sql`
        select ceil(extract(epoch from (at + ${budgetWindowMs} * interval '1 millisecond'
                                           - clock_timestamp())) * 1000) as wait_ms
        from upstream_calls where key_fingerprint = ${fingerprint} and at >= ${cutoff}
        order by at asc offset ${Math.max(0, used - cap)} limit 1`),
    );
    return {
      ok: false,
      retryAfterMs: Math.max(1, Number(freed?.wait_ms ?? 1000)),
      reason: "limit",
    };
  });
}

const pauseListeners = new Set<(db: Database, fingerprint: string) => void>();
/** Told of every pause this instance records (slots taken ahead must not outlive it). */
export function onKeyPaused(listener: (db: Database, fingerprint: string) => void): void {
  pauseListeners.add(listener);
}

/** The upstream answered 429: nobody uses the key until `ms` from now (or a later pause ends). */
export async function pauseKey(db: Database, fingerprint: string, ms: number): Promise<void> {
  for (const listener of pauseListeners) listener(db, fingerprint);
  const until = sql`clock_timestamp() + ${Math.max(1000, Math.round(ms))} * interval '1 millisecond'`;
  await db.execute(sql`
    insert into key_budgets (key_fingerprint, paused_until, updated_at)
    values (${fingerprint}, ${until}, now())
    on conflict (key_fingerprint) do update
      set paused_until = greatest(key_budgets.paused_until, excluded.paused_until),
          updated_at = now()`);
}

/** How long to pause after an upstream 429 that names no Retry-After. */
export const defaultPauseMs = 10_000;
