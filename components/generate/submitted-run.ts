// A task the form has just created, as a list item: shown at once (result panel, recent runs)
// until the server's own version (creation time, tracking) arrives and replaces it.
import type { SubmittedTask } from "./submitted-task";
import { isFinalStatus, normalizeStatus } from "@/lib/schemas/api";
import { mediaInputsOf, routeKind, type TaskListItem } from "@/lib/schemas/tasks";

function firstText(body: Record<string, unknown>): string | null {
  for (const name of ["prompt", "gpt_description_prompt", "title"]) {
    const value = body[name];
    if (typeof value === "string" && value.trim() !== "") return value.trim().replace(/\s+/g, " ");
  }
  return null;
}

export function submittedRun(task: SubmittedTask, createdAt: number): TaskListItem {
  const status = normalizeStatus(task.status);
  return {
    task_id: task.task_id,
    route: task.route,
    model: task.model.slug,
    model_value: typeof task.body.model === "string" ? task.body.model : null,
    output: task.model.output,
    kind: routeKind[task.route],
    favorite: false,
    title: null,
    status,
    created_at: new Date(createdAt).toISOString(),
    // The upstream has answered its creation: it runs there from now.
    started_at: new Date(createdAt).toISOString(),
    completed_at: isFinalStatus(status) ? new Date(createdAt).toISOString() : null,
    response: [],
    consumed_credits: null,
    error_message: null,
    prompt_preview: firstText(task.body),
    inputs: mediaInputsOf(task.body, task.model),
    aspect_ratio:
      typeof task.body.aspect_ratio === "string" && task.body.aspect_ratio !== ""
        ? task.body.aspect_ratio
        : null,
    original_response: [],
    tracking: {
      state: isFinalStatus(status) ? "done" : "scheduled",
      next_check_at: null,
      note: null,
    },
  };
}
