// What a stored task looks like on the wire: the upstream's status shape, and the list item.
import "server-only";
import { findModel, models, type RouteId } from "@/lib/catalog";
import { normalizeStatus, type TaskInfo } from "@/lib/schemas/api";
import {
  mediaInputsOf,
  routeKind,
  trackingStates,
  type TaskListItem,
  type TrackingState,
} from "@/lib/schemas/tasks";
import type { TaskRow } from "@/lib/server/db/schema";
import { storedFileUrl } from "@/lib/server/public-origin";

const previewLength = 120;

/** A row as views read it: lists leave out the search columns nobody shows. */
export type ListedRow = Omit<TaskRow, "searchText" | "searchVector">;

/**
 * The outputs as we serve them: our stored copy where there is one (it outlives the upstream's
 * expiring URL), the upstream's URL otherwise. `origin` is where this Studio is reached.
 */
export function servedOutputs(row: ListedRow, origin: string): string[] {
  return row.response.map((url, i) => {
    const copy = row.outputs?.[i];
    return copy?.file && copy.url === url ? storedFileUrl(origin, copy.file) : url;
  });
}

/**
 * Finished upstream, and its outputs are being copied for the first time. It reads as still in
 * progress until the copy ends, so that no reader (a client that fetches once at SUCCESS, our own
 * snippet) is handed the upstream's expiring URL a moment before ours exists. A copy that failed
 * and waits for another try does not hold the task back: its upstream URL is served meanwhile.
 */
export function isSavingOutputs(row: Pick<ListedRow, "status" | "mirrorState" | "outputs">) {
  return row.status === "SUCCESS" && row.mirrorState === "pending" && row.outputs == null;
}

export function toTaskInfo(row: ListedRow, origin: string): TaskInfo {
  const saving = isSavingOutputs(row);
  return {
    task_id: row.taskId,
    status: saving ? "IN_PROGRESS" : normalizeStatus(row.status),
    consumed_credits: row.consumedCredits,
    error_message: row.errorMessage,
    created_at: row.createdAt.toISOString(),
    request: row.request,
    response: saving ? [] : servedOutputs(row, origin),
  };
}

function trackingStateOf(row: ListedRow): TrackingState {
  if (row.status === "SUBMITTING") return "submitting";
  if (isSavingOutputs(row)) return "saving";
  if (row.status !== "IN_PROGRESS") return "done";
  const stored = row.trackingState as TrackingState;
  return trackingStates.includes(stored) && stored !== "done" ? stored : "scheduled";
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

function entryOf(row: ListedRow) {
  return (
    models.find((m) => m.slug === row.modelSlug) ??
    findModel(row.route as RouteId, row.modelValue ?? undefined)
  );
}

export function toListItem(row: ListedRow, origin: string): TaskListItem {
  const info = toTaskInfo(row, origin);
  const saving = isSavingOutputs(row);
  const entry = entryOf(row);
  return {
    task_id: info.task_id,
    route: row.route as RouteId,
    model: row.modelSlug,
    model_value: row.modelValue,
    output: entry?.output ?? "image",
    kind: routeKind[row.route as RouteId] ?? "image",
    favorite: row.favorite,
    title: row.title,
    status: info.status,
    created_at: info.created_at,
    started_at: row.startedAt?.toISOString() ?? null,
    response: info.response,
    consumed_credits: info.consumed_credits,
    error_message: info.error_message,
    prompt_preview: promptPreview(row.request),
    inputs: mediaInputsOf(row.request, entry),
    aspect_ratio: text(row.request.aspect_ratio) ?? null,
    completed_at: saving ? null : (row.completedAt?.toISOString() ?? null),
    original_response: saving ? [] : row.response,
    tracking: {
      state: trackingStateOf(row),
      next_check_at: row.status === "IN_PROGRESS" ? (row.nextCheckAt?.toISOString() ?? null) : null,
      note: saving ? null : row.trackingNote,
    },
  };
}
