// What a stored task looks like on the wire: the upstream's status shape, and the list item.
import "server-only";
import { findModel, models, type RouteId } from "@/lib/catalog";
import { normalizeStatus, type TaskInfo } from "@/lib/schemas/api";
import type { TaskListItem } from "@/lib/schemas/tasks";
import type { TaskRow } from "@/lib/server/db/schema";

const previewLength = 120;

export function toTaskInfo(row: TaskRow): TaskInfo {
  return {
    task_id: row.taskId,
    status: normalizeStatus(row.status),
    consumed_credits: row.consumedCredits,
    error_message: row.errorMessage,
    created_at: row.createdAt.toISOString(),
    request: row.request,
    response: row.response,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The words a person would recognise the task by: prompt, inspiration, or the dialogue's lines. */
export function promptPreview(request: Readonly<Record<string, unknown>>): string | null {
  const dialogue = Array.isArray(request.dialogue)
    ? request.dialogue
        .map((line: unknown) =>
          typeof line === "object" && line !== null ? text((line as { text?: unknown }).text) : "",
        )
        .filter(Boolean)
        .join(" / ")
    : undefined;
  const found =
    text(request.prompt) ??
    text(request.gpt_description_prompt) ??
    text(dialogue) ??
    text(request.title);
  if (!found) return null;
  const flat = found.replace(/\s+/g, " ");
  return flat.length > previewLength ? `${flat.slice(0, previewLength - 1)}…` : flat;
}

function outputOf(row: TaskRow): TaskListItem["output"] {
  const route = row.route as RouteId;
  const entry =
    models.find((m) => m.slug === row.modelSlug) ?? findModel(route, row.modelValue ?? undefined);
  return entry?.output ?? "image";
}

export function toListItem(row: TaskRow): TaskListItem {
  const info = toTaskInfo(row);
  return {
    task_id: info.task_id,
    route: row.route as RouteId,
    model: row.modelSlug,
    model_value: row.modelValue,
    output: outputOf(row),
    status: info.status,
    created_at: info.created_at,
    response: info.response,
    consumed_credits: info.consumed_credits,
    error_message: info.error_message,
    prompt_preview: promptPreview(row.request),
  };
}
