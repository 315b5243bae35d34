import { queryOptions, replaceEqualDeep } from "@tanstack/react-query";
import type { z } from "zod";
import { isFinalStatus } from "@/lib/schemas/api";
import {
  taskCheckReplySchema,
  taskListReplySchema,
  taskStatusReplySchema,
  type TaskListQuery,
  type TaskListReply,
} from "@/lib/schemas/tasks";
import { apiFetch } from "./api-fetch";
import { reconcileDetail, reconcileList } from "./task-reconcile";

type TaskStatusReply = z.infer<typeof taskStatusReplySchema>;

/** The task list's filters, as `GET /api/v1/tasks` takes them; all optional. */
export type TaskListFilter = Partial<TaskListQuery>;

export const taskKeys = {
  all: ["tasks"] as const,
  details: ["tasks", "detail"] as const,
  detail: (taskId: string) => ["tasks", "detail", taskId] as const,
  // "items" keeps these apart from other queries over the same endpoint that reshape its answer.
  lists: ["tasks", "list", "items"] as const,
  list: (filter: TaskListFilter) => ["tasks", "list", "items", filter] as const,
  // The library's infinite lists (pages of `{tasks, next_cursor}`), one per filter.
  libraries: ["tasks", "library"] as const,
  library: (filter: TaskListFilter) => ["tasks", "library", filter] as const,
};

/** The server's page size when a list names none. */
export const defaultTaskListLimit = 20;

/** Where the live stream of the user's task changes is read (server-sent events). */
export const taskEventsPath = "/api/v1/tasks/events";

/**
 * While the live stream is down: how often a view with unfinished tasks reads our database again.
 * While it is open, nothing polls: the stream brings every change.
 */
export const taskFallbackPollMs = 10_000;

/** One task from our database, in API in One's status shape. */
export const taskQuery = (taskId: string, live = false) =>
  queryOptions({
    queryKey: taskKeys.detail(taskId),
    queryFn: () => apiFetch(`/api/v1/tasks/${encodeURIComponent(taskId)}`, taskStatusReplySchema),
    structuralSharing: (old, fresh) =>
      replaceEqualDeep(old, reconcileDetail(old, fresh as TaskStatusReply)),
    refetchInterval: (query) => {
      const status = query.state.data?.data.status;
      return live || (status && isFinalStatus(status)) ? false : taskFallbackPollMs;
    },
  });

export function taskListPath(filter: TaskListFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined) params.set(name, String(value));
  }
  const query = params.toString();
  return query ? `/api/v1/tasks?${query}` : "/api/v1/tasks";
}

/**
 * The user's tasks, newest first. `live`: the task stream is open and keeps this list current;
 * without it the list is read again every taskFallbackPollMs while one of its tasks can change.
 */
export const taskListQuery = (filter: TaskListFilter = {}, live = false) =>
  queryOptions({
    queryKey: taskKeys.list(filter),
    queryFn: () => apiFetch(taskListPath(filter), taskListReplySchema),
    structuralSharing: (old, fresh) =>
      replaceEqualDeep(old, reconcileList(old, fresh as TaskListReply)),
    refetchInterval: (query) =>
      !live && query.state.data?.tasks.some((task) => !isFinalStatus(task.status))
        ? taskFallbackPollMs
        : false,
  });

/** Asks the server's tracker to look at a task soon; 429 (with Retry-After) past the key's budget. */
export function checkTask(taskId: string) {
  return apiFetch(`/api/v1/tasks/${encodeURIComponent(taskId)}/check`, taskCheckReplySchema, {
    method: "POST",
  });
}
