// Test support: a task list item as the server lists it, with only what a test cares about given.
import type { TaskListItem } from "@/lib/schemas/tasks";

export function taskItem(overrides: Partial<TaskListItem> & { task_id: string }): TaskListItem {
  const status = overrides.status ?? "IN_PROGRESS";
  const done = status !== "IN_PROGRESS";
  return {
    route: "images",
    model: "flux-2",
    model_value: "flux-2",
    output: "image",
    kind: "image",
    favorite: false,
    title: null,
    status,
    created_at: "2026-01-01T00:00:00.000Z",
    started_at: "2026-01-01T00:00:01.000Z",
    completed_at: done ? "2026-01-01T00:00:09.000Z" : null,
    response: status === "SUCCESS" ? ["https://cdn.example/1.png"] : [],
    consumed_credits: status === "SUCCESS" ? 5 : null,
    error_message: status === "FAILED" ? "The upstream refused the prompt." : null,
    prompt_preview: "a red fox",
    inputs: [],
    aspect_ratio: null,
    original_response: [],
    tracking: { state: done ? "done" : "scheduled", next_check_at: null, note: null },
    ...overrides,
  };
}
