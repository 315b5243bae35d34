// Turns a failed "create task" call into words a person can act on. Pure: no React, no fetch, so
// every status has a unit test. Errors after a task exists belong to the result panel.
import { ApiRequestError } from "@/lib/queries/api-fetch";

export interface ErrorAction {
  label: string;
  href: string;
  external?: boolean;
}

export interface ErrorDescription {
  /** Show under this field ("prompt", "dialogue[1].text") instead of in an alert. */
  field?: string;
  message: string;
  action?: ErrorAction;
  /** 429: keep Run disabled this long, counting down. */
  retryAfterSeconds?: number;
  /** The upstream may have acted on the request: re-sending it must reuse the Idempotency-Key. */
  mayHaveBeenCharged?: boolean;
}

export interface DescribeErrorOptions {
  /** Top-level fields the form shows; a 400 naming any other field becomes an alert. */
  fieldNames?: readonly string[];
  /** Where "Sign in again" leads; defaults to /login. */
  signInHref?: string;
}

// "prompt: …", "dialogue[1].text: …" — the catalog validator's and the upstream's field prefix.
const fieldPrefix = /^([A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)*)\s*:\s*([\s\S]+)$/;

export const settingsHref = "/settings";
export const galleryHref = "/gallery";
export const topUpHref = "https://apiin.one";

export function rateLimitMessage(secondsLeft: number | undefined): string {
  return secondsLeft === undefined || secondsLeft <= 0
    ? "Rate limit reached. Try again in a moment."
    : `Rate limit reached. Try again in ${Math.ceil(secondsLeft)} s.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Splits "prompt: must not be empty" into the field and "Must not be empty". */
export function splitFieldMessage(message: string): { field: string; text: string } | undefined {
  const match = fieldPrefix.exec(message.trim());
  const field = match?.[1];
  const text = match?.[2];
  if (!field || !text || field === "body") return undefined;
  return { field, text: capitalize(text.trim()) };
}

/** The top-level body field of a path: "dialogue[1].text" → "dialogue". */
export function topLevelField(path: string): string {
  return /^[^.[]+/.exec(path)?.[0] ?? path;
}

/** A server message fit to show, or undefined when it is a dump (JSON, HTML) rather than a sentence. */
function readable(message: string): string | undefined {
  const text = message.trim();
  if (text === "" || /^[{[<]/.test(text)) return undefined;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

// Our route prefixes what the upstream said; the rest may still name a field.
const upstreamRefusal = /^API in One refused the request:\s*/i;

function describeInvalid(message: string, options: DescribeErrorOptions): ErrorDescription {
  const text = readable(message);
  if (text === undefined) {
    return { message: "The request was refused. Check the values and try again." };
  }
  const split = splitFieldMessage(text.replace(upstreamRefusal, ""));
  const shown = split && (options.fieldNames ?? []).includes(topLevelField(split.field));
  if (split && shown) return { field: split.field, message: split.text };
  return { message: upstreamRefusal.test(text) ? text : `The request was refused: ${text}` };
}

/** Our own 401 asks the browser to sign in; the upstream's (relayed by our route) is about the key. */
function isSessionProblem(message: string): boolean {
  return /\bsign[\s-]?in\b/i.test(message) && !/^API in One\b/i.test(message);
}

/** The upstream's own status when our route relays it ("… (500: Internal error)"), else ours. */
function upstreamStatus(status: number, message: string): number {
  const relayed = /\((\d{3}):/.exec(message)?.[1];
  return relayed ? Number(relayed) : status;
}

export function describeError(
  error: unknown,
  options: DescribeErrorOptions = {},
): ErrorDescription {
  if (!(error instanceof ApiRequestError)) {
    // fetch rejects with a TypeError when the request never got an answer.
    return {
      message:
        "Could not reach the Studio server. Check your connection and the Gallery, then try again.",
      mayHaveBeenCharged: true,
    };
  }
  const { status, type, message } = error;

  if (status === 400 || status === 422 || type === "invalid_request") {
    return describeInvalid(message, options);
  }
  if (status === 401 || (status === 403 && type === "authentication_error")) {
    if (isSessionProblem(message)) {
      return {
        message: "Your session expired. Sign in again.",
        action: { label: "Sign in", href: options.signInHref ?? "/login" },
      };
    }
    return {
      message: "API in One rejected your API key. Update it in Settings.",
      action: { label: "Open Settings", href: settingsHref },
    };
  }
  if (status === 402 || type === "insufficient_credits") {
    return {
      message: "Not enough credits on your API in One account. Top up at apiin.one.",
      action: { label: "Top up", href: topUpHref, external: true },
    };
  }
  if (status === 429 || type === "rate_limit") {
    const seconds = error.retryAfterSeconds;
    return seconds !== undefined && seconds > 0
      ? { message: rateLimitMessage(seconds), retryAfterSeconds: seconds }
      : { message: rateLimitMessage(undefined) };
  }
  if ((status === 502 || status === 504) && /may have been (?:charged|created)/i.test(message)) {
    // Demo mode's simulator charges nothing; say "charged" only where it can be true.
    const what = /charges nothing/i.test(message) ? "created" : "created, and charged,";
    return {
      message: `API in One did not confirm the task (${upstreamStatus(status, message)}). It may have been ${what} anyway: check the Gallery before running it again.`,
      action: { label: "Open Gallery", href: galleryHref },
      mayHaveBeenCharged: true,
    };
  }
  if (status >= 500 && /could not reach API in One/i.test(message)) {
    return { message: "Could not reach API in One. Nothing was sent; try again in a moment." };
  }
  if (status >= 500) {
    return {
      message: `API in One had a problem (${upstreamStatus(status, message)}). Try again in a moment.`,
    };
  }
  const text = readable(message);
  if (status === 403) {
    return { message: text ? `Not allowed: ${text}` : "Not allowed." };
  }
  return {
    message: text ? `The request failed (${status}): ${text}` : `The request failed (${status}).`,
  };
}
