// Turns an upstream failure during task creation into our answer. The wording says that API in One
// (not our session) refused, and whether the request may already have been charged.
import "server-only";
import { ApiError } from "@/lib/server/api-error";
import type { UpstreamError } from "@/lib/server/upstream";
import type { UpstreamMode } from "@/lib/server/upstream-target";

const keyOwner: Record<UpstreamMode, string> = {
  "user-key": "your API key",
  "server-key": "this server's API key",
  demo: "the demo key",
};

const keyFix: Record<UpstreamMode, string> = {
  "user-key": "Replace it in Settings.",
  "server-key": "Ask the operator to check AIO_API_KEY, or add your own key in Settings.",
  demo: "Restart the server to reset demo mode.",
};

function chargedNote(mode: UpstreamMode): string {
  return mode === "demo"
    ? "It may have been created anyway (demo mode charges nothing); wait a moment before trying again."
    : "It may have been charged: check your API in One account before trying again.";
}

/** "ECONNRESET" from "Could not reach the upstream (ECONNRESET)"; the message when there is none. */
function networkCode(err: UpstreamError): string {
  return /\(([A-Z0-9_]+)\)$/.exec(err.message)?.[1] ?? err.message;
}

function detail(err: UpstreamError): string {
  return err.status > 0 ? `${err.status}: ${err.message}` : err.message;
}

/** The ApiError to answer with; never retries, never carries the key (messages are sanitised). */
export function upstreamFailure(err: UpstreamError, mode: UpstreamMode): ApiError {
  const headers: Record<string, string> = {};
  const fail = (status: number, type: ApiError["type"], message: string, param?: string) =>
    new ApiError(status, type, message, {
      source: "upstream",
      mayHaveBeenCharged: err.mayHaveReachedUpstream,
      headers,
      ...(param !== undefined && { param }),
    });

  if (err.mayHaveReachedUpstream) {
    const what =
      err.type === "timeout"
        ? "API in One did not answer in time."
        : err.type === "server_error"
          ? `API in One reported an internal error (${detail(err)}).`
          : err.type === "bad_response"
            ? "API in One sent a reply that could not be read."
            : `The connection to API in One broke after the request was sent (${networkCode(err)}).`;
    return fail(err.type === "timeout" ? 504 : 502, "server_error", `${what} ${chargedNote(mode)}`);
  }

  switch (err.type) {
    case "authentication_error":
      return fail(
        err.status === 403 ? 403 : 401,
        "authentication_error",
        `API in One rejected ${keyOwner[mode]} (${detail(err)}). ${keyFix[mode]}`,
      );
    case "insufficient_credits":
      return fail(
        402,
        "insufficient_credits",
        `API in One says the account behind ${keyOwner[mode]} has too few credits (${err.message}). Nothing was charged.`,
      );
    case "rate_limit": {
      const wait = err.retryAfterSeconds;
      if (wait !== undefined) headers["Retry-After"] = String(wait);
      const when = wait !== undefined ? `in ${wait} s` : "in a minute";
      return fail(
        429,
        "rate_limit",
        `API in One's rate limit was reached. Nothing was charged; try again ${when}.`,
      );
    }
    case "invalid_request":
    case "not_found":
      return fail(
        400,
        "invalid_request",
        `API in One refused the request: ${err.message}`,
        err.field,
      );
    case "server_error":
      return fail(
        502,
        "server_error",
        `API in One reported an error (${detail(err)}). Nothing was charged; try again later.`,
      );
    default:
      // network failures before anything was sent (refused connection, unknown host)
      return fail(
        502,
        "server_error",
        `Could not reach API in One (${networkCode(err)}). Nothing was sent; try again.`,
      );
  }
}
