// One HTTP exchange with the upstream: headers, timeout + caller signal, bounded body reading,
// and the mapping of every failure to UpstreamError. No retries here: the caller decides, and
// only for GETs. JSON exchanges go through undici's `request` (no WHATWG streams, no Next fetch
// instrumentation: a task creation waits on this path); streams use fetch (undici's for POSTs).
import "server-only";
import { Agent, request, fetch as undiciFetch } from "undici";
import {
  classifyErrorType,
  defaultMessage,
  extractField,
  sanitizeMessage,
  UpstreamError,
} from "./errors";
import { parseRetryAfter } from "./retry";
import { embeddedError, readErrorBody, type ReplyError } from "./unwrap";

export type Method = "GET" | "POST";

export interface TransportConfig {
  baseUrl: string;
  /** Read through a getter so the key lives only in the client's closure. */
  apiKey: () => string;
  /** Used for streams, and for every call when given explicitly (tests observe through it). */
  fetch: typeof fetch;
  /** True when `fetch` was passed in: JSON exchanges then use it too instead of undici. */
  customFetch: boolean;
  userAgent: string;
}

// A POST is never re-sent, so it must not be lost to a keep-alive race: a server may close a
// connection it deems idle while our request is already on the wire (a server whose event loop
// was busy past its keep-alive timeout reads the request only after dropping the socket), and the
// reset is indistinguishable from a crash after the work began ("may have been charged"). Each
// POST therefore opens a connection of its own (pipelining 0 = no keep-alive); GETs keep the
// shared keep-alive pool and are retried on a reset.
const postDispatcher = new Agent({ pipelining: 0 });

// Replies are small JSON documents; anything bigger is not one of them.
const maxJsonBytes = 5 * 1024 * 1024;

// Failures where the connection was never established, so nothing can have been delivered.
const notDeliveredCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
  // A TLS handshake that failed: the request itself was never written.
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

function causeCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const own = (err as { code?: unknown }).code;
  if (typeof own === "string") return own;
  return causeCode((err as { cause?: unknown }).cause);
}

