// Retry timing for idempotent GETs: Retry-After parsing, exponential backoff with full jitter,
// and an abortable sleep. POSTs never come through here (a re-sent POST can charge twice).
import "server-only";

/**
 * Seconds to wait from a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns undefined for a missing or unreadable value; never negative.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  // Integers per the RFC; decimals tolerated because some servers send them.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  // A bare number with a sign or junk is not a date either; Date.parse would accept some of them.
  if (/^[-+]?\d/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): full jitter over an exponentially growing window,
 * so many pollers that failed together do not come back together.
 */
export function backoffDelay(
  attempt: number,
  { baseDelayMs, maxDelayMs, random = Math.random }: BackoffOptions,
): number {
  const window = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  // Keep a floor of half the window: zero-delay retries would hammer a struggling upstream.
  return Math.round(window / 2 + random() * (window / 2));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
