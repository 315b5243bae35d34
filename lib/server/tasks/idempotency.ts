// Idempotency-Key (IETF draft): a repeat from the same user with the same key within the window
// gets the first answer instead of a second upstream call. The claim is a row inserted before the
// upstream call, so concurrent duplicates meet the primary key and only one of them proceeds.
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull, lt, sql, type SQLWrapper } from "drizzle-orm";
import type { RouteId } from "@/lib/catalog";
import { idempotencyKeySchema } from "@/lib/schemas/tasks";
import { ApiError, invalid } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import { idempotencyKeys, tasks, type IdempotencyOutcome } from "@/lib/server/db/schema";

export type { IdempotencyOutcome } from "@/lib/server/db/schema";

export const idempotencyWindowMs = 10 * 60_000;

/** The header's value, or undefined when absent; 400 when it is malformed. */
export function parseIdempotencyKey(value: string | null): string | undefined {
  if (value === null) return undefined;
  const parsed = idempotencyKeySchema.safeParse(value);
  if (!parsed.success) {
    throw invalid(`Idempotency-Key: ${parsed.error.issues[0]?.message ?? ""}`, "Idempotency-Key");
  }
  return parsed.data;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** Same route and same JSON (key order aside) → same hash. */
export function requestHash(route: RouteId | "chat", body: unknown): string {
  return createHash("sha256")
    .update(route)
    .update("\n")
    .update(JSON.stringify(canonical(body)))
    .digest("hex");
}

export type Claim =
  { kind: "claimed" } | { kind: "done"; outcome: IdempotencyOutcome } | { kind: "in-flight" };

const expired = () => sql`now() - ${idempotencyWindowMs} * interval '1 millisecond'`;

function where(userId: string, key: string) {
  return and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
}

/**
 * Claims `key` for this request, or reports what the first request with it did. A claim older
 * than the window is taken over (one UPDATE, so two late-comers cannot both take it). `taskRowId`
 * is the id the request's task row will have: stored with the claim, it tells later whether the
 * request got as far as storing it.
 */
export async function claimIdempotencyKey(
  db: Database,
  userId: string,
  key: string,
  hash: string,
  taskRowId: string,
): Promise<Claim> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash: hash, taskRowId })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { kind: "claimed" };

  const takenOver = await db
    .update(idempotencyKeys)
    .set({ requestHash: hash, outcome: null, taskRowId, createdAt: sql`now()` })
    .where(and(where(userId, key), lt(idempotencyKeys.createdAt, expired())))
    .returning({ key: idempotencyKeys.key });
  if (takenOver.length > 0) return { kind: "claimed" };

  const [row] = await db
    .select({ requestHash: idempotencyKeys.requestHash, outcome: idempotencyKeys.outcome })
    .from(idempotencyKeys)
    .where(where(userId, key))
    .limit(1);
  // Released between our insert and this read: the caller simply tries again.
  if (!row) return { kind: "in-flight" };
  if (row.requestHash !== hash) {
    throw new ApiError(
      422,
      "invalid_request",
      "Idempotency-Key reused with a different body: send a new key for a new request",
      { param: "Idempotency-Key" },
    );
  }
  return row.outcome ? { kind: "done", outcome: row.outcome } : { kind: "in-flight" };
}

/**
 * Stores the first request's outcome. `alongWith` (the task's update) runs in the same statement
 * as a data-modifying CTE: one round trip instead of two on the path the answer waits for; the
 * outcome is stored only if it changed a row. Returns whether the outcome was stored.
 */
export async function completeIdempotencyKey(
  db: Database,
  userId: string,
  key: string,
  outcome: IdempotencyOutcome,
  alongWith?: SQLWrapper,
): Promise<boolean> {
  if (!alongWith) {
    const done = await db
      .update(idempotencyKeys)
      .set({ outcome })
      .where(where(userId, key))
      .returning({ key: idempotencyKeys.key });
    return done.length > 0;
  }
  const result: unknown = await db.execute(sql`
    with recorded as (${alongWith.getSQL()} returning 1)
    update ${idempotencyKeys} set outcome = ${JSON.stringify(outcome)}::jsonb
    where ${where(userId, key)} and exists (select 1 from recorded)
    returning 1`);
  return rowCount(result) > 0;
}

/** Rows a raw statement returned: postgres-js answers an array, PGlite `{ rows }`. */
function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const rows = (result as { rows?: unknown[] } | null)?.rows;
  return Array.isArray(rows) ? rows.length : 0;
}

/** In flight (no outcome) for longer than `olderThanMs`: its process died mid-request. */
const stale = (olderThanMs: number) =>
  and(
    isNull(idempotencyKeys.outcome),
    lt(
      idempotencyKeys.createdAt,
      sql`now() - ${Math.max(0, Math.round(olderThanMs))} * interval '1 millisecond'`,
    ),
  );

/**
 * The first request died before storing its task row, and so before calling the upstream (the
 * row is stored first): nothing can have been charged. (Claims from before the column existed
 * name no row and are not taken for such.)
 */
const neverSent = sql`${idempotencyKeys.taskRowId} is not null and not exists (
  select 1 from ${tasks} where ${tasks.id} = ${idempotencyKeys.taskRowId})`;

/**
 * Settles claims whose first request has been in flight longer than any creation can take (its
 * process died), so duplicates get an answer instead of 409 forever: freed when the request died
 * before storing its task (a retry then creates it), else given `outcome` (it may have reached
 * API in One). Returns how many claims were freed or settled.
 */
async function settle(
  db: Database,
  which: SQLWrapper | undefined,
  olderThanMs: number,
  outcome: IdempotencyOutcome,
): Promise<number> {
  const freed = await db
    .delete(idempotencyKeys)
    .where(and(which, stale(olderThanMs), neverSent))
    .returning({ key: idempotencyKeys.key });
  const settled = await db
    .update(idempotencyKeys)
    .set({ outcome })
    .where(and(which, stale(olderThanMs)))
    .returning({ key: idempotencyKeys.key });
  return freed.length + settled.length;
}

/** One user's claim on `key`, if stale (a duplicate waiting on it): see `settle`. */
export async function settleStaleClaim(
  db: Database,
  userId: string,
  key: string,
  olderThanMs: number,
  outcome: IdempotencyOutcome,
): Promise<boolean> {
  return (await settle(db, where(userId, key), olderThanMs, outcome)) > 0;
}

/** Every claim still in flight after `olderThanMs` (start-up reconciliation): see `settle`. */
export async function settleStaleClaims(
  db: Database,
  olderThanMs: number,
  outcome: IdempotencyOutcome,
): Promise<number> {
  return settle(db, undefined, olderThanMs, outcome);
}

/** Frees the key for a retry: only after a failure that surely never reached the upstream. */
export async function releaseIdempotencyKey(db: Database, userId: string, key: string) {
  await db.delete(idempotencyKeys).where(where(userId, key));
}

let lastPrune = 0;

/** Drops expired claims, at most once per window per process (they are dead weight, not wrong). */
export async function pruneIdempotencyKeys(db: Database, now = Date.now()): Promise<void> {
  if (now - lastPrune < idempotencyWindowMs) return;
  lastPrune = now;
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, expired()));
}