export function buildHeaders(
  config: TransportConfig,
  accept: string,
  hasBody: boolean,
): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${config.apiKey()}`,
    accept,
    "user-agent": config.userAgent,
  };
  if (hasBody) headers["content-type"] = "application/json";
  return headers;
}

interface FailureContext {
  method: Method;
  callerSignal?: AbortSignal;
  timeoutSignal: AbortSignal;
  /** Response headers had arrived: the request certainly reached the upstream. */
  answered: boolean;
}

/** Maps a thrown fetch/read failure. A caller's abort is rethrown untouched: it is not an upstream fault. */
export function failureFromThrown(err: unknown, ctx: FailureContext): unknown {
  if (ctx.callerSignal?.aborted) return ctx.callerSignal.reason;
  const isPost = ctx.method === "POST";
  if (ctx.timeoutSignal.aborted) {
    return new UpstreamError({
      type: "timeout",
      status: 0,
      message: defaultMessage("timeout"),
      mayHaveReachedUpstream: isPost,
    });
  }
  const code = causeCode(err);
  const delivered = ctx.answered || !(code !== undefined && notDeliveredCodes.has(code));
  return new UpstreamError({
    type: "network",
    status: 0,
    // The code (ECONNRESET, …) helps operators and carries nothing secret; the raw error may.
    message: code ? `${defaultMessage("network")} (${code})` : defaultMessage("network"),
    mayHaveReachedUpstream: isPost && delivered,
  });
}

/** An UpstreamError from an HTTP status plus whatever the body said about itself. */
export function errorFromReply(
  status: number,
  info: ReplyError,
  retryAfterHeader: string | null | undefined,
  method: Method,
  secrets: readonly string[],
): UpstreamError {
  const rawMessage = info.message ? sanitizeMessage(info.message, secrets) : "";
  const type = classifyErrorType(status, info.type, rawMessage);
  const retryAfterSeconds = parseRetryAfter(retryAfterHeader) ?? info.retryAfterSeconds;
  const field = info.field ? sanitizeMessage(info.field, secrets) : extractField(rawMessage);
  return new UpstreamError({
    type,
    status,
    message: rawMessage || defaultMessage(type),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
    ...(field !== undefined && { field }),
    // A 4xx is a refusal; a 5xx may have come after the work (and the charge) began.
    mayHaveReachedUpstream: method === "POST" && status >= 500,
  });
}

export function badResponse(reason: string, status: number, method: Method): UpstreamError {
  return new UpstreamError({
    type: "bad_response",
    status,
    // `reason` is one of our own fixed phrases, never upstream text.
    message: `${defaultMessage("bad_response")}: ${reason}`,
    // A 2xx POST reply we cannot read most likely means the task was created (and charged).
    mayHaveReachedUpstream: method === "POST",
  });
}

/** Reads a body as text, refusing more than `maxBytes` so a runaway reply cannot exhaust memory. */
export async function readBoundedText(
  body: AsyncIterable<Uint8Array> | null,
  maxBytes: number = maxJsonBytes,
): Promise<string | undefined> {
  if (!body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    // Leaving the loop early cancels the stream (fetch) or destroys it (undici).
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export interface SendOptions {
  method: Method;
  path: string;
  body?: unknown;
  accept: string;
  callerSignal?: AbortSignal;
  /** Aborts the exchange when it fires; its firing is reported as a timeout. */
  timeoutSignal: AbortSignal;
}

function combinedSignal(opts: Pick<SendOptions, "callerSignal" | "timeoutSignal">): AbortSignal {
  return opts.callerSignal
    ? AbortSignal.any([opts.callerSignal, opts.timeoutSignal])
    : opts.timeoutSignal;
}

/** Sends one request through fetch; resolves with the response once headers arrive. */
export async function send(config: TransportConfig, opts: SendOptions): Promise<Response> {
  const url = `${config.baseUrl}${opts.path}`;
  const init = {
    method: opts.method,
    headers: buildHeaders(config, opts.accept, opts.body !== undefined),
    ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
    signal: combinedSignal(opts),
    // Never follow: a redirect could carry the key elsewhere or silently re-send a POST.
    redirect: "manual" as const,
  };
  try {
    if (config.customFetch || opts.method !== "POST") return await config.fetch(url, init);
    // undici's own fetch: the global one cannot be handed this dispatcher.
    const response = await undiciFetch(url, { ...init, dispatcher: postDispatcher });
    return response as unknown as Response;
  } catch (err) {
    throw failureFromThrown(err, { ...opts, answered: false });
  }
}

/** A whole reply: what JSON handling needs, whichever HTTP client fetched it. */
export interface ReplyText {
  status: number;
  header: (name: string) => string | null;
  /** undefined when the body exceeded the size limit. */
  text: string | undefined;
}

async function exchangeWithFetch(config: TransportConfig, opts: SendOptions): Promise<ReplyText> {
  const response = await send(config, opts);
  try {
    const text = await readBoundedText(response.body);
    return { status: response.status, header: (name) => response.headers.get(name), text };
  } catch (err) {
    throw failureFromThrown(err, { ...opts, answered: true });
  }
}

async function exchangeWithUndici(config: TransportConfig, opts: SendOptions): Promise<ReplyText> {
  let answered = false;
  try {
    // `request` never follows redirects: a 3xx comes back as is (see readJsonReply).
    const reply = await request(`${config.baseUrl}${opts.path}`, {
      method: opts.method,
      headers: buildHeaders(config, opts.accept, opts.body !== undefined),
      ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
      signal: combinedSignal(opts),
      ...(opts.method === "POST" && { dispatcher: postDispatcher }),
    });
    answered = true;
    const text = await readBoundedText(reply.body);
    return {
      status: reply.statusCode,
      header: (name) => {
        const value = reply.headers[name.toLowerCase()];
        return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
      },
      text,
    };
  } catch (err) {
    throw failureFromThrown(err, { ...opts, answered });
  }
}

/** Sends a request whose answer is a small JSON document, and reads that answer whole. */
export function exchange(config: TransportConfig, opts: SendOptions): Promise<ReplyText> {
  return config.customFetch ? exchangeWithFetch(config, opts) : exchangeWithUndici(config, opts);
}

/** A fetch response read whole (for a stream request that came back as JSON). */
export async function readWhole(
  response: Response,
  opts: Pick<SendOptions, "method" | "callerSignal" | "timeoutSignal">,
): Promise<ReplyText> {
  try {
    const text = await readBoundedText(response.body);
    return { status: response.status, header: (name) => response.headers.get(name), text };
  } catch (err) {
    throw failureFromThrown(err, { ...opts, answered: true });
  }
}

/**
 * Returns a reply's JSON, or throws the UpstreamError it amounts to: non-2xx status, an error
 * inside a 2xx body (SPEC §10), a redirect, or a body that is not JSON.
 */
export function readJsonReply(
  config: TransportConfig,
  reply: ReplyText,
  opts: Pick<SendOptions, "method">,
): unknown {
  const { status, text } = reply;
  const secrets = [config.apiKey()];
  const json = text === undefined ? { ok: false as const } : parseJson(text);
  // Status 0 is an opaque redirect in spec-following fetch implementations.
  if (status === 0 || (status >= 300 && status < 400))
    throw badResponse("unexpected redirect", status, opts.method);
  if (status < 200 || status > 299) {
    // A non-JSON error page still maps by status; its text is never repeated.
    const info = json.ok ? readErrorBody(json.value) : {};
    throw errorFromReply(status, info, reply.header("retry-after"), opts.method, secrets);
  }
  if (text === undefined) throw badResponse("reply too large", status, opts.method);
  if (!json.ok) throw badResponse("reply is not JSON", status, opts.method);
  const inBody = embeddedError(json.value);
  if (inBody) {
    throw errorFromReply(inBody.code, inBody, reply.header("retry-after"), opts.method, secrets);
  }
  return json.value;
}
