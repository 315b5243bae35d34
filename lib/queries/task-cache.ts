// Puts a task the server pushed (or answered a "check again" with) into every cached view of it:
// each task list it belongs in, where its filter and page size say it goes, and its own status
// query. Pure merging first, so every rule has a unit test; the QueryClient part is thin.
import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import type { z } from "zod";
import { isFinalStatus } from "@/lib/schemas/api";
import type { TaskListItem, TaskListReply, taskStatusReplySchema } from "@/lib/schemas/tasks";
import { isPendingDeletion } from "./pending-deletions";
import { trackReads, type ReadTracker } from "./task-reads";
import { isOutdated } from "./task-reconcile";
import { defaultTaskListLimit, taskKeys, type TaskListFilter } from "./tasks";

type TaskStatusReply = z.infer<typeof taskStatusReplySchema>;

/** The library's pages of one filter, as TanStack keeps an infinite query. */
export type LibraryPages = InfiniteData<TaskListReply, unknown>;

/** A `since`/`until` bound in ms: a bare day is midnight UTC, as the server reads it. */
const boundMs = (value: string) =>
  Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

/**
 * Would `GET /api/v1/tasks` with this filter list the task? Everything but the search words, which
 * only the server can match (see mergeIntoLibrary).
 */
export function matchesFilter(filter: TaskListFilter, item: TaskListItem): boolean {
  if (filter.route !== undefined && item.route !== filter.route) return false;
  if (filter.output !== undefined && item.output !== filter.output) return false;
  if (filter.kind !== undefined && item.kind !== filter.kind) return false;
  if (filter.model !== undefined && item.model !== filter.model) return false;
  if (filter.status !== undefined && item.status !== filter.status) return false;
  if (filter.favorite !== undefined && item.favorite !== (filter.favorite === "true")) return false;
  const created = Date.parse(item.created_at);
  if (filter.since !== undefined && created < boundMs(filter.since)) return false;
  if (filter.until !== undefined && created >= boundMs(filter.until)) return false;
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

/** Is `task` the created task that `placeholder` stood for while the upstream was asked? */
const isCreatedFrom = (task: TaskListItem, placeholder: TaskListItem) =>
  task.tracking.state !== "submitting" && isPlaceholderOf(placeholder, task);

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
    if (!matchesFilter(filter, item)) return { ...reply, tasks: tasks.filter((_, i) => i !== at) };
    return { ...reply, tasks: tasks.map((t, i) => (i === at ? item : t)) };
  }
  // Deleted with undo: the window is open, so an update must not bring it back. A placeholder
  // whose created task is listed already is old news (a read's answer overtook it).
  if (isPendingDeletion(item.task_id) || !matchesFilter(filter, item)) return reply;
  if (tasks.some((t) => isCreatedFrom(t, item))) return reply;
  const limit = filter.limit ?? defaultTaskListLimit;
  const before = tasks.findIndex((t) => time(t) < time(item));
  if (before === -1) {
    return tasks.length < limit ? { ...reply, tasks: [...tasks, item] } : reply;
  }
  return {
    ...reply,
    tasks: [...tasks.slice(0, before), item, ...tasks.slice(before)].slice(0, limit),
  };
}

/** Where the task (or the placeholder it replaces) is in the pages: [page, index], or undefined. */
function findInPages(
  pages: readonly TaskListReply[],
  item: TaskListItem,
): [number, number] | undefined {
  for (const exact of [true, false]) {
    for (const [p, page] of pages.entries()) {
      const i = page.tasks.findIndex((t) =>
        exact ? t.task_id === item.task_id : isPlaceholderOf(t, item),
      );
      if (i >= 0) return [p, i];
    }
  }
  return undefined;
}

function withPage(data: LibraryPages, p: number, tasks: TaskListItem[]): LibraryPages {
  return { ...data, pages: data.pages.map((page, i) => (i === p ? { ...page, tasks } : page)) };
}

