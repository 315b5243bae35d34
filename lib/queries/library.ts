// The library's infinite lists: `GET /api/v1/tasks` page after page (keyset cursors, so tasks
// created meanwhile never shift a page), one cache entry per filter under taskKeys.library. The
// live stream puts new and changed tasks into these pages; without it, the first page is read
// again while something on it can still change.
import { infiniteQueryOptions, type InfiniteData } from "@tanstack/react-query";
import { isFinalStatus } from "@/lib/schemas/api";
import { taskListReplySchema, type TaskListItem, type TaskListReply } from "@/lib/schemas/tasks";
import { apiFetch } from "./api-fetch";
import { taskFallbackPollMs, taskKeys, taskListPath, type TaskListFilter } from "./tasks";

/** Tasks per page: a few screens of cards on a wide display. */
export const libraryPageSize = 48;

export type LibraryData = InfiniteData<TaskListReply, string | undefined>;

export const libraryQuery = (filter: TaskListFilter, live = false) =>
  infiniteQueryOptions({
    queryKey: taskKeys.library(filter),
    queryFn: ({ pageParam, signal }) =>
      apiFetch(
        taskListPath({ ...filter, ...(pageParam !== undefined && { cursor: pageParam }) }),
        taskListReplySchema,
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: (query) =>
      !live && query.state.data?.pages[0]?.tasks.some((task) => !isFinalStatus(task.status))
        ? taskFallbackPollMs
        : false,
  });

/** The pages as one list, each task once (a task the stream added may arrive on a page too). */
export function libraryTasks(
  data: InfiniteData<TaskListReply, unknown> | undefined,
): TaskListItem[] | undefined {
  if (!data) return undefined;
  const seen = new Set<string>();
  const tasks: TaskListItem[] = [];
  for (const page of data.pages) {
    for (const task of page.tasks) {
      if (seen.has(task.task_id)) continue;
      seen.add(task.task_id);
      tasks.push(task);
    }
  }
  return tasks;
}
