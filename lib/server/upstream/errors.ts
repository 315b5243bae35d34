// UpstreamError: the one error the upstream client throws. Its message is always a short, safe
// description — never a raw upstream body, header or the API key — because callers log it and
// may show it to users.
import "server-only";
import type { ErrorType } from "@/lib/schemas/api";

/** Upstream error types (SPEC §0) plus the failures only a client can observe. */
export type UpstreamErrorType = ErrorType | "timeout" | "network" | "bad_response";

export interface UpstreamErrorInit {
  type: UpstreamErrorType;
  /** HTTP status (or the non-200 `code` of an HTTP-200 error envelope); 0 when no answer arrived. */
  status: number;
  message: string;
  retryAfterSeconds?: number;
  field?: string;
  /** True when a POST may have been delivered and acted on; re-sending it could charge twice. */
  mayHaveReachedUpstream?: boolean;
}

export class UpstreamError extends Error {
  readonly type: UpstreamErrorType;
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly field?: string;
  readonly mayHaveReachedUpstream: boolean;

  constructor(init: UpstreamErrorInit) {
    super(init.message);
    this.name = "UpstreamError";
    this.type = init.type;
    this.status = init.status;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.field !== undefined) this.field = init.field;
    this.mayHaveReachedUpstream = init.mayHaveReachedUpstream ?? false;
  }

  toJSON(): Omit<UpstreamErrorInit, "mayHaveReachedUpstream"> & {
    name: string;
    mayHaveReachedUpstream: boolean;
  } {
    return {
      name: this.name,
      type: this.type,
      status: this.status,
      message: this.message,
      ...(this.retryAfterSeconds !== undefined && { retryAfterSeconds: this.retryAfterSeconds }),
      ...(this.field !== undefined && { field: this.field }),
      mayHaveReachedUpstream: this.mayHaveReachedUpstream,
    };
  }
}

export function isUpstreamError(value: unknown): value is UpstreamError {
  return value instanceof UpstreamError;
}

const knownTypes: Record<string, ErrorType> = {
  invalid_request: "invalid_request",
  invalid_request_error: "invalid_request",
  bad_request: "invalid_request",
  validation_error: "invalid_request",
  authentication_error: "authentication_error",
  unauthorized: "authentication_error",
  permission_error: "authentication_error",
  insufficient_credits: "insufficient_credits",
  insufficient_quota: "insufficient_credits",
  payment_required: "insufficient_credits",
  not_found: "not_found",
  rate_limit: "rate_limit",
  rate_limit_error: "rate_limit",
  rate_limit_exceeded: "rate_limit",
  server_error: "server_error",
  internal_error: "server_error",
  api_error: "server_error",
};

// SPEC §10: credits may come back as 403; only the wording tells it apart from a key problem.
const creditWords = /credit|balance|quota|insufficient|payment|billing|funds/i;

/**
 * Decides the error type from the HTTP status first (it is what the transport guarantees),
 * then from the body's `type` where the status alone is ambiguous (400, 403, other 4xx).
 */
export function classifyErrorType(
  status: number,
  bodyType: string | undefined,
  message: string,
): ErrorType {
  const fromBody = bodyType ? knownTypes[bodyType.trim().toLowerCase()] : undefined;
  if (status === 402) return "insufficient_credits";
  if (status === 403) {
    if (fromBody === "insufficient_credits" || creditWords.test(message))
      return "insufficient_credits";
    return "authentication_error";
  }
  if (status === 401) return "authentication_error";
  if (status === 404) return "not_found";
  if (status === 422) return "invalid_request";
  if (status === 429) return "rate_limit";
  if (status >= 500) return "server_error";
  return fromBody ?? "invalid_request";
}

const defaultMessages: Record<UpstreamErrorType, string> = {
  invalid_request: "The upstream rejected the request parameters",
  authentication_error: "The upstream rejected the API key",
  insufficient_credits: "The upstream account has insufficient credits",
  not_found: "The upstream could not find the task or model",
  rate_limit: "The upstream rate limit was exceeded",
  server_error: "The upstream reported an internal error",
  timeout: "The upstream did not answer in time",
  network: "Could not reach the upstream",
  bad_response: "The upstream sent a reply that could not be understood",
};

export function defaultMessage(type: UpstreamErrorType): string {
  return defaultMessages[type];
}

const maxMessageLength = 300;
// Anything shaped like an API in One key is hidden, not only ours: the upstream may echo another.
const keyPattern = /\baio_[A-Za-z0-9_\-.]+/g;

/**
 * Makes an upstream-provided message safe to carry: the client's key and anything key-shaped is
 * removed, control characters are dropped and the length is bounded.
 */
export function sanitizeMessage(raw: string, secrets: readonly string[] = []): string {
  let text = raw;
  for (const secret of secrets) {
    if (secret) text = text.split(secret).join("[redacted]");
  }
  text = text
    .replace(keyPattern, "[redacted]")
    .replace(/Bearer\s+\S+/gi, "Bearer [redacted]")
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
  if (text.length > maxMessageLength) text = `${text.slice(0, maxMessageLength - 1)}…`;
  return text;
}

const fieldPatterns: readonly RegExp[] = [
  // "prompt: at least 3 characters", "dialogue[0].text: required"
  // (lower-case first letter, so "Error: …" is not taken for a field)
  /^([a-z_][\w.[\]]*)\s*:\s/,
  // "field 'prompt' is required", "Missing required field: prompt", "invalid parameter `image`"
  /\b(?:field|parameter|param|property)s?\b\s*:?\s*[`'"]?([A-Za-z_][\w.[\]]*)/i,
  // "'prompt' is required", "`image` must be a URL"
  /[`'"]([A-Za-z_][\w.[\]]*)[`'"]\s+(?:is|must|should|cannot|can't|has)\b/i,
];

/** The request field an error message names, if it names one (for form highlighting). */
export function extractField(message: string): string | undefined {
  for (const pattern of fieldPatterns) {
    const match = pattern.exec(message);
    const field = match?.[1];
    if (field && !/^(the|a|an|is|required|missing|invalid|error)$/i.test(field)) return field;
  }
  return undefined;
}
