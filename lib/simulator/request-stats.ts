// What /__sim/stats reports about traffic, so tests can prove how a client behaves: requests per
// route and key, 429s, each key's busiest minute, how many status checks were in flight at once
// (in total, and for one and the same task), and how chat calls ended. Everything here restarts
// from zero on reset; the requests still in flight then stay counted as in flight.
import type { ServerResponse } from "node:http";
import { ChatStats, type ChatKeyStats } from "./chat-stats";

const windowMs = 60_000;

interface KeyCounters {
  requests: number;
  rateLimited: number;
  /** Times of this key's requests in the last 60 s, oldest first. */
  recent: number[];
  peakPerMinute: number;
  statusInFlight: number;
  maxStatusInFlight: number;
  maxSameTask: number;
}

export interface KeyStats extends ChatKeyStats {
  /** API requests since the last reset (refused ones too). */
  requests: number;
  /** Of those, how many were answered 429 rate_limit. */
  rate_limited: number;
  /** The most requests in any 60-second window since the last reset. */
  peak_per_minute: number;
  /** The most simultaneous GET /tasks/{id} for one and the same task id. */
  max_concurrent_status_checks: number;
  /** The most simultaneous GET /tasks/{id} over all of this key's tasks. */
  max_in_flight_status_checks: number;
}

export interface StatsReport {
  requests: Record<string, Record<string, number>>;
  total: number;
  keys: Record<string, KeyStats>;
  max_concurrent_status_checks: number;
  max_in_flight_status_checks: number;
  max_in_flight_requests: number;
}

export class RequestStats {
  /** "POST /images/generations" → key → count. */
  private requests: Record<string, Record<string, number>> = {};
  private total = 0;
  private readonly keys = new Map<string, KeyCounters>();
  /** key + task id → status checks in flight for that task now. */
  private readonly sameTask = new Map<string, number>();
  private statusInFlight = 0;
  private maxStatusInFlight = 0;
  private apiInFlight = 0;
  private maxApiInFlight = 0;
  /** Chat calls and streams per key: how each ended (see chat-stats.ts). */
  readonly chat = new ChatStats();

  private counters(label: string): KeyCounters {
    let counters = this.keys.get(label);
    if (!counters) {
      counters = {
        requests: 0,
        rateLimited: 0,
        recent: [],
        peakPerMinute: 0,
        statusInFlight: 0,
        maxStatusInFlight: 0,
        maxSameTask: 0,
      };
      this.keys.set(label, counters);
    }
    return counters;
  }

  /** One request to /api/v1 by `label` (a key, or "(unauthenticated)"), refused or not. */
  count(route: string, label: string, now: number): void {
    const perKey = (this.requests[route] ??= {});
    perKey[label] = (perKey[label] ?? 0) + 1;
    this.total++;
    const counters = this.counters(label);
    counters.requests++;
    const recent = counters.recent;
    while (recent.length > 0 && (recent[0] ?? 0) <= now - windowMs) recent.shift();
    recent.push(now);
    counters.peakPerMinute = Math.max(counters.peakPerMinute, recent.length);
  }

  /** A request of `label` was refused with 429. */
  countRateLimited(label: string): void {
    this.counters(label).rateLimited++;
  }

  /** An /api/v1 request is in flight until its response is finished or abandoned. */
  trackRequest(res: ServerResponse): void {
    this.apiInFlight++;
    this.maxApiInFlight = Math.max(this.maxApiInFlight, this.apiInFlight);
    res.once("close", () => {
      this.apiInFlight--;
    });
  }

  /** A GET /tasks/{id} is in flight from its arrival until its answer is finished or abandoned. */
  trackStatusCheck(label: string, taskId: string, res: ServerResponse): void {
    const counters = this.counters(label);
    const pair = `${label}\u0000${taskId}`;
    const same = (this.sameTask.get(pair) ?? 0) + 1;
    this.sameTask.set(pair, same);
    counters.statusInFlight++;
    this.statusInFlight++;
    counters.maxSameTask = Math.max(counters.maxSameTask, same);
    counters.maxStatusInFlight = Math.max(counters.maxStatusInFlight, counters.statusInFlight);
    this.maxStatusInFlight = Math.max(this.maxStatusInFlight, this.statusInFlight);
    res.once("close", () => {
      const left = (this.sameTask.get(pair) ?? 1) - 1;
      if (left > 0) this.sameTask.set(pair, left);
      else this.sameTask.delete(pair);
      // The counters object may have been replaced by a reset: look it up again.
      this.counters(label).statusInFlight--;
      this.statusInFlight--;
    });
  }

  report(): StatsReport {
    const keys: Record<string, KeyStats> = {};
    let maxSameTask = 0;
    for (const [label, c] of this.keys) {
      maxSameTask = Math.max(maxSameTask, c.maxSameTask);
      keys[label] = {
        requests: c.requests,
        rate_limited: c.rateLimited,
        peak_per_minute: c.peakPerMinute,
        max_concurrent_status_checks: c.maxSameTask,
        max_in_flight_status_checks: c.maxStatusInFlight,
        ...this.chat.report(label),
      };
    }
    return {
      requests: this.requests,
      total: this.total,
      keys,
      max_concurrent_status_checks: maxSameTask,
      max_in_flight_status_checks: this.maxStatusInFlight,
      max_in_flight_requests: this.maxApiInFlight,
    };
  }

  /** Counts and maxima start again; what is in flight now stays in flight. */
  reset(): void {
    this.requests = {};
    this.total = 0;
    const inFlight = new Map<string, number>();
    for (const [label, c] of this.keys) {
      if (c.statusInFlight > 0) inFlight.set(label, c.statusInFlight);
    }
    this.keys.clear();
    for (const [label, n] of inFlight) {
      const c = this.counters(label);
      c.statusInFlight = n;
      c.maxStatusInFlight = n;
    }
    for (const [pair, n] of this.sameTask) {
      const c = this.counters(pair.slice(0, pair.indexOf("\u0000")));
      c.maxSameTask = Math.max(c.maxSameTask, n);
    }
    this.chat.reset();
    for (const label of this.chat.labels()) this.counters(label);
    this.maxStatusInFlight = this.statusInFlight;
    this.maxApiInFlight = this.apiInFlight;
  }
}
