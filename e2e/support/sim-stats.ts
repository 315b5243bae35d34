// The standalone simulator's per-key counters (/__sim/stats), as the tracker specs read them.
import { simOrigin } from "../../playwright.config";

export interface SimKeyStats {
  /** Requests of this key in its busiest sliding minute (refused ones included). */
  peakPerMinute: number;
  /** 429 answers the simulator gave this key. */
  rateLimited: number;
  /** Most status checks of one and the same task in flight at once. */
  maxConcurrentStatusChecks: number;
  requests: number;
}

export async function simKeyStats(key: string, origin = simOrigin): Promise<SimKeyStats> {
  const res = await fetch(`${origin}/__sim/stats`);
  if (!res.ok) throw new Error(`simulator stats: ${res.status}`);
  const stats = (await res.json()) as {
    keys: Record<
      string,
      | {
          requests: number;
          rate_limited: number;
          peak_per_minute: number;
          max_concurrent_status_checks: number;
        }
      | undefined
    >;
  };
  const mine = stats.keys[key];
  return {
    peakPerMinute: mine?.peak_per_minute ?? 0,
    rateLimited: mine?.rate_limited ?? 0,
    maxConcurrentStatusChecks: mine?.max_concurrent_status_checks ?? 0,
    requests: mine?.requests ?? 0,
  };
}

/** Sets the simulator's own limits for one key (e.g. a rate limit no test burst can meet). */
export async function setSimKeyLimits(
  key: string,
  limits: { rateLimitPerMinute?: number | null; credits?: number; statusDelayMs?: number },
  origin = simOrigin,
): Promise<void> {
  const res = await fetch(`${origin}/__sim/keys/${key}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(limits),
  });
  if (!res.ok) throw new Error(`simulator key limits: ${res.status} ${await res.text()}`);
}
