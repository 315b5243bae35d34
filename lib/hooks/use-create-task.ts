"use client";

// Creates a task through our mirrored route (same body and envelope as API in One). Never retried:
// a POST may already have been charged; the Idempotency-Key lets a deliberate resend be deduplicated.
import { useMutation } from "@tanstack/react-query";
import { routes, type RouteId } from "@/lib/catalog";
import { ApiRequestError, apiFetch } from "@/lib/queries/api-fetch";
import { idempotencyKeyHeader } from "@/lib/schemas/tasks";

export interface CreateTaskInput {
  route: RouteId;
  body: Record<string, unknown>;
  idempotencyKey: string;
}

export interface CreatedTask {
  task_id: string;
  status: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `{code:200, message:"success", data:{task_id, status}}`. */
export function readCreatedTask(payload: unknown): CreatedTask {
  const data = isRecord(payload) ? payload.data : undefined;
  if (isRecord(data) && typeof data.task_id === "string" && data.task_id !== "") {
    return { task_id: data.task_id, status: typeof data.status === "string" ? data.status : "" };
  }
  // The request went through, so a task may exist even though we cannot name it.
  throw new ApiRequestError(
    502,
    "server_error",
    "The reply had no task id; the task may have been charged",
  );
}

export async function createTask({
  route,
  body,
  idempotencyKey,
}: CreateTaskInput): Promise<CreatedTask> {
  const payload = await apiFetch<unknown>(`/api/v1${routes[route].path}`, {
    method: "POST",
    json: body,
    headers: { [idempotencyKeyHeader]: idempotencyKey },
  });
  return readCreatedTask(payload);
}

export function useCreateTask() {
  return useMutation({ mutationKey: ["tasks", "create"], mutationFn: createTask, retry: false });
}
