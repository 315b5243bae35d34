// The user's recent successful results, offered as inputs for image and video fields.
import { queryOptions } from "@tanstack/react-query";
import type { RouteId } from "@/lib/catalog";
import { apiFetch } from "@/lib/queries/api-fetch";

export type MediaKind = "image" | "video";

/** Which earlier results to list: every route producing `output`, or one route. */
export type EarlierOutputsFilter = { output: MediaKind } | { route: RouteId };

export interface EarlierOutput {
  url: string;
  taskId: string;
  model: string;
  /** The start of the prompt, when the task had one. */
  label: string;
  createdAt: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `{tasks}` (or an enveloped `{data:{tasks}}`): one entry per output file, newest first. */
export function readEarlierOutputs(payload: unknown): EarlierOutput[] {
  const holder = isRecord(payload) && isRecord(payload.data) ? payload.data : payload;
  const tasks = isRecord(holder) && Array.isArray(holder.tasks) ? holder.tasks : [];
  const outputs: EarlierOutput[] = [];
  for (const task of tasks) {
    if (!isRecord(task) || !Array.isArray(task.response)) continue;
    for (const url of task.response) {
      if (typeof url !== "string" || url === "") continue;
      outputs.push({
        url,
        taskId: String(task.task_id),
        model: typeof task.model === "string" ? task.model : "",
        label: typeof task.prompt_preview === "string" ? task.prompt_preview : "",
        createdAt: typeof task.created_at === "string" ? task.created_at : "",
      });
    }
  }
  return outputs;
}

export const earlierOutputsLimit = 24;

export function earlierOutputsQuery(filter: EarlierOutputsFilter) {
  return queryOptions({
    queryKey: ["tasks", "list", { ...filter, status: "SUCCESS", limit: earlierOutputsLimit }],
    queryFn: async () => {
      const params = new URLSearchParams({
        ...filter,
        status: "SUCCESS",
        limit: String(earlierOutputsLimit),
      });
      return readEarlierOutputs(await apiFetch<unknown>(`/api/v1/tasks?${params.toString()}`));
    },
    // Refetched at each opening of the picker: a run may have finished since.
    staleTime: 0,
  });
}
