import { queryOptions } from "@tanstack/react-query";
import { isFinalStatus } from "@/lib/schemas/api";
import type { TaskStatusReply } from "@/lib/schemas/tasks";
import { apiFetch } from "./api-fetch";

export const taskKeys = {
  all: ["tasks"] as const,
  detail: (taskId: string) => ["tasks", "detail", taskId] as const,
};

/** One task from our database; polled every 2 s only while it can still change. */
export const taskQuery = (taskId: string) =>
  queryOptions({
    queryKey: taskKeys.detail(taskId),
    queryFn: () => apiFetch<TaskStatusReply>(`/api/v1/tasks/${encodeURIComponent(taskId)}`),
    select: (reply) => reply.data,
    refetchInterval: (query) => {
      const status = query.state.data?.data.status;
      return status && isFinalStatus(status) ? false : 2_000;
    },
    refetchIntervalInBackground: true,
  });
