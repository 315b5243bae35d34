// Comparisons as stored: each belongs to one user, and another user's id reads as missing (404).
import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { invalid, notFound } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import {
  comparisons,
  tasks,
  type ComparisonRow,
  type StoredComparisonColumn,
  type TaskRow,
} from "@/lib/server/db/schema";

export type { ComparisonRow } from "@/lib/server/db/schema";

/**
 * Stores a new comparison. With an `id` chosen by the caller (a replayed Idempotency-Key), an
 * existing comparison of that id is returned instead, with `created: false`.
 */
export async function insertComparison(
  db: Database,
  values: Pick<ComparisonRow, "userId" | "route" | "prompt" | "blind" | "columns"> & {
    id?: string;
  },
): Promise<{ row: ComparisonRow; created: boolean }> {
  const [row] = await db.insert(comparisons).values(values).onConflictDoNothing().returning();
  if (row) return { row, created: true };
  const existing = values.id ? await findComparison(db, values.userId, values.id) : undefined;
  if (!existing) throw new Error("the comparison was not stored");
  return { row: existing, created: false };
}

/**
 * Writes what became of one column (its task id, or why there is none) into the stored row. A
 * jsonb_set per column, so columns created at the same time never overwrite each other.
 */
export async function recordColumn(
  db: Database,
  id: string,
  index: number,
  patch: Partial<Pick<StoredComparisonColumn, "taskId" | "error" | "answer">>,
): Promise<void> {
  await db
    .update(comparisons)
    .set({
      columns: sql`jsonb_set(${comparisons.columns}, ${`{${index}}`}::text[], (${comparisons.columns} -> ${index}::int) || ${JSON.stringify(patch)}::jsonb)`,
      updatedAt: new Date(),
    })
    .where(eq(comparisons.id, id));
}

export async function findComparison(
  db: Database,
  userId: string,
  id: string,
): Promise<ComparisonRow | undefined> {
  const [row] = await db
    .select()
    .from(comparisons)
    .where(and(eq(comparisons.userId, userId), eq(comparisons.id, id)))
    .limit(1);
  return row;
}

/** The user's comparison, or 404 — alike for another user's and one that never existed. */
export async function getComparisonOrThrow(db: Database, userId: string, id: string) {
  const row = await findComparison(db, userId, id);
  if (!row) throw notFound("Comparison", "id");
  return row;
}

export function listComparisons(db: Database, userId: string, limit: number) {
  return db
    .select()
    .from(comparisons)
    .where(eq(comparisons.userId, userId))
    .orderBy(desc(comparisons.createdAt), desc(comparisons.id))
    .limit(limit);
}

/** Picks (or clears) the favourite column; a column the comparison does not have is a 400. */
export async function setFavorite(
  db: Database,
  userId: string,
  id: string,
  favorite: number | null,
): Promise<ComparisonRow> {
  const row = await getComparisonOrThrow(db, userId, id);
  if (favorite !== null && favorite >= row.columns.length) {
    throw invalid(
      `favorite_column: this comparison has ${row.columns.length} columns`,
      "favorite_column",
    );
  }
  const [updated] = await db
    .update(comparisons)
    .set({ favoriteColumn: favorite, updatedAt: new Date() })
    .where(and(eq(comparisons.userId, userId), eq(comparisons.id, id)))
    .returning();
  if (!updated) throw notFound("Comparison", "id");
  return updated;
}

/** Deletes the comparison only: its tasks stay in the library. */
export async function deleteComparison(db: Database, userId: string, id: string): Promise<void> {
  const gone = await db
    .delete(comparisons)
    .where(and(eq(comparisons.userId, userId), eq(comparisons.id, id)))
    .returning({ id: comparisons.id });
  if (gone.length === 0) throw notFound("Comparison", "id");
}

/** The user's tasks among these public ids (deleted ones are simply absent). */
export async function tasksOf(
  db: Database,
  userId: string,
  taskIds: readonly string[],
): Promise<TaskRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, userId), inArray(tasks.taskId, [...taskIds])));
}
