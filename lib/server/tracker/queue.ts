// The tracker's queue is the tasks table itself: a row with `next_check_at` in the past is work to
// do, taken with a lease (`FOR UPDATE SKIP LOCKED`, so instances never take the same row) that
// expires if its holder dies. No second copy of the state to keep in step with the rows.
import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/server/db";
import { tasks, type NewTaskRow, type TaskRow } from "@/lib/server/db/schema";

/** Statuses with tracker work: checks while IN_PROGRESS, copying outputs once SUCCESS. */
const workStatuses = ["IN_PROGRESS", "SUCCESS", "FAILED"];

const inMs = (ms: number) => sql`clock_timestamp() + ${Math.round(ms)} * interval '1 millisecond'`;

/** Leases up to `limit` due tasks for `owner` for `leaseMs`, earliest due first. */
export async function leaseDueTasks(
  db: Database,
  owner: string,
  limit: number,
  leaseMs: number,
): Promise<TaskRow[]> {
  const now = sql`clock_timestamp()`;
  const due = db
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        inArray(tasks.status, workStatuses),
        // Due and free, or held by a lease that lapsed (its holder died mid-work).
        or(and(lte(tasks.nextCheckAt, now), isNull(tasks.leaseUntil)), lt(tasks.leaseUntil, now)),
      ),
    )
    .orderBy(asc(sql`coalesce(${tasks.nextCheckAt}, ${tasks.leaseUntil})`))
    .limit(limit)
    .for("update", { skipLocked: true });
  return (
    db
      .update(tasks)
      // Emptied while leased, so a check asked for during the work is seen when it ends.
      .set({ leaseOwner: owner, leaseUntil: inMs(leaseMs), nextCheckAt: null })
      .where(inArray(tasks.id, due))
      .returning()
  );
}

/** Milliseconds until the earliest unleased task is due (0 when one is due now), or null. */
export async function msUntilNextDue(db: Database): Promise<number | null> {
  const [row] = await db
    .select({
      ms: sql<
        string | null
      >`extract(epoch from (min(${tasks.nextCheckAt}) - clock_timestamp())) * 1000`,
    })
    .from(tasks)
    .where(and(isNotNull(tasks.nextCheckAt), isNull(tasks.leaseUntil)));
  return row?.ms == null ? null : Math.max(0, Number(row.ms));
}

/** Keeps a lease alive during long work (copying a large video). */
export async function extendLease(db: Database, id: string, owner: string, leaseMs: number) {
  await db
    .update(tasks)
    .set({ leaseUntil: inMs(leaseMs) })
    .where(and(eq(tasks.id, id), eq(tasks.leaseOwner, owner)));
}

export type TaskChanges = Partial<
  Pick<
    NewTaskRow,
    | "status"
    | "response"
    | "consumedCredits"
    | "errorMessage"
    | "completedAt"
    | "checks"
    | "checkedAt"
    | "trackingState"
    | "trackingNote"
    | "deadlineAt"
    | "outputs"
    | "mirrorState"
  >
> & {
  /** Milliseconds from now until the next piece of work; null for none. */
  nextCheckInMs: number | null;
  /** Changes people can see: bumps updated_at, so live views hear of it. */
  visible: boolean;
};

/**
 * Ends `owner`'s lease on a task with the outcome of its work. A lease that expired and was taken
 * by another instance is left alone (null): that instance's outcome wins.
 */
export async function finishLease(
  db: Database,
  id: string,
  owner: string,
  { nextCheckInMs, visible, ...changes }: TaskChanges,
): Promise<TaskRow | null> {
  // next_check_at is empty while a task is leased: a check asked for meanwhile (a callback,
  // "check again") set it, and is kept unless ours is sooner.
  const next =
    nextCheckInMs === null
      ? sql`${tasks.nextCheckAt}`
      : sql`least(${tasks.nextCheckAt}, ${inMs(nextCheckInMs)})`;
  const [row] = await db
    .update(tasks)
    .set({
      ...changes,
      nextCheckAt: next,
      leaseOwner: null,
      leaseUntil: null,
      ...(visible && { updatedAt: sql`now()` }),
    })
    .where(and(eq(tasks.id, id), eq(tasks.leaseOwner, owner)))
    .returning();
  return row ?? null;
}

/**
 * Frees leases: all of them when this process owns the database (embedded PGlite: any lease is a
 * dead process's), else only `owner`'s (a graceful stop).
 */
export async function releaseLeases(db: Database, which: { all: true } | { owner: string }) {
  await db
    .update(tasks)
    .set({
      leaseOwner: null,
      leaseUntil: null,
      nextCheckAt: sql`coalesce(${tasks.nextCheckAt}, clock_timestamp())`,
    })
    .where(
      "all" in which ? sql`${tasks.leaseOwner} is not null` : eq(tasks.leaseOwner, which.owner),
    );
}

/**
 * Asks for a check as soon as the budget allows: a callback arrived, or someone pressed "check
 * again" (then the ceiling starts over). A SUBMITTING row keeps the request for when its id lands.
 */
export async function requestCheckSoon(
  db: Database,
  id: string,
  restartCeilingMs?: number,
): Promise<TaskRow | null> {
  const [row] = await db
    .update(tasks)
    .set({
      nextCheckAt: sql`clock_timestamp()`,
      ...(restartCeilingMs !== undefined && {
        deadlineAt: inMs(restartCeilingMs),
        trackingState: "scheduled",
        trackingNote: null,
        updatedAt: sql`now()`,
      }),
    })
    .where(and(eq(tasks.id, id), inArray(tasks.status, ["IN_PROGRESS", "SUBMITTING"])))
    .returning();
  return row ?? null;
}
