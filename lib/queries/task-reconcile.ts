// A task read from the server meets what the cache already has: the stream may have brought a
// newer version while the read was on its way. Kept apart from task-cache (which imports the
// query definitions) so the queries can use it without a cycle.
import type { z } from "zod";
import { isFinalStatus } from "@/lib/schemas/api";
import type { TaskListItem, TaskListReply, taskStatusReplySchema } from "@/lib/schemas/tasks";

type TaskStatusReply = z.infer<typeof taskStatusReplySchema>;

/**
 * A final task never runs again: an unfinished version arriving after a final one is an older
 * read (two instances, a slow request), not news.
 */
export function isOutdated(existing: TaskListItem, incoming: TaskListItem): boolean {
  return isFinalStatus(existing.status) && !isFinalStatus(incoming.status);
}

const isList = (data: unknown): data is TaskListReply =>
  typeof data === "object" && data !== null && Array.isArray((data as TaskListReply).tasks);

const isDetail = (data: unknown): data is TaskStatusReply =>
  typeof data === "object" && data !== null && typeof (data as TaskStatusReply).data === "object";

/**
 * A list read from the server, minus what the cache already knows to be older: a read that left
 * before a task finished can arrive after the stream announced it, and must not bring the task
 * back to running (nothing would announce it again). The same `fresh` object when nothing is kept.
 */
export function reconcileList(old: unknown, fresh: TaskListReply): TaskListReply {
  if (!isList(old)) return fresh;
  const known = new Map(old.tasks.map((t) => [t.task_id, t]));
  let kept = false;
  const tasks = fresh.tasks.map((task) => {
    const existing = known.get(task.task_id);
    if (!existing || !isOutdated(existing, task)) return task;
    kept = true;
    return existing;
  });
  return kept ? { ...fresh, tasks } : fresh;
}

/** One task read from the server, unless the cache already has it final and the read does not. */
export function reconcileDetail(old: unknown, fresh: TaskStatusReply): TaskStatusReply {
  return isDetail(old) && isFinalStatus(old.data.status) && !isFinalStatus(fresh.data.status)
    ? old
    : fresh;
}
