import { queryOptions } from "@tanstack/react-query";
import { isFinalStatus } from "@/lib/schemas/api";
import {
  taskListReplySchema,
  taskStatusReplySchema,
  type TaskListQuery,
} from "@/lib/schemas/tasks";
import { apiFetch } from "./api-fetch";

/** The task list's filters, as `GET /api/v1/tasks` takes them; all optional. */
export type TaskListFilter = Partial<TaskListQuery>;

export const taskKeys = {
  all: ["tasks"] as const,
  detail: (taskId: string) => ["tasks", "detail", taskId] as const,
  // "items" keeps these apart from other queries over the same endpoint that reshape its answer.
  list: (filter: TaskListFilter) => ["tasks", "list", "items", filter] as const,
};

/** One task from our database; polled every 2 s only while it can still change. */
export const taskQuery = (taskId: string) =>
  queryOptions({
    queryKey: taskKeys.detail(taskId),
    queryFn: () => apiFetch(`/api/v1/tasks/${encodeURIComponent(taskId)}`, taskStatusReplySchema),
    select: (reply) => reply.data,
    refetchInterval: (query) => {
      const status = query.state.data?.data.status;
      return status && isFinalStatus(status) ? false : 2_000;
    },
    refetchIntervalInBackground: true,
  });

/** How often a list with unfinished tasks is read again (the server refreshes them on each read). */
export const taskListPollMs = 3_000;

export function taskListPath(filter: TaskListFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined) params.set(name, String(value));
  }
  const query = params.toString();
  return query ? `/api/v1/tasks?${query}` : "/api/v1/tasks";
}

/**
 * The user's tasks, newest first; polled only while one of them is still IN_PROGRESS. Unlike one
 * task's result, a list in a hidden tab is not polled (each read asks the upstream about up to ten
 * tasks); it catches up when the window regains focus.
 */
export const taskListQuery = (filter: TaskListFilter = {}) =>
  queryOptions({
    queryKey: taskKeys.list(filter),
    queryFn: () => apiFetch(taskListPath(filter), taskListReplySchema),
    refetchInterval: (query) =>
      query.state.data?.tasks.some((task) => !isFinalStatus(task.status)) ? taskListPollMs : false,
  });
