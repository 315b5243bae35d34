// Which tasks finished while this tab was watching: a task first seen unfinished and later seen
// SUCCESS or FAILED. A task first seen already final (a page's first load) announces nothing.
import { isFinalStatus, type TaskStatus } from "@/lib/schemas/api";
import type { TaskListItem } from "@/lib/schemas/tasks";

export interface TransitionWatch {
  /** Records what `items` say; returns the ones that have just become final, each once. */
  observe(items: readonly TaskListItem[]): TaskListItem[];
}

export function createTransitionWatch(): TransitionWatch {
  const known = new Map<string, TaskStatus>();
  return {
    observe(items) {
      const finished: TaskListItem[] = [];
      for (const item of items) {
        const before = known.get(item.task_id);
        // A final status is never taken back: an older unfinished read must not re-arm it.
        if (before !== undefined && isFinalStatus(before)) continue;
        known.set(item.task_id, item.status);
        if (before !== undefined && isFinalStatus(item.status)) finished.push(item);
      }
      return finished;
    },
  };
}
