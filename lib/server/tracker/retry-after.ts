// The upstream's Retry-After (already parsed to seconds by the client) as a pause in ms.
import "server-only";

/** Undefined when the upstream named no wait; capped at 10 minutes (a bad header is not a ban). */
export function parseRetryAfterMs(seconds: number | undefined): number | undefined {
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  return Math.min(10 * 60 * 1000, Math.max(1000, seconds * 1000));
}