/**
 * The library's pages with `item` in them as the server would list it now: replaced in whatever
 * page holds it, dropped when it stops matching (unstarred under favourites), and a task not
 * there yet put into the first page at its place by creation time — unless the filter searches
 * words (only the server knows whether they match) or the task is older than the whole first page
 * of a longer list (the next page read brings it). Pages are never cut: their cursors stay valid.
 * The same object when nothing changes.
 */
export function mergeIntoLibrary(
  data: LibraryPages,
  filter: TaskListFilter,
  item: TaskListItem,
  options: MergeOptions = {},
): LibraryPages {
  const found = findInPages(data.pages, item);
  if (found) {
    const [p, i] = found;
    const tasks = data.pages[p]!.tasks;
    const existing = tasks[i]!;
    if ((options.onlyIfAbsent && existing.task_id === item.task_id) || isOutdated(existing, item)) {
      return data;
    }
    if (!matchesFilter(filter, item))
      return withPage(
        data,
        p,
        tasks.filter((_, j) => j !== i),
      );
    return withPage(
      data,
      p,
      tasks.map((t, j) => (j === i ? item : t)),
    );
  }
  const first = data.pages[0];
  if (!first || filter.q !== undefined || isPendingDeletion(item.task_id)) return data;
  if (data.pages.some((page) => page.tasks.some((t) => isCreatedFrom(t, item)))) return data;
  if (!matchesFilter(filter, item)) return data;
  const before = first.tasks.findIndex((t) => time(t) < time(item));
  if (before === -1 && first.next_cursor !== null) return data;
  const at = before === -1 ? first.tasks.length : before;
  return withPage(data, 0, [...first.tasks.slice(0, at), item, ...first.tasks.slice(at)]);
}

