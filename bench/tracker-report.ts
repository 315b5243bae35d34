// The tracker's part of bench/results.md: its lines of the results table, and one table with
// everything each run saw.
import { round, type Verdict } from "./report";
import { model, targets, trackerSpeed, upstreamLimit, type TrackerResult } from "./tracker-runs";

const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "n/a");

/** "" when every task finished, else why a figure is incomplete. */
function unfinished(r: TrackerResult): string {
  return r.finished < r.run.tasks ? ` (only ${r.finished} of ${r.run.tasks} finished)` : "";
}

function saturated(r: TrackerResult): boolean {
  return r.waited > 0 || r.upstream.peakPerMinute >= upstreamLimit;
}

/** "100 tasks at once, three tabs" → "100-tasks-at-once-three-tabs". */
const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function trackerVerdicts(results: readonly TrackerResult[]): Verdict[] {
  const complete = (r: TrackerResult) => r.finished === r.run.tasks;
  const perTask = results.map((r) => ({
    name: `tracker.${slug(r.run.title)}.requests-per-task`,
    value: round(r.requestsPerTask),
    unit: "requests",
    measure: "Upstream requests per finished task (creation included)",
    run: r.run.title,
    figure: `${r.requestsPerTask.toFixed(2)} (${r.upstream.requests} ÷ ${r.finished})${unfinished(r)}`,
    target: `≤ ${targets.requestsPerTask}`,
    met: complete(r) && r.requestsPerTask <= targets.requestsPerTask,
  }));
  const bursts = results.filter((r) => !r.run.unsaturated);
  const peak = bursts.map((r) => ({
    name: `peak.${slug(r.run.title)}.per-minute`,
    value: r.upstream.peakPerMinute,
    unit: "requests/60 s",
    measure: "Peak upstream requests per key in any 60 s",
    run: r.run.title,
    figure: `${r.upstream.peakPerMinute}${unfinished(r)}`,
    target: `≤ ${targets.peakPerMinute}`,
    met: complete(r) && r.upstream.peakPerMinute <= targets.peakPerMinute,
  }));
  const refused = bursts.map((r) => ({
    name: `peak.${slug(r.run.title)}.429s`,
    value: r.upstream.rateLimited,
    unit: "responses",
    measure: "429s from the simulator",
    run: r.run.title,
    figure: String(r.upstream.rateLimited),
    target: "0",
    met: r.upstream.rateLimited === 0,
  }));
  const delay = results
    .filter((r) => r.run.unsaturated)
    .map((r) => ({
      name: `tracker.${slug(r.run.title)}.delay-median`,
      value: round(r.delay.p50 / 1000),
      unit: "s",
      measure: "Upstream completion → page shows it (median; p95)",
      run: r.run.title,
      figure:
        `${seconds(r.delay.p50)}; p95 ${seconds(r.delay.p95)}${unfinished(r)}` +
        (saturated(r) ? " (budget was saturated)" : ""),
      target: `median ≤ ${seconds(targets.medianDelayMs)}`,
      met: complete(r) && r.delay.p50 <= targets.medianDelayMs,
    }));
  return [...perTask, ...peak, ...refused, ...delay];
}

function runRow(r: TrackerResult): string {
  const u = r.upstream;
  const creations = u.byRoute["POST /images/generations"] ?? 0;
  const checks = u.byRoute["GET /tasks/{task_id}"] ?? 0;
  const cells = [
    r.run.title,
    `${r.finished}/${r.run.tasks} (${r.succeeded} SUCCESS)`,
    `${r.studio429}${r.passed429 ? ` (${r.passed429} the upstream's, passed on)` : ""}`,
    seconds(r.slowestAcceptedMs),
    `${u.requests} = ${creations} + ${checks} + ${u.requests - creations - checks}`,
    r.requestsPerTask.toFixed(2),
    `${u.peakPerMinute}`,
    `${u.rateLimited}`,
    `${u.maxConcurrentStatusChecks}`,
    `${seconds(r.delay.p50)} / ${seconds(r.delay.p95)} / ${seconds(r.delay.max)}`,
    `${r.waited}`,
    `${r.everyTabSawAll ? "yes" : "**no**"}; lists ${r.listed.map((l) => l.join("→")).join(", ")}; ${r.drops} drops`,
    seconds(r.wallMs),
  ];
  return `| ${cells.join(" | ")} |`;
}

export function trackerSection(results: readonly TrackerResult[]): string[] {
  return [
    "## Task tracking",
    "",
    `Setup: ${results.length} runs side by side, each with its own simulator process (\`lib/simulator/cli.ts\`, speed ${trackerSpeed} — real time, so flux-2 tasks take their catalog's 3–15 s — with a state directory), its own upstream key limited to ${upstreamLimit} requests a minute at the simulator, and its own Studio (the production build under \`next start\`, embedded PGlite in a temporary DATA_DIR, server-key mode, UPSTREAM_RATE_LIMIT=${upstreamLimit}, TRACKER_SPEED=${trackerSpeed}, outputs copied as by default). "Callbacks" sets PUBLIC_URL to the Studio's own URL, so the simulator calls back; "polling only" leaves it unset. Every task is a \`${model}\` image submitted to POST /api/v1/images/generations with an app token and an Idempotency-Key; a submission the Studio answers 429 is sent again after its Retry-After. A tab reads GET /api/v1/tasks?limit=100 on load, then keeps GET /api/v1/tasks/events open; each page is reloaded once at the end.`,
    "",
    "Upstream requests are the simulator's own count for the key (`/__sim/stats`), everything included: creations and status checks, one of which is the Studio's key check at start-up (its health probe looks up a task that cannot exist). The peak is the simulator's busiest sliding 60 s for the key. The delay runs from the moment the simulator finished a task (its `finishesAt`, read from the simulator's state directory after the run: each task record is journaled there when the task is created) to the first `event: task` with the final status on any tab (or a list read showing it, whichever came first); both clocks are this machine's.",
    "",
    "| run | finished | 429s to submissions (retried) | slowest accepted submission | upstream requests = creations + status checks + other | per finished task | peak per 60 s | simulator 429s | most checks of one task at once | delay p50 / p95 / max | tasks shown waiting for budget | every tab saw every final status; tasks listed per load; stream drops | first submission → last final |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...results.map(runRow),
    "",
    ...results
      .filter((r) => r.upstream.rateLimited > 0 || r.upstream.peakPerMinute > upstreamLimit)
      .map(
        (r) =>
          `${r.run.title}: the simulator counted ${r.upstream.peakPerMinute} requests in one 60 s and refused ${r.upstream.rateLimited}. The Studio counts a request from the moment it takes the slot, over 62 s; a request that reaches the simulator more than 2 s after its slot was taken can land in the simulator's minute with requests sent after that slot freed (the slowest accepted submission here took ${seconds(r.slowestAcceptedMs)} to answer).\n`,
      ),
    "The bursts are meant to saturate the budget: their delays are listed for what they are (time spent",
    "waiting for room in the key's minute), with no target. The spread runs are meant not to: a",
    "delay figure marked “budget was saturated” did not measure what it is meant to.",
    "",
  ];
}
