// The user's recent successful results, offered as inputs for image and video fields.
import { queryOptions } from "@tanstack/react-query";
import type { RouteId } from "@/lib/catalog";
import { apiFetch } from "@/lib/queries/api-fetch";
import { taskListReplySchema, type TaskListReply } from "@/lib/schemas/tasks";

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

/** One entry per output file of the listed tasks, newest first. */
export function readEarlierOutputs(reply: TaskListReply): EarlierOutput[] {
  return reply.tasks.flatMap((task) =>
    task.response
      .filter((url) => url !== "")
      .map((url) => ({
        url,
        taskId: task.task_id,
        model: task.model,
        label: task.prompt_preview ?? "",
        createdAt: task.created_at,
      })),
  );
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
      return readEarlierOutputs(
        await apiFetch(`/api/v1/tasks?${params.toString()}`, taskListReplySchema),
      );
    },
    // Refetched at each opening of the picker: a run may have finished since.
    staleTime: 0,
  });
}
