// The tasks table: record a created task, read a user's own tasks, and apply what the upstream
// later says about one. Every read is scoped to its owner.
import "server-only";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import { models, routeIds, type OutputKind, type RouteId } from "@/lib/catalog";
import type { TaskPatch } from "@/lib/schemas/tasks";
import type { Database } from "@/lib/server/db";
import { tasks, type NewTaskRow, type TaskRow } from "@/lib/server/db/schema";
import { ApiError, notFound } from "@/lib/server/api-error";
import { searchTextOf } from "./task-search";

export type { TaskRow } from "@/lib/server/db/schema";

/**
 * Stores a task row (a creation's SUBMITTING placeholder, or a fixture). Nothing is returned:
 * reading the row back (JSON included) costs about as much again as the insert, on the path every
 * task creation waits for.
 */
export function insertTask(db: Database, values: NewTaskRow) {
  const searchText = values.searchText ?? searchTextOf(values.request);
  return db
    .insert(tasks)
    .values({ ...values, searchText })
    .onConflictDoNothing();
}

/**
 * A task is stored before the upstream is asked to create it: status SUBMITTING under a
 * placeholder id that no upstream id can equal, so a crash in between leaves a visible row.
 */
export const submittingStatus = "SUBMITTING";
export const placeholderTaskId = (rowId: string) => `pending_${rowId}`;

/**
 * What the upstream said when it created the task, written over the placeholder row, with the
 * tracker's schedule. Matched by the placeholder id, not the status: an answer that outlived the
 * reconciliation (which marked the row "unknown outcome") still lands, so a charged task is never
 * left without its real id. A callback that arrived before the answer keeps its earlier check.
 * The answer is when the task starts running upstream: started_at.
 */
export function recordCreated(
  db: Database,
  rowId: string,
  created: Pick<
    NewTaskRow,
    "taskId" | "status" | "response" | "consumedCredits" | "errorMessage" | "pollable"
  >,
  schedule: {
    /** ms until the tracker's first look (a check, or copying outputs); null for none. */
    nextCheckInMs: number | null;
    ceilingMs: number;
    trackingState: string;
    mirrorState?: string | null;
  },
) {
  const next =
    schedule.nextCheckInMs === null
      ? null
      : sql`least(${tasks.nextCheckAt}, clock_timestamp() + ${Math.round(schedule.nextCheckInMs)} * interval '1 millisecond')`;
  return db
    .update(tasks)
    .set({
      ...created,
      startedAt: sql`now()`,
      updatedAt: sql`now()`,
      checkedAt: sql`now()`,
      completedAt: created.status !== "IN_PROGRESS" ? sql`now()` : null,
      nextCheckAt: next,
      deadlineAt: sql`clock_timestamp() + ${Math.round(schedule.ceilingMs)} * interval '1 millisecond'`,
      trackingState: schedule.trackingState,
      mirrorState: schedule.mirrorState ?? null,
    })
    .where(and(eq(tasks.id, rowId), eq(tasks.taskId, placeholderTaskId(rowId))));
}

/** The columns of a task that ends FAILED with our own message. */
const failedWith = (message: string) => ({
  status: "FAILED",
  errorMessage: message,
  updatedAt: sql`now()`,
  completedAt: sql`now()`,
});

/** Shown on a task whose creation may have happened upstream without us learning its id. */
export const unknownOutcomeMessage =
  "Unknown outcome: the Studio stopped or lost the connection before API in One's answer was stored. The task may have been created and charged; check your API in One account before running it again.";

/** Ends SUBMITTING rows (one, or all older than `olderThanMs`) as FAILED with the unknown-outcome message. */
export async function markOutcomeUnknown(
  db: Database,
  which: { rowId: string } | { olderThanMs: number },
  message = unknownOutcomeMessage,
): Promise<number> {
  const scope =
    "rowId" in which
      ? eq(tasks.id, which.rowId)
      : lt(
          tasks.createdAt,
          sql`now() - ${Math.max(0, Math.round(which.olderThanMs))} * interval '1 millisecond'`,
        );
  const ended = await db
    .update(tasks)
    .set(failedWith(message))
    .where(and(scope, eq(tasks.status, submittingStatus)))
    .returning({ id: tasks.id });
  return ended.length;
}

/** Removes a SUBMITTING row whose request surely never reached the upstream. */
export async function dropSubmitting(db: Database, rowId: string): Promise<void> {
  await db.delete(tasks).where(and(eq(tasks.id, rowId), eq(tasks.status, submittingStatus)));
}

export async function findTask(
  db: Database,
  userId: string,
  taskId: string,
): Promise<TaskRow | undefined> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, userId), eq(tasks.taskId, taskId)))
    .limit(1);
  return row;
}

/** The user's task, or 404 — the same answer for another user's task and one that never existed. */
export async function getTaskOrThrow(db: Database, userId: string, taskId: string) {
  const row = await findTask(db, userId, taskId);
  if (!row) throw notFound("Task");
  return row;
}

/** Routes whose models produce this kind of output (e.g. images: generation and the image tools). */
export function routesProducing(output: OutputKind): RouteId[] {
  return routeIds.filter((r) => models.some((m) => m.route === r && m.output === output));
}

/**
 * Stars or names one of the user's tasks ("" or null clears the name); the row as stored now, or
 * 404. updated_at moves, so other instances' live streams carry the change too.
 */
export async function updateTaskLibrary(
  db: Database,
  userId: string,
  taskId: string,
  patch: TaskPatch,
): Promise<TaskRow> {
  const [row] = await db
    .update(tasks)
    .set({
      ...(patch.favorite !== undefined && { favorite: patch.favorite }),
      ...(patch.title !== undefined && { title: patch.title || null }),
      updatedAt: sql`now()`,
    })
    .where(and(eq(tasks.userId, userId), eq(tasks.taskId, taskId)))
    .returning();
  if (!row) throw notFound("Task");
  return row;
}

/**
 * Removes one of the user's tasks; what it was (for its stored files and the spend), or 404. A
 * task still running may go: the tracker's lease on it then finds no row and its work is dropped.
 * One being created may not (409 conflict): its creation would then answer a failure while the
 * upstream has the task.
 */
export async function deleteTaskRow(
  db: Database,
  userId: string,
  taskId: string,
): Promise<
  Pick<TaskRow, "id" | "taskId" | "outputs" | "createdAt" | "modelSlug" | "consumedCredits">
> {
  const owned = and(eq(tasks.userId, userId), eq(tasks.taskId, taskId));
  const [row] = await db
    .delete(tasks)
    .where(and(owned, ne(tasks.status, submittingStatus)))
    .returning({
      id: tasks.id,
      taskId: tasks.taskId,
      outputs: tasks.outputs,
      createdAt: tasks.createdAt,
      modelSlug: tasks.modelSlug,
      consumedCredits: tasks.consumedCredits,
    });
  if (row) return row;
  if (await findTask(db, userId, taskId)) {
    throw new ApiError(
      409,
      "conflict",
      "This task is still being created; delete it once API in One has answered",
      { param: "task_id" },
    );
  }
  throw notFound("Task");
}
