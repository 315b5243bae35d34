// Turns every reply shape SPEC §3/§6/§12 lists into one canonical form. Pure functions: no I/O,
// no secrets, so they are unit-tested directly against the documented examples.
import "server-only";
import { z } from "zod";
import {
  chatCompletionSchema,
  normalizeStatus,
  taskInfoSchema,
  type ChatCompletion,
  type TaskInfo,
  type TaskStatus,
} from "@/lib/schemas/api";
import { upstreamTaskCreatedSchema, type UpstreamTaskCreated } from "./types";

type JsonObject = Record<string, unknown>;

const jsonObjectSchema = z.record(z.string(), z.unknown());

/** A field that is used when it has the right type and ignored otherwise, never fatal. */
function tolerant<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const numericSchema = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
// Ids are opaque, but one we store and serve at /tasks/{id} must be printable ASCII without
// spaces (taskIdSchema): anything else is read as "no id" and the reply as not understood.
const idSchema = z.union([
  z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{1,256}$/),
  z.number().int().nonnegative().transform(String),
]);

const envelopeSchema = z.object({
  code: tolerant(numericSchema),
  message: tolerant(z.string()),
  msg: tolerant(z.string()),
  error: tolerant(
    z.union([
      z.string(),
      z.looseObject({
        code: tolerant(numericSchema),
        type: tolerant(z.string()),
        message: tolerant(z.string()),
        msg: tolerant(z.string()),
        param: tolerant(z.string()),
        field: tolerant(z.string()),
        retry_after: tolerant(numericSchema),
      }),
    ]),
  ),
  detail: tolerant(z.string()),
  retry_after: tolerant(numericSchema),
});

export interface ReplyError {
  /** The error's own code: `error.code`, or the envelope's non-2xx `code`. */
  code?: number;
  type?: string;
  message?: string;
  field?: string;
  retryAfterSeconds?: number;
}

function isObject(value: unknown): value is JsonObject {
  return jsonObjectSchema.safeParse(value).success && !Array.isArray(value);
}

/** What an error reply says about itself, from `{error:{…}}`, `{code,message}` or `{detail}`. */
export function readErrorBody(json: unknown): ReplyError {
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return {};
  const { code, message, msg, error, detail, retry_after } = parsed.data;
  if (typeof error === "string") return { code, message: error, retryAfterSeconds: retry_after };
  return {
    code: error?.code ?? code,
    type: error?.type,
    message: error?.message ?? error?.msg ?? message ?? msg ?? detail,
    field: error?.param ?? error?.field,
    retryAfterSeconds: error?.retry_after ?? retry_after,
  };
}

/**
 * An error carried inside an HTTP 2xx reply (SPEC §10): an `error` member, or an envelope
 * whose `code` is not 2xx. Returns undefined for a successful reply.
 */
export function embeddedError(json: unknown): (ReplyError & { code: number }) | undefined {
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { code, error } = parsed.data;
  const codeIsError = code !== undefined && (code < 200 || code > 299);
  if (error === undefined && !codeIsError) return undefined;
  const info = readErrorBody(json);
  // An error without a usable code is still an error; 500 makes it retryable for GETs only.
  const effective =
    info.code !== undefined && info.code >= 400 && info.code <= 599 ? info.code : 500;
  return { ...info, code: effective };
}

/** SPEC §3 suggested normalisation: the payload is `data` when it is an object, else the body. */
export function unwrapPayload(json: JsonObject): JsonObject {
  const data = json.data;
  return isObject(data) ? data : json;
}

const idFieldsSchema = z.object({
  task_id: tolerant(idSchema),
  taskId: tolerant(idSchema),
  id: tolerant(idSchema),
});

/** Task id from `task_id`, `taskId` or `id`, looking in the payload first, then the top level. */
export function extractTaskId(json: JsonObject): string | undefined {
  for (const source of [unwrapPayload(json), json]) {
    const ids = idFieldsSchema.parse(source);
    const id = ids.task_id ?? ids.taskId ?? ids.id;
    if (id !== undefined) return id;
  }
  return undefined;
}

