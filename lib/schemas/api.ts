// The API in One wire contract (SPEC §0, §3, §6): shapes shared by the simulator, the upstream
// client and our mirrored routes. Isomorphic: no server imports.
import { z } from "zod";

export const errorTypes = [
  "invalid_request",
  "authentication_error",
  "insufficient_credits",
  "not_found",
  "rate_limit",
  "server_error",
] as const;
export type ErrorType = (typeof errorTypes)[number];

/** The upstream's error shape (SPEC §0, §3.5): what API in One and the simulator answer. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.number().int(),
    type: z.string(),
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const errorSources = ["studio", "upstream"] as const;
export type ErrorSource = (typeof errorSources)[number];

/**
 * Every non-2xx JSON answer of the Studio: the upstream's shape plus fields a client decides on,
 * so nobody has to read the English message.
 * - `param`: the request field at fault ("prompt", "dialogue[0].text"), or null.
 * - `source`: "upstream" when API in One refused or failed, "studio" for our own checks.
 * - `may_have_been_charged`: true only when the request may have reached API in One.
 * - `request_id`: also sent as the X-Request-Id header; quote it when reporting a problem.
 */
export const studioErrorBodySchema = z.object({
  error: z.object({
    code: z.number().int(),
    type: z.string(),
    message: z.string(),
    param: z.string().nullable(),
    source: z.enum(errorSources),
    may_have_been_charged: z.boolean(),
    request_id: z.string(),
  }),
});
export type StudioErrorBody = z.infer<typeof studioErrorBodySchema>;
export type StudioError = StudioErrorBody["error"];

/**
 * Types the Studio adds to the upstream's: 403 for a refused cross-site call or missing right;
 * 409 `conflict` when the resource's state forbids the change now (deleting a task still being
 * created); 413 when the user's own upload quota is full (a file too large is `invalid_request`).
 */
export const studioErrorTypes = [...errorTypes, "forbidden", "conflict", "quota_exceeded"] as const;
export type StudioErrorType = (typeof studioErrorTypes)[number];

export const requestIdHeader = "X-Request-Id";

/** An id for one request (Web Crypto: the proxy and the Node routes share it). */
export function newRequestId(): string {
  return `req_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
}

export const statusForErrorType: Record<ErrorType, number> = {
  invalid_request: 400,
  authentication_error: 401,
  insufficient_credits: 402,
  not_found: 404,
  rate_limit: 429,
  server_error: 500,
};

export function errorBody(
  type: ErrorType,
  message: string,
  code = statusForErrorType[type],
): ErrorBody {
  return { error: { code, type, message } };
}

/** Canonical task status values (SPEC §0). Upstream variants are normalised by `normalizeStatus`. */
export const taskStatuses = ["IN_PROGRESS", "SUCCESS", "FAILED"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

const doneWords = new Set(["success", "succeeded", "completed", "complete"]);
const failWords = new Set(["failed", "failure", "error", "cancelled", "canceled", "timeout"]);

/** SPEC §6.3: compare case-insensitively; anything not final is still running. */
export function normalizeStatus(raw: unknown): TaskStatus {
  const s = typeof raw === "string" ? raw.trim().toLowerCase() : "";
  if (doneWords.has(s)) return "SUCCESS";
  if (failWords.has(s)) return "FAILED";
  return "IN_PROGRESS";
}

export function isFinalStatus(status: TaskStatus): boolean {
  return status === "SUCCESS" || status === "FAILED";
}

/** Enveloped success (SPEC §3.1). */
export function envelope<T>(data: T): { code: 200; message: "success"; data: T } {
  return { code: 200, message: "success", data };
}

/** Task creation reply, canonical form. */
export const taskCreatedSchema = z.object({
  task_id: z.string().min(1),
  status: z.enum(taskStatuses),
});

/** Task status reply, canonical form (SPEC §0). */
export const taskInfoSchema = z.object({
  task_id: z.string().min(1),
  status: z.enum(taskStatuses),
  consumed_credits: z.number().nullable(),
  error_message: z.string().nullable(),
  created_at: z.string(),
  request: z.record(z.string(), z.unknown()),
  response: z.array(z.string()),
});
export type TaskInfo = z.infer<typeof taskInfoSchema>;

/** OpenAI-compatible chat completion (SPEC §0, §7), non-streaming. */
export const chatCompletionSchema = z.object({
  id: z.string(),
  object: z.string().optional(),
  created: z.number().optional(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().optional(),
      message: z.object({
        role: z.string(),
        content: z.string().nullable().optional(),
        reasoning_content: z.string().nullable().optional(),
        tool_calls: z
          .array(
            z.object({
              id: z.string(),
              type: z.literal("function"),
              function: z.object({ name: z.string(), arguments: z.string() }),
            }),
          )
          .optional(),
      }),
      finish_reason: z.string().nullable().optional(),
    }),
  ),
  usage: z
    .object({
      prompt_tokens: z.number(),
      completion_tokens: z.number(),
      total_tokens: z.number(),
    })
    .optional(),
  credits_consumed: z.number().optional(),
});
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;
