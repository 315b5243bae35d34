// The live task stream's wire format, browser side: `event: task` carrying one TaskListItem as
// JSON, `event: task-deleted` carrying `{"task_id"}` (GET /api/v1/tasks/events, see
// lib/server/events/task-event-stream.ts).
import { taskListItemSchema, type TaskListItem } from "@/lib/schemas/tasks";

export const taskEventName = "task";
export const taskDeletedEventName = "task-deleted";

/** The item an event carries, or null for anything that is not one (never throws). */
export function parseTaskEvent(data: string): TaskListItem | null {
  try {
    const parsed = taskListItemSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The id a deletion event carries, or null for anything that is not one (never throws). */
export function parseTaskDeletedEvent(data: string): string | null {
  try {
    const parsed: unknown = JSON.parse(data);
    const id = (parsed as { task_id?: unknown } | null)?.task_id;
    return typeof id === "string" && id !== "" ? id : null;
  } catch {
    return null;
  }
}

/** Wait before reopening a stream the server refused (EventSource gives up on those itself). */
export function reopenDelayMs(attempt: number): number {
  return Math.min(60_000, 5_000 * 2 ** Math.max(0, attempt));
}
