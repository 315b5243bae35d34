// Tasks deleted with undo in this tab (the DELETE is sent when the undo toast closes). Until it is,
// the server still lists them: every view (the library's pages, the task lists, the recent runs)
// leaves them out, and a refetch or a stream update must not bring them back. Undo or a refused
// delete takes one out again; after the DELETE the task leaves the cache for good (the stream tells
// other tabs) and its id simply stays here: a deleted id never comes back.

let pending: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();

function replace(next: ReadonlySet<string>): void {
  pending = next;
  for (const listener of listeners) listener();
}

export function addPendingDeletion(taskId: string): void {
  if (!pending.has(taskId)) replace(new Set([...pending, taskId]));
}

export function removePendingDeletion(taskId: string): void {
  if (!pending.has(taskId)) return;
  const next = new Set(pending);
  next.delete(taskId);
  replace(next);
}

export const isPendingDeletion = (taskId: string): boolean => pending.has(taskId);

/** The current set: a new object after each change (a useSyncExternalStore snapshot). */
export const pendingDeletions = (): ReadonlySet<string> => pending;

export function subscribePendingDeletions(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The tasks without those pending deletion; the same array when none is. */
export function withoutPendingDeletions<T extends { task_id: string }>(
  tasks: T[],
  hidden: ReadonlySet<string> = pending,
): T[] {
  if (hidden.size === 0 || !tasks.some((t) => hidden.has(t.task_id))) return tasks;
  return tasks.filter((t) => !hidden.has(t.task_id));
}
