// Puts a task the server pushed (or answered a "check again" with) into every cached view of it:
// each task list it belongs in, where its filter and page size say it goes, and its own status
// query. Pure merging first, so every rule has a unit test; the QueryClient part is thin.
import type { QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { isFinalStatus } from "@/lib/schemas/api";
import type { TaskListItem, TaskListReply, taskStatusReplySchema } from "@/lib/schemas/tasks";
import { isOutdated } from "./task-reconcile";
import { defaultTaskListLimit, taskKeys, type TaskListFilter } from "./tasks";

type TaskStatusReply = z.infer<typeof taskStatusReplySchema>;

/** Would `GET /api/v1/tasks` with this filter list the task? */
export function matchesFilter(filter: TaskListFilter, item: TaskListItem): boolean {
  if (filter.route !== undefined && item.route !== filter.route) return false;
  if (filter.output !== undefined && item.output !== filter.output) return false;
  if (filter.status !== undefined && item.status !== filter.status) return false;
  return true;
}

/**
 * The row stored while the upstream was being asked, listed under a placeholder id: the created
 * task is the same row (same creation time, route and model) under its real id.
 */
function isPlaceholderOf(existing: TaskListItem, incoming: TaskListItem): boolean {
  return (
    existing.task_id !== incoming.task_id &&
    existing.tracking.state === "submitting" &&
    existing.created_at === incoming.created_at &&
    existing.route === incoming.route &&
    existing.model === incoming.model
  );
}

const time = (item: TaskListItem) => Date.parse(item.created_at);

export interface MergeOptions {
  /** Add the task only when the list does not have it (a just-created task's first guess). */
  onlyIfAbsent?: boolean;
}

/**
 * The list with `item` in it as the server would list it now: replaced where it was, dropped when
 * it no longer matches the filter, inserted newest-first when it does and fits the page. The same
 * reply object when nothing changes.
 */
export function mergeIntoList(
  reply: TaskListReply,
  filter: TaskListFilter,
  item: TaskListItem,
  options: MergeOptions = {},
): TaskListReply {
  const { tasks } = reply;
  const index = tasks.findIndex((t) => t.task_id === item.task_id);
  const at = index >= 0 ? index : tasks.findIndex((t) => isPlaceholderOf(t, item));
  const existing = tasks[at];
  if (existing) {
    if ((options.onlyIfAbsent && index >= 0) || isOutdated(existing, item)) return reply;
    if (!matchesFilter(filter, item)) return { tasks: tasks.filter((_, i) => i !== at) };
    return { tasks: tasks.map((t, i) => (i === at ? item : t)) };
  }
  if (!matchesFilter(filter, item)) return reply;
  const limit = filter.limit ?? defaultTaskListLimit;
  const before = tasks.findIndex((t) => time(t) < time(item));
  if (before === -1) {
    return tasks.length < limit ? { tasks: [...tasks, item] } : reply;
  }
  return { tasks: [...tasks.slice(0, before), item, ...tasks.slice(before)].slice(0, limit) };
}

/** One task's status reply with what the list item says now (the request stays as stored). */
export function mergeIntoDetail(reply: TaskStatusReply, item: TaskListItem): TaskStatusReply {
  if (isFinalStatus(reply.data.status) && !isFinalStatus(item.status)) return reply;
  return {
    ...reply,
    data: {
      ...reply.data,
      status: item.status,
      response: item.response,
      consumed_credits: item.consumed_credits,
      error_message: item.error_message,
    },
  };
}

/** Several lists as one (a page with several routes), newest first, `limit` long, each task once. */
export function newestRuns(lists: readonly TaskListReply[], limit: number): TaskListItem[] {
  const seen = new Set<string>();
  return lists
    .flatMap((list) => list.tasks)
    .filter((task) => !seen.has(task.task_id) && Boolean(seen.add(task.task_id)))
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    .slice(0, limit);
}

/** Updates every cached list and the status query that show `item`'s task. */
export function applyTaskItem(
  client: QueryClient,
  item: TaskListItem,
  options: MergeOptions = {},
): void {
  for (const query of client.getQueryCache().findAll({ queryKey: taskKeys.lists })) {
    const filter = (query.queryKey[3] ?? {}) as TaskListFilter;
    client.setQueryData<TaskListReply>(query.queryKey, (old) =>
      old ? mergeIntoList(old, filter, item, options) : old,
    );
  }
  if (options.onlyIfAbsent) return;
  client.setQueryData<TaskStatusReply>(taskKeys.detail(item.task_id), (old) =>
    old ? mergeIntoDetail(old, item) : old,
  );
}

/** Does this cached task data still have something that can change (or nothing loaded yet)? */
export function isUnsettled(data: unknown): boolean {
  if (data === undefined) return true;
  if (typeof data !== "object" || data === null) return false;
  if ("tasks" in data && Array.isArray(data.tasks)) {
    return (data.tasks as TaskListItem[]).some((t) => !isFinalStatus(t.status));
  }
  if ("data" in data && typeof data.data === "object" && data.data !== null) {
    const status = (data.data as { status?: unknown }).status;
    return status === "IN_PROGRESS";
  }
  return false;
}

/**
 * After the stream (re)opens: reads again what may have changed while nobody was listening. On
 * the first open only views with unfinished tasks; after an outage every task view (new tasks too).
 */
export function catchUpTasks(client: QueryClient, scope: "unsettled" | "all"): Promise<void> {
  return client.invalidateQueries({
    queryKey: taskKeys.all,
    predicate: scope === "all" ? undefined : (query) => isUnsettled(query.state.data),
  });
}
