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
  /** The upstream may have acted on the request: the form says so and points at the Gallery. */
  mayHaveBeenCharged?: boolean;
}

export interface DescribeErrorOptions {
  /** Top-level fields the form shows; a 400 naming any other field becomes an alert. */
  fieldNames?: readonly string[];
  /** Where "Sign in again" leads; defaults to /login. */
  signInHref?: string;
}

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

/** The message without the "param: " the server starts it with (a known prefix, not a guess). */
function withoutParam(message: string, param: string): string {
  const prefix = `${param}: `;
  return capitalize(message.startsWith(prefix) ? message.slice(prefix.length) : message);
}

function describeInvalid(error: ApiRequestError, options: DescribeErrorOptions): ErrorDescription {
  const text = readable(error.message);
  const { param } = error;
  if (param && (options.fieldNames ?? []).includes(topLevelField(param))) {
    return { field: param, message: withoutParam(text ?? "Check this value.", param) };
  }
  if (text === undefined)
    return { message: "The request was refused. Check the values and try again." };
  return { message: error.source === "upstream" ? text : `The request was refused: ${text}` };
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
  const { status, type, source } = error;

  if (error.mayHaveBeenCharged) {
    // The server's sentence says what happened (a timeout, the upstream's own 500 …); ours says
    // what to do, so a blind re-run does not charge twice.
    const detail = readable(error.message);
    return {
      message: `The task may have been created, and charged, anyway: check the Gallery before running it again.${detail ? ` ${detail}` : ""}`,
      action: { label: "Open Gallery", href: galleryHref },
      mayHaveBeenCharged: true,
    };
  }
  if (type === "invalid_request" && (status === 400 || status === 422)) {
    return describeInvalid(error, options);
  }
  if (type === "authentication_error") {
    if (source === "studio") {
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
  if (type === "insufficient_credits") {
    return {
      message: "Not enough credits on your API in One account. Top up at apiin.one.",
      action: { label: "Top up", href: topUpHref, external: true },
    };
  }
  if (type === "rate_limit") {
    const seconds = error.retryAfterSeconds;
    return seconds !== undefined && seconds > 0
      ? { message: rateLimitMessage(seconds), retryAfterSeconds: seconds }
      : { message: rateLimitMessage(undefined) };
  }
  if (status >= 500 && source === "upstream") {
    return {
      message: `API in One had a problem (${status}). Nothing was charged; try again in a moment.`,
    };
  }
  if (status >= 500) {
    return { message: `The Studio server had a problem (${status}). Try again in a moment.` };
  }
  const text = readable(error.message);
  if (status === 403) {
    return { message: text ? `Not allowed: ${text}` : "Not allowed." };
  }
  return {
    message: text ? `The request failed (${status}): ${text}` : `The request failed (${status}).`,
  };
}
