// What the tracker bench runs and what it finds: the runs (tasks, pacing, tabs, callbacks or
// not), the targets, and each run's result as the report reads it.
import type { KeyStats } from "./sim-process";

/** Simulator speed and TRACKER_SPEED: real time, so schedules and delays are the real ones. */
export const trackerSpeed = 1;
/** Requests per minute: the simulator's limit for the key, and the Studio's UPSTREAM_RATE_LIMIT. */
export const upstreamLimit = 60;
export const model = "flux-2";

export const targets = {
  requestsPerTask: 4,
  peakPerMinute: upstreamLimit,
  medianDelayMs: 3_000,
} as const;

export interface TrackerRun {
  name: string;
  /** For people: what the run does. */
  title: string;
  tasks: number;
  /** Between submissions; 0 = all at once. */
  spacingMs: number;
  tabs: number;
  /** PUBLIC_URL set to the Studio's own URL, so the simulator calls back. */
  callbacks: boolean;
  /** Gives up waiting for unfinished tasks after this long. */
  deadlineMs: number;
  /** The run is meant to stay within the budget (its delays are the clean ones). */
  unsaturated: boolean;
}

export const trackerRuns: readonly TrackerRun[] = [
  {
    name: "burst-polling",
    title: "100 at once, 3 tabs, polling only",
    tasks: 100,
    spacingMs: 0,
    tabs: 3,
    callbacks: false,
    deadlineMs: 6 * 60_000,
    unsaturated: false,
  },
  {
    name: "burst-callbacks",
    title: "100 at once, 3 tabs, callbacks",
    tasks: 100,
    spacingMs: 0,
    tabs: 3,
    callbacks: true,
    deadlineMs: 6 * 60_000,
    unsaturated: false,
  },
  {
    name: "spread-callbacks",
    title: "20 one every 5 s, 1 tab, callbacks",
    tasks: 20,
    spacingMs: 5_000,
    tabs: 1,
    callbacks: true,
    deadlineMs: 4 * 60_000,
    unsaturated: true,
  },
  {
    name: "spread-polling",
    title: "20 one every 5 s, 1 tab, polling only",
    tasks: 20,
    spacingMs: 5_000,
    tabs: 1,
    callbacks: false,
    deadlineMs: 4 * 60_000,
    unsaturated: true,
  },
];

export interface DelaySummary {
  p50: number;
  p95: number;
  max: number;
  count: number;
}

export interface TrackerResult {
  run: TrackerRun;
  accepted: number;
  /** Submissions answered 429 by the Studio (each retried after its Retry-After)… */
  studio429: number;
  /** …of which the upstream's own 429, passed on (`source: "upstream"`). */
  passed429: number;
  /** The slowest answer to a submission that was accepted, ms (send → 200). */
  slowestAcceptedMs: number;
  /** Submissions that never got a task (another error, or the deadline). */
  lost: number;
  finished: number;
  succeeded: number;
  upstream: KeyStats;
  requestsPerTask: number;
  /** Upstream completion → first final status on a tab, ms. */
  delay: DelaySummary;
  /** Tasks that were ever shown waiting for room in the key's budget. */
  waited: number;
  /** Every tab saw every finished task's final status. */
  everyTabSawAll: boolean;
  /** What each tab's list showed on every load (the first before any submission). */
  listed: number[][];
  drops: number;
  /** First submission to the last task seen final. */
  wallMs: number;
}
