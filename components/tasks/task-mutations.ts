"use client";

// Favourite, rename and delete from a task's page, with every cached view of the task kept in step:
// the page's own item, the generation pages' lists and the library's pages.
import type { QueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-fetch";
import { addPendingDeletion, removePendingDeletion } from "@/lib/queries/pending-deletions";
import { applyTaskItem, removeTask } from "@/lib/queries/task-cache";
import { taskKeys } from "@/lib/queries/tasks";
import { taskPatchReplySchema, type TaskListItem, type TaskPatch } from "@/lib/schemas/tasks";

/** Sends the change; the reply goes into every cached view (the stream brings it to other tabs). */
export async function patchTask(
  client: QueryClient,
  taskId: string,
  patch: TaskPatch,
): Promise<TaskListItem> {
  const reply = await apiFetch(
    `/api/v1/tasks/${encodeURIComponent(taskId)}`,
    taskPatchReplySchema,
    { method: "PATCH", json: patch },
  );
  // applyTaskItem also drops it from a favourites-only view when unstarred.
  applyTaskItem(client, reply.task);
  return reply.task;
}

/**
 * Takes the task out of every view while its undo window is open: out of the cached lists now, and
 * kept out of whatever is read meanwhile (the server lists it until the DELETE is sent).
 */
export function hideTask(client: QueryClient, taskId: string): void {
  addPendingDeletion(taskId);
  removeTask(client, taskId, { keepDetail: true });
}

/**
 * The DELETE went through: the task leaves the cache for good (the stream says so too). Its id stays
 * in the pending set, so a list read that left before the DELETE cannot show it for a moment.
 */
export function forgetTask(client: QueryClient, taskId: string): void {
  removeTask(client, taskId);
}

/** Undo, or a delete that failed: every view reads the task again. */
export function showTaskAgain(client: QueryClient, taskId: string): Promise<void> {
  removePendingDeletion(taskId);
  return client.invalidateQueries({ queryKey: taskKeys.all });
}
