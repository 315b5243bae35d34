// Deleting a task: the row first (it is what people see), recorded in task_deletions in the same
// transaction so that every instance's live feed hears of it, and its cost in deleted_task_spend
// (what was spent stays spent on /usage); then our copies of its outputs and their thumbnails.
// Inputs stay: an upload may feed other tasks too.
import "server-only";
import type { Database } from "@/lib/server/db";
import { recordTaskDeletion } from "@/lib/server/events/task-deletions";
import { publishTaskDeletion } from "@/lib/server/events/task-feed";
import { deletedTaskSpend } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { getFileStore } from "@/lib/server/storage/get-file-store";
import { thumbnailTokens } from "@/lib/server/storage/thumbnail";
import { deleteTaskRow } from "./task-repository";

/**
 * Deletes the row, records the deletion and keeps the task's spend, atomically; 404 when the user
 * has no such task, 409 while it is being created. The deletion is all another instance sees of
 * a delete (its poller then tells its own listeners).
 */
export async function deleteTaskRecord(db: Database, userId: string, taskId: string) {
  return db.transaction(async (tx) => {
    const row = await deleteTaskRow(tx, userId, taskId);
    await tx.insert(deletedTaskSpend).values({
      userId,
      createdAt: row.createdAt,
      modelSlug: row.modelSlug,
      credits: row.consumedCredits,
    });
    const deletion = await recordTaskDeletion(tx, userId, row.taskId);
    return { row, deletion };
  });
}

/** Deletes one of the user's tasks and its stored files; 404 when the user has no such task, 409 while it is being created. */
export async function deleteTaskForUser(
  db: Database,
  userId: string,
  taskId: string,
): Promise<void> {
  const { row, deletion } = await deleteTaskRecord(db, userId, taskId);
  publishTaskDeletion({ id: row.id, ...deletion });
  const store = getFileStore("outputs");
  const tokens = (row.outputs ?? []).flatMap((output) =>
    output.file ? [output.file, ...thumbnailTokens(output.file)] : [],
  );
  const results = await Promise.allSettled(tokens.map((token) => store.delete(token)));
  const failed = results.filter((result) => result.status === "rejected").length;
  // The task is gone either way; a file left behind is only storage, never shown again.
  if (failed > 0) logger.warn(`task ${row.taskId}: ${failed} stored file(s) not deleted`);
}
