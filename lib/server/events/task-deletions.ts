// The database's record of recent deletions, so that every instance's live feed hears of a task
// deleted on another one (updates reach them as changed rows; a deleted row is just gone).
import "server-only";
import { and, asc, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/lib/server/db";
import { taskDeletions } from "@/lib/server/db/schema";

/** How long a deletion is kept: far longer than any feed reads back (feedOverlapMs). */
export const deletionRetentionMs = 60 * 60 * 1_000;

export interface TaskDeletion {
  userId: string;
  /** The public id. */
  taskId: string;
  deletedAt: Date;
}

/**
 * Records a deletion; call it in the transaction that deletes the row, so that no instance hears
 * of a deletion that rolled back. Prunes the expired ones on the way (the index on deleted_at
 * keeps that cheap).
 */
export async function recordTaskDeletion(
  tx: Database,
  userId: string,
  taskId: string,
): Promise<TaskDeletion> {
  await tx
    .delete(taskDeletions)
    .where(
      lt(taskDeletions.deletedAt, sql`now() - ${deletionRetentionMs} * interval '1 millisecond'`),
    );
  const [recorded] = await tx.insert(taskDeletions).values({ userId, taskId }).returning({
    userId: taskDeletions.userId,
    taskId: taskDeletions.taskId,
    deletedAt: taskDeletions.deletedAt,
  });
  return recorded!;
}

/** The deletions of `users` stamped at or after `since`, oldest first, at most `limit`. */
export function readTaskDeletions(
  db: Database,
  users: string[],
  since: Date,
  limit: number,
): Promise<TaskDeletion[]> {
  return db
    .select({
      userId: taskDeletions.userId,
      taskId: taskDeletions.taskId,
      deletedAt: taskDeletions.deletedAt,
    })
    .from(taskDeletions)
    .where(and(gte(taskDeletions.deletedAt, since), inArray(taskDeletions.userId, users)))
    .orderBy(asc(taskDeletions.deletedAt), asc(taskDeletions.id))
    .limit(limit);
}
