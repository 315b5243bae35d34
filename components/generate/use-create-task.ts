"use client";

// Creates a task through our mirrored route (same body and envelope as API in One). Never retried:
// a POST may already have been charged; the Idempotency-Key lets a deliberate resend be deduplicated.
import { useMutation } from "@tanstack/react-query";
import { routes, type RouteId } from "@/lib/catalog";
import { apiFetch } from "@/lib/queries/api-fetch";
import {
  idempotencyKeyHeader,
  taskCreatedReplySchema,
  type TaskCreatedReply,
} from "@/lib/schemas/tasks";

export interface CreateTaskInput {
  route: RouteId;
  body: Record<string, unknown>;
  idempotencyKey: string;
}

export type CreatedTask = TaskCreatedReply["data"];

/** The created task; a 2xx answer not in the envelope's shape counts as possibly charged. */
export async function createTask({
  route,
  body,
  idempotencyKey,
}: CreateTaskInput): Promise<CreatedTask> {
  const reply = await apiFetch(`/api/v1${routes[route].path}`, taskCreatedReplySchema, {
    method: "POST",
    json: body,
    headers: { [idempotencyKeyHeader]: idempotencyKey },
  });
  return reply.data;
}

export function useCreateTask() {
  return useMutation({ mutationKey: ["tasks", "create"], mutationFn: createTask, retry: false });
}