/** The pages without a task (deleted); the same object when it was not there. */
export function removeFromLibrary(data: LibraryPages, taskId: string): LibraryPages {
  const p = data.pages.findIndex((page) => page.tasks.some((t) => t.task_id === taskId));
  if (p < 0) return data;
  return withPage(
    data,
    p,
    data.pages[p]!.tasks.filter((t) => t.task_id !== taskId),
  );
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

/**
 * Several lists as one (a page with several routes), newest first, `limit` long, each task once,
 * without those deleted with undo (a list read during the undo window still has them).
 */
export function newestRuns(lists: readonly TaskListReply[], limit: number): TaskListItem[] {
  const seen = new Set<string>();
  return lists
    .flatMap((list) => list.tasks)
    .filter((task) => !seen.has(task.task_id) && Boolean(seen.add(task.task_id)))
    .filter((task) => !isPendingDeletion(task.task_id))
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    .slice(0, limit);
}

/** Puts `item` into one cached task view: a list, a library, or the task's own status query. */
function applyToQuery(
  client: QueryClient,
  queryKey: QueryKey,
  item: TaskListItem,
  options: MergeOptions = {},
): void {
  const [, kind, third] = queryKey;
  if (kind === "list" && third === "items") {
    const filter = (queryKey[3] ?? {}) as TaskListFilter;
    client.setQueryData<TaskListReply>(queryKey, (old) =>
      old ? mergeIntoList(old, filter, item, options) : old,
    );
  } else if (kind === "library") {
    const filter = (third ?? {}) as TaskListFilter;
    client.setQueryData<LibraryPages>(queryKey, (old) =>
      old ? mergeIntoLibrary(old, filter, item, options) : old,
    );
  } else if (kind === "detail" && third === item.task_id && !options.onlyIfAbsent) {
    client.setQueryData<TaskStatusReply>(queryKey, (old) =>
      old ? mergeIntoDetail(old, item) : old,
    );
  }
}

/** Takes a deleted task out of one cached list or library. */
function removeFromQuery(client: QueryClient, queryKey: QueryKey, taskId: string): void {
  const [, kind, third] = queryKey;
  if (kind === "list" && third === "items") {
    client.setQueryData<TaskListReply>(queryKey, (old) =>
      old?.tasks.some((t) => t.task_id === taskId)
        ? { ...old, tasks: old.tasks.filter((t) => t.task_id !== taskId) }
        : old,
    );
  } else if (kind === "library") {
    client.setQueryData<LibraryPages>(queryKey, (old) =>
      old ? removeFromLibrary(old, taskId) : old,
    );
  }
}

type TaskWrite =
  { kind: "task"; item: TaskListItem; options: MergeOptions } | { kind: "deleted"; taskId: string };

const trackers = new WeakMap<QueryClient, ReadTracker<TaskWrite>>();

/**
 * From now on, what applyTaskItem and removeTask write is written again over the answer of any
 * task read that was in flight at the time (see task-reads). Once per client; returns the stop.
 */
export function trackTaskReads(client: QueryClient): () => void {
  const existing = trackers.get(client);
  if (existing) return existing.stop;
  const tracker = trackReads<TaskWrite>(
    client,
    (queryKey) => queryKey[0] === taskKeys.all[0],
    (queryKey, write) =>
      write.kind === "task"
        ? applyToQuery(client, queryKey, write.item, write.options)
        : removeFromQuery(client, queryKey, write.taskId),
  );
  trackers.set(client, tracker);
  return () => {
    tracker.stop();
    trackers.delete(client);
  };
}

const taskQueries = (client: QueryClient) =>
  client.getQueryCache().findAll({ queryKey: taskKeys.all });

/** Updates every cached list and library, and the status query, that show `item`'s task. */
export function applyTaskItem(
  client: QueryClient,
  item: TaskListItem,
  options: MergeOptions = {},
): void {
  for (const query of taskQueries(client)) applyToQuery(client, query.queryKey, item, options);
  trackers.get(client)?.record({ kind: "task", item, options });
}

/**
 * A deleted task leaves every cached list and library, and (unless `keepDetail`: deleted with
 * undo, its page may still be open) its own status query.
 */
export function removeTask(
  client: QueryClient,
  taskId: string,
  { keepDetail = false }: { keepDetail?: boolean } = {},
): void {
  for (const query of taskQueries(client)) removeFromQuery(client, query.queryKey, taskId);
  trackers.get(client)?.record({ kind: "deleted", taskId });
  if (!keepDetail) client.removeQueries({ queryKey: taskKeys.detail(taskId), exact: true });
}

/** Does this cached task data still have something that can change (or nothing loaded yet)? */
export function isUnsettled(data: unknown): boolean {
  if (data === undefined) return true;
  if (typeof data !== "object" || data === null) return false;
  if ("tasks" in data && Array.isArray(data.tasks)) {
    return (data.tasks as TaskListItem[]).some((t) => !isFinalStatus(t.status));
  }
  if ("pages" in data && Array.isArray(data.pages)) {
    return (data.pages as TaskListReply[]).some((page) => isUnsettled(page));
  }
  if ("data" in data && typeof data.data === "object" && data.data !== null) {
    const status = (data.data as { status?: unknown }).status;
    return status === "IN_PROGRESS";
  }
  return false;
}

/**
 * Could this cached view have missed a change made while no stream was open? Anything that lists
 * tasks could (a task may have been created since it was read, even when every task it shows has
 * ended); a task's own view only while it has something left to change.
 */
function mayHaveMissedChanges(queryKey: readonly unknown[], data: unknown): boolean {
  const kind = queryKey[1];
  return kind === "list" || kind === "library" || isUnsettled(data);
}

/**
 * After the stream (re)opens: reads again what may have changed while nobody was listening. On
 * the first open every view that lists tasks (the page read them before the stream was open, so a
 * task created in between would never show) and every unfinished task; after an outage every task
 * view.
 */
export function catchUpTasks(client: QueryClient, scope: "first-open" | "all"): Promise<void> {
  return client.invalidateQueries({
    queryKey: taskKeys.all,
    predicate:
      scope === "all"
        ? undefined
        : (query) => mayHaveMissedChanges(query.queryKey, query.state.data),
  });
}
