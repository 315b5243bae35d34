// The typed API in One client: one function per route, every reply unwrapped to its canonical
// form, every failure an UpstreamError. POSTs are sent exactly once; only GETs are retried.
import "server-only";
import { randomUUID } from "node:crypto";
import type { ChatCompletion, TaskInfo } from "@/lib/schemas/api";
import { defaultMessage, UpstreamError } from "./errors";
import { backoffDelay, sleep } from "./retry";
import {
  badResponse,
  exchange,
  readJsonReply,
  readWhole,
  send,
  type Method,
  type TransportConfig,
} from "./transport";
import { parseChatCompletion, parseTaskCreated, parseTaskInfo } from "./unwrap";
import type {
  ChatRequestBody,
  ChatStream,
  JsonBody,
  RequestOptions,
  UpstreamClient,
  UpstreamClientOptions,
  UpstreamTaskCreated,
} from "./types";

const defaults = {
  timeoutMs: 30_000,
  retries: 3,
  retryBaseDelayMs: 500,
  maxRetryDelayMs: 30_000,
  userAgent: "api-in-one-studio/0.1",
};

// A path below the base URL; anything else (absolute URLs, "..", queries) could send the key elsewhere.
const safePath = /^\/[A-Za-z0-9_\-/]+$/;

function invalidArgument(message: string): UpstreamError {
  return new UpstreamError({ type: "invalid_request", status: 0, message });
}

function isRetryable(err: unknown): err is UpstreamError {
  return (
    err instanceof UpstreamError &&
    (err.type === "server_error" || err.type === "rate_limit" || err.type === "network")
  );
}

function nonNegativeInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new TypeError("createUpstreamClient: baseUrl is not a valid URL");
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new TypeError("createUpstreamClient: baseUrl must be http(s)");
  }
  if (!options.apiKey) throw new TypeError("createUpstreamClient: apiKey is required");
  // Checked here because Headers would reject it later with the key quoted in its message.
  if (!/^[\x21-\x7e]+$/.test(options.apiKey)) {
    throw new TypeError("createUpstreamClient: apiKey contains characters not allowed in a header");
  }

  // The key stays in this closure: the returned object holds only functions, so neither
  // JSON.stringify nor util.inspect can reveal it.
  const apiKey = options.apiKey;
  const timeoutMs = nonNegativeInt(options.timeoutMs, defaults.timeoutMs) || defaults.timeoutMs;
  const retries = nonNegativeInt(options.retries, defaults.retries);
  const retryBaseDelayMs = nonNegativeInt(options.retryBaseDelayMs, defaults.retryBaseDelayMs);
  const maxRetryDelayMs = nonNegativeInt(options.maxRetryDelayMs, defaults.maxRetryDelayMs);
  const config: TransportConfig = {
    baseUrl: base.href.replace(/\/+$/, ""),
    apiKey: () => apiKey,
    fetch: options.fetch ?? globalThis.fetch,
    customFetch: options.fetch !== undefined,
    userAgent: options.userAgent ?? defaults.userAgent,
  };

  async function exchangeJson(
    method: Method,
    path: string,
    body: unknown,
    opts: RequestOptions,
  ): Promise<unknown> {
    const timeoutSignal = AbortSignal.timeout(opts.timeoutMs ?? timeoutMs);
    const ctx = { method, callerSignal: opts.signal, timeoutSignal };
    const reply = await exchange(config, { ...ctx, path, body, accept: "application/json" });
    return readJsonReply(config, reply, ctx);
  }

  /** GET with retries on 5xx/429/network, exponential backoff + jitter, Retry-After honoured. */
  async function getJson(path: string, opts: RequestOptions): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await exchangeJson("GET", path, undefined, opts);
      } catch (err) {
        if (!isRetryable(err) || attempt >= retries) throw err;
        const retryAfterMs = (err.retryAfterSeconds ?? 0) * 1000;
        // Waiting longer than the cap would stall the caller; hand the wait to them instead.
        if (retryAfterMs > maxRetryDelayMs) throw err;
        const delay = Math.max(
          retryAfterMs,
          backoffDelay(attempt, { baseDelayMs: retryBaseDelayMs, maxDelayMs: maxRetryDelayMs }),
        );
        await sleep(delay, opts.signal);
      }
    }
  }

  async function createTask(
    path: string,
    body: JsonBody,
    opts: RequestOptions = {},
  ): Promise<UpstreamTaskCreated> {
    if (!safePath.test(path) || path.includes("//"))
      throw invalidArgument("createTask: path must be a plain path below the base URL");
    // Sent once, whatever happens: a second POST could create (and charge) a second task.
    const json = await exchangeJson("POST", path, body, opts);
    const parsed = parseTaskCreated(json, () => `local_${randomUUID()}`);
    if (!parsed.ok) throw badResponse(parsed.reason, 200, "POST");
    return parsed.value;
  }

  const route =
    (path: string) =>
    (body: JsonBody, opts?: RequestOptions): Promise<UpstreamTaskCreated> =>
      createTask(path, body, opts);

  async function getTask(taskId: string, opts: RequestOptions = {}): Promise<TaskInfo> {
    if (typeof taskId !== "string" || taskId.trim() === "")
      throw invalidArgument("tasks.get: taskId is required");
    const json = await getJson(`/tasks/${encodeURIComponent(taskId)}`, opts);
    const parsed = parseTaskInfo(json, taskId, new Date().toISOString());
    if (!parsed.ok) throw badResponse(parsed.reason, 200, "GET");
    return parsed.value;
  }

  async function complete(
    body: ChatRequestBody,
    opts: RequestOptions = {},
  ): Promise<ChatCompletion> {
    // SPEC §12 item 4: the upstream defaults to streaming, so say it explicitly.
    const json = await exchangeJson("POST", "/chat/completions", { ...body, stream: false }, opts);
    const parsed = parseChatCompletion(json);
    if (!parsed.ok) throw badResponse(parsed.reason, 200, "POST");
    return parsed.value;
  }

  async function stream(body: ChatRequestBody, opts: RequestOptions = {}): Promise<ChatStream> {
    // The timeout covers only the wait for headers: a healthy stream may run for minutes, and
    // AbortSignal.timeout cannot be cancelled, hence a plain timer.
    const headerDeadline = new AbortController();
    const timer = setTimeout(
      () => headerDeadline.abort(new DOMException(defaultMessage("timeout"), "TimeoutError")),
      opts.timeoutMs ?? timeoutMs,
    );
    const ctx = {
      method: "POST" as const,
      callerSignal: opts.signal,
      timeoutSignal: headerDeadline.signal,
    };
    try {
      const response = await send(config, {
        ...ctx,
        path: "/chat/completions",
        body: { ...body, stream: true },
        accept: "text/event-stream, application/json",
      });
      const contentType = response.headers.get("content-type") ?? "";
      const isJson = /\bjson\b/i.test(contentType);
      if (!response.ok || isJson || !response.body) {
        // Not a stream: an error (possibly inside a 200, SPEC §10), or a plain completion.
        const json = readJsonReply(config, await readWhole(response, ctx), ctx);
        const parsed = parseChatCompletion(json);
        if (!parsed.ok) throw badResponse(parsed.reason, response.status, "POST");
        return {
          body: jsonStream(JSON.stringify(parsed.value)),
          contentType: "application/json",
          status: response.status,
        };
      }
      return { body: response.body, contentType, status: response.status };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    images: { generate: route("/images/generations") },
    videos: { generate: route("/videos/generations") },
    music: { generate: route("/audio/music") },
    speech: { generate: route("/audio/speech") },
    tools: {
      removeBg: route("/images/tools/remove-bg"),
      faceSwap: route("/images/tools/face-swap"),
      upscale: route("/images/tools/upscale"),
      videoBgRemover: route("/videos/tools/bg-remover"),
    },
    createTask,
    tasks: { get: getTask },
    chat: { complete, stream },
  };
}

function jsonStream(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