// SPEC §12 item 9, in the order we trust them.
const outputKeys = [
  "response",
  "output",
  "result",
  "results",
  "response_data",
  "images",
  "videos",
] as const;
// One URL per object: a Suno clip has audio_url plus a cover image_url, a video a thumbnail, and
// the first of these is the output the task was for.
const urlKeys = ["url", "video_url", "audio_url", "image_url"] as const;
const maxDepth = 4;

function isUrl(value: string): boolean {
  return /^https?:\/\/[^\s\u0000-\u001f\u007f]{1,8192}$/i.test(value.trim());
}

function collectUrls(value: unknown, into: string[], depth: number): void {
  if (depth > maxDepth || value == null) return;
  if (typeof value === "string") {
    if (isUrl(value)) into.push(value.trim());
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectUrls(item, into, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  const before = into.length;
  collectUrls(value.resultUrls, into, depth + 1);
  if (into.length === before) {
    for (const key of urlKeys) {
      const candidate = value[key];
      if (typeof candidate === "string" && isUrl(candidate)) {
        into.push(candidate.trim());
        break;
      }
    }
  }
  // Nested containers, e.g. `output: { images: [...] }`; only when the object had no URL itself.
  if (into.length === before) {
    for (const key of outputKeys) collectUrls(value[key], into, depth + 1);
  }
}

/**
 * Output URLs of a task reply (SPEC §12 item 9): under `data`, then at the top level, under
 * response/output/result/results/response_data/images/videos; plain strings or objects with
 * url/video_url/audio_url/image_url/resultUrls. A payload that is itself such an object counts.
 */
export function extractOutputUrls(json: JsonObject): string[] {
  const data = json.data;
  const sources: unknown[] = [];
  if (isObject(data)) sources.push(data);
  // OpenAI-style `{data: [{url}]}`.
  if (Array.isArray(data)) sources.push({ response: data });
  sources.push(json);
  for (const source of sources) {
    if (!isObject(source)) continue;
    const urls: string[] = [];
    for (const key of outputKeys) collectUrls(source[key], urls, 0);
    if (urls.length === 0) {
      collectUrls(source.resultUrls, urls, 0);
      for (const key of urlKeys) {
        const candidate = source[key];
        if (urls.length === 0 && typeof candidate === "string" && isUrl(candidate))
          urls.push(candidate.trim());
      }
    }
    if (urls.length > 0) return [...new Set(urls)];
  }
  return [];
}

const taskFieldsSchema = z.object({
  status: tolerant(z.string()),
  // Suno feed reports the overall stage in `type` (SPEC §6.4).
  type: tolerant(z.string()),
  consumed_credits: tolerant(numericSchema.nullable()),
  credits_consumed: tolerant(numericSchema.nullable()),
  error_message: tolerant(z.string().nullable()),
  fail_message: tolerant(z.string().nullable()),
  error: tolerant(z.string()),
  created_at: tolerant(z.string()),
  createdAt: tolerant(z.string()),
  request: tolerant(jsonObjectSchema),
  request_body: tolerant(jsonObjectSchema),
});
type TaskFields = z.infer<typeof taskFieldsSchema>;

function readTaskFields(json: JsonObject): TaskFields {
  const payload = taskFieldsSchema.parse(unwrapPayload(json));
  const top = taskFieldsSchema.parse(json);
  return { ...top, ...definedOnly(payload) };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const stageWords =
  /^(success|succeeded|completed?|failed|failure|error|pending|in_progress|processing|queued|running)$/i;

/**
 * Status with two rules from SPEC §12: a missing status means still running, unless the reply
 * already holds outputs (item 5) — then the work is done. Outputs with an explicit non-final
 * status and a task id stay IN_PROGRESS (partial results; keep polling).
 */
function decideStatus(fields: TaskFields, urls: readonly string[], hasId: boolean): TaskStatus {
  const raw =
    fields.status ?? (fields.type && stageWords.test(fields.type) ? fields.type : undefined);
  if (raw === undefined || raw.trim() === "") return urls.length > 0 ? "SUCCESS" : "IN_PROGRESS";
  const status = normalizeStatus(raw);
  if (status === "IN_PROGRESS" && urls.length > 0 && !hasId) return "SUCCESS";
  return status;
}

function errorMessageOf(fields: TaskFields): string | null {
  const raw = fields.error_message ?? fields.fail_message ?? fields.error;
  // Stored and shown: no NUL or other control characters, no broken Unicode, bounded.
  const text = raw
    ?.toWellFormed()
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .slice(0, 2000);
  return text && text.trim() !== "" ? text : null;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A task-creation reply in any documented shape → canonical `UpstreamTaskCreated`. */
export function parseTaskCreated(
  json: unknown,
  mintId: () => string,
): ParseResult<UpstreamTaskCreated> {
  if (!isObject(json)) return { ok: false, reason: "task reply is not a JSON object" };
  const id = extractTaskId(json);
  const urls = extractOutputUrls(json);
  if (id === undefined && urls.length === 0)
    return { ok: false, reason: "task reply has no task id" };
  const fields = readTaskFields(json);
  const credits = fields.consumed_credits ?? fields.credits_consumed;
  const candidate: UpstreamTaskCreated = {
    task_id: id ?? mintId(),
    status: decideStatus(fields, urls, id !== undefined),
    ...(urls.length > 0 && { response: urls }),
    ...(errorMessageOf(fields) !== null && { error_message: errorMessageOf(fields) }),
    ...(credits !== undefined && { consumed_credits: credits }),
    ...(id === undefined && { synthetic_id: true as const }),
  };
  const checked = upstreamTaskCreatedSchema.safeParse(candidate);
  return checked.success
    ? { ok: true, value: checked.data }
    : { ok: false, reason: "task reply does not fit" };
}

/**
 * A task-status reply → canonical `TaskInfo`. `requestedId` fills a missing id; `observedAt`
 * fills a missing `created_at` (the schema requires one; the caller keeps its own anyway).
 */
export function parseTaskInfo(
  json: unknown,
  requestedId: string,
  observedAt: string,
): ParseResult<TaskInfo> {
  if (!isObject(json)) return { ok: false, reason: "task status reply is not a JSON object" };
  const id = extractTaskId(json);
  const urls = extractOutputUrls(json);
  const fields = readTaskFields(json);
  const candidate: TaskInfo = {
    task_id: id ?? requestedId,
    status: decideStatus(fields, urls, true),
    consumed_credits: fields.consumed_credits ?? fields.credits_consumed ?? null,
    error_message: errorMessageOf(fields),
    created_at: fields.created_at ?? fields.createdAt ?? observedAt,
    request: fields.request ?? fields.request_body ?? {},
    response: urls,
  };
  const checked = taskInfoSchema.safeParse(candidate);
  return checked.success
    ? { ok: true, value: checked.data }
    : { ok: false, reason: "task status reply does not fit" };
}

/** A non-streaming chat reply, bare (SPEC §3.4) or enveloped (§7) → `ChatCompletion`. */
export function parseChatCompletion(json: unknown): ParseResult<ChatCompletion> {
  if (!isObject(json)) return { ok: false, reason: "chat reply is not a JSON object" };
  const payload = unwrapPayload(json);
  // The bare form reports credits at the top level; keep them when the envelope moved the rest.
  const merged =
    payload !== json &&
    payload.credits_consumed === undefined &&
    json.credits_consumed !== undefined
      ? { ...payload, credits_consumed: json.credits_consumed }
      : payload;
  const checked = chatCompletionSchema.safeParse(merged);
  return checked.success
    ? { ok: true, value: checked.data }
    : { ok: false, reason: "chat reply does not fit" };
}
