"use client";

// Favourite, rename and delete from a task's page, with every cached view of the task kept in step:
// the page's own item, the generation pages' lists and the library's pages.
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-fetch";
import { applyTaskItem } from "@/lib/queries/task-cache";
import { taskKeys } from "@/lib/queries/tasks";
import {
  taskPatchReplySchema,
  type TaskListItem,
  type TaskListReply,
  type TaskPatch,
} from "@/lib/schemas/tasks";

export async function patchTask(
  client: QueryClient,
  taskId: string,
  patch: TaskPatch,
): Promise<TaskListItem> {
  const reply = await apiFetch(
    `/api/v1/tasks/${encodeURIComponent(taskId)}`,
    taskPatchReplySchema,
    {
      method: "PATCH",
      json: patch,
    },
  );
  applyTaskItem(client, reply.task);
  // The library filters on favourites and searches titles: its pages are read again.
  void client.invalidateQueries({ queryKey: taskKeys.libraries });
  return reply.task;
}

type LibraryData = InfiniteData<TaskListReply, unknown>;

/** Takes the task out of every cached list at once (the delete is sent later; see pending-delete). */
export function hideTask(client: QueryClient, taskId: string): void {
  const keep = (t: TaskListItem) => t.task_id !== taskId;
  client.setQueriesData<TaskListReply>({ queryKey: taskKeys.lists }, (old) =>
    old ? { ...old, tasks: old.tasks.filter(keep) } : old,
  );
  client.setQueriesData<LibraryData>({ queryKey: taskKeys.libraries }, (old) =>
    old?.pages
      ? { ...old, pages: old.pages.map((page) => ({ ...page, tasks: page.tasks.filter(keep) })) }
      : old,
  );
}

/** Undo, or a delete that failed: every view reads the task again. */
export function showTaskAgain(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: taskKeys.all });
}
