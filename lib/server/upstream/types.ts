// Public types of the upstream client: what each route returns and what callers pass in.
import "server-only";
import { z } from "zod";
import { taskCreatedSchema, type ChatCompletion, type TaskInfo } from "@/lib/schemas/api";

/**
 * A task-creation reply, canonical. Beyond `{task_id, status}` it can carry outputs: SPEC §12
 * item 5 says some tool routes answer with the media directly, which we represent as a task that
 * is already SUCCESS with `response` filled, so the caller stores it instead of polling.
 */
export const upstreamTaskCreatedSchema = taskCreatedSchema.extend({
  /** Output URLs when the reply already contained them. */
  response: z.array(z.string()).optional(),
  error_message: z.string().nullable().optional(),
  consumed_credits: z.number().nullable().optional(),
  /**
   * Set when the upstream answered with media but no task id: `task_id` was minted locally
   * (`local_…`) and must never be polled upstream.
   */
  synthetic_id: z.literal(true).optional(),
});
export type UpstreamTaskCreated = z.infer<typeof upstreamTaskCreatedSchema>;

/** Any JSON object body; the catalog's per-model schemas own the field-level validation. */
export type JsonBody = Readonly<Record<string, unknown>>;

export type ChatRequestBody = JsonBody & { model: string; messages: readonly unknown[] };

export interface RequestOptions {
  /** Cancels the request (and any retry wait); the signal's reason is rethrown as is. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

export interface ChatStream {
  /** The upstream body, untouched: SSE bytes exactly as they arrive. */
  body: ReadableStream<Uint8Array>;
  contentType: string;
  status: number;
}

export interface UpstreamClientOptions {
  /** e.g. "https://apiin.one/api/v1" (no trailing slash needed). */
  baseUrl: string;
  apiKey: string;
  /**
   * Replaces the HTTP client for every call (tests). By default undici: `request` for JSON calls,
   * its fetch for streams, and every POST on a connection of its own (see transport.ts).
   */
  fetch?: typeof fetch;
  /** Per request (for streams: until the response headers arrive). Default 30 000. */
  timeoutMs?: number;
  /** Extra attempts for idempotent GETs on 5xx/429/network errors. Default 3. POSTs get none. */
  retries?: number;
  /** First backoff window for GET retries. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest single wait before a GET retry; a longer Retry-After fails at once. Default 30 000. */
  maxRetryDelayMs?: number;
  userAgent?: string;
}

type Create = (body: JsonBody, options?: RequestOptions) => Promise<UpstreamTaskCreated>;

export interface UpstreamClient {
  images: { generate: Create };
  videos: { generate: Create };
  music: { generate: Create };
  speech: { generate: Create };
  tools: { removeBg: Create; faceSwap: Create; upscale: Create; videoBgRemover: Create };
  /** Any task-creating POST below the base URL, e.g. "/audio/music/extend". */
  createTask: (
    path: string,
    body: JsonBody,
    options?: RequestOptions,
  ) => Promise<UpstreamTaskCreated>;
  tasks: { get: (taskId: string, options?: RequestOptions) => Promise<TaskInfo> };
  chat: {
    complete: (body: ChatRequestBody, options?: RequestOptions) => Promise<ChatCompletion>;
    stream: (body: ChatRequestBody, options?: RequestOptions) => Promise<ChatStream>;
  };
}
