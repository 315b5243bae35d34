// The tracker measured from outside: each run has its own simulator process, its own key and its
// own Studio (production build, UPSTREAM_RATE_LIMIT and the simulator's limit both 60 a minute),
// submits tasks as clients would (a Studio 429 is retried after its Retry-After), watches them
// finish through "tabs" (GET /api/v1/tasks, then the SSE stream) and reads the simulator's own
// counters and finish times. The runs go side by side, so the whole thing takes as long as the
// longest one.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { taskCreatedReplySchema } from "@/lib/schemas/tasks";
import { freePort, log, sleep, startStudio, type Studio } from "./app-server";
import { finishTimes, keyStats, setKeyLimit, startSimProcess } from "./sim-process";
import { percentile } from "./stats";
import { openTab, type Tab, type TabSighting } from "./tab";
import {
  model,
  trackerRuns,
  trackerSpeed,
  upstreamLimit,
  type DelaySummary,
  type TrackerResult,
  type TrackerRun,
} from "./tracker-runs";

const finalStatuses = new Set(["SUCCESS", "FAILED"]);

interface Seen {
  /** The first time any tab showed it final. */
  finalAt?: number;
  status?: string;
  tabsFinal: Set<number>;
  waited: boolean;
}

function summarizeDelays(values: number[]): DelaySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    count: sorted.length,
  };
}

async function measureRun(run: TrackerRun, appDir: string, work: string): Promise<TrackerResult> {
  const stateDir = path.join(work, `sim-${run.name}`);
  const sim = await startSimProcess({
    speed: trackerSpeed,
    rateLimitPerMinute: upstreamLimit,
    stateDir,
    label: `sim ${run.name}`,
  });
  let studio: Studio | undefined;
  const tabs: Tab[] = [];
  try {
    const key = `aio_bench_${run.name.replace(/-/g, "_")}_${randomUUID().slice(0, 8)}`;
    await setKeyLimit(sim.origin, key, upstreamLimit);
    const port = await freePort();
    studio = await startStudio({
      appDir,
      dataDir: path.join(work, `data-${run.name}`),
      port,
      label: `studio ${run.name}`,
      env: {
        AIO_BASE_URL: sim.baseUrl,
        AIO_API_KEY: key,
        TRACKER_SPEED: String(trackerSpeed),
        UPSTREAM_RATE_LIMIT: String(upstreamLimit),
        PUBLIC_URL: run.callbacks ? `http://127.0.0.1:${port}` : "",
        LOG_LEVEL: "warn",
      },
    });
    const { url, token } = studio;

    const seen = new Map<string, Seen>();
    const sighted = (tab: number) => (s: TabSighting) => {
      const entry = seen.get(s.item.task_id) ?? { tabsFinal: new Set(), waited: false };
      seen.set(s.item.task_id, entry);
      if (s.item.tracking.state === "waiting") entry.waited = true;
      if (!finalStatuses.has(s.item.status)) return;
      entry.tabsFinal.add(tab);
      if (entry.finalAt === undefined || s.at < entry.finalAt) {
        entry.finalAt = s.at;
        entry.status = s.item.status;
      }
    };
    for (let i = 0; i < run.tabs; i++) tabs.push(await openTab(url, token, sighted(i)));

    const started = Date.now();
    const deadline = started + run.deadlineMs;
    const accepted: string[] = [];
    let studio429 = 0;
    let passed429 = 0;
    let slowestAcceptedMs = 0;
    let stopped = false;
    const submit = async (i: number) => {
      await sleep(i * run.spacingMs);
      const idempotencyKey = randomUUID();
      const body = JSON.stringify({
        model,
        prompt: `${run.spacingMs ? "a lighthouse at dusk" : "a kite over the dunes"}, number ${i}`,
      });
      while (Date.now() < deadline && !stopped) {
        const sent = performance.now();
        const res = await fetch(`${url}/api/v1/images/generations`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${token}`,
            "Content-Type": "application/json",
            "Idempotency-Key": idempotencyKey,
          },
          body,
        });
        const text = await res.text();
        if (res.status === 200) {
          slowestAcceptedMs = Math.max(slowestAcceptedMs, performance.now() - sent);
          accepted.push(taskCreatedReplySchema.parse(JSON.parse(text)).data.task_id);
          return;
        }
        if (res.status === 429 || res.status === 409) {
          if (res.status === 429) studio429++;
          if (res.status === 429 && /"source":\s*"upstream"/.test(text)) passed429++;
          const seconds = Number(res.headers.get("retry-after"));
          await sleep((Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000);
          continue;
        }
        log(`tracker ${run.name}: submission ${i} answered ${res.status}: ${text.slice(0, 200)}`);
        return;
      }
    };
    let submitted = false;
    // A submission that fails outright counts as lost (accepted stays short of run.tasks).
    void Promise.all(
      Array.from({ length: run.tasks }, (_, i) =>
        submit(i).catch((err: unknown) => {
          if (!stopped) log(`tracker ${run.name}: submission ${i} failed: ${String(err)}`);
        }),
      ),
    ).then(() => (submitted = true));

    const finishedCount = () => accepted.filter((id) => seen.get(id)?.finalAt !== undefined).length;
    let lastReport = started;
    while (Date.now() < deadline && !(submitted && finishedCount() === accepted.length)) {
      await sleep(250);
      if (Date.now() - lastReport >= 20_000) {
        lastReport = Date.now();
        const stats = await keyStats(sim.origin, key);
        log(
          `tracker ${run.name}: ${Math.round((lastReport - started) / 1000)} s, ` +
            `${accepted.length}/${run.tasks} accepted, ${finishedCount()} finished, ` +
            `upstream ${stats.requests} requests (peak ${stats.peakPerMinute}/min, ${stats.rateLimited} refused)`,
        );
      }
    }
    const lastFinal = Math.max(
      started,
      ...accepted.map((id) => seen.get(id)?.finalAt ?? Number.NEGATIVE_INFINITY),
    );
    const upstream = await keyStats(sim.origin, key);
    // Each page reloaded now: its list must show every task as it ended.
    for (const tab of tabs) await tab.reload();
    stopped = true;
    for (const tab of tabs) tab.close();
    await studio.stop();
    await sim.stop();
    if (!submitted) log(`tracker ${run.name}: submissions still retrying at the deadline`);

    const finishesAt = finishTimes(stateDir);
    const delays: number[] = [];
    let finished = 0;
    let succeeded = 0;
    let waited = 0;
    let everyTabSawAll = true;
    for (const id of accepted) {
      const entry = seen.get(id);
      if (entry?.waited) waited++;
      if (entry?.finalAt === undefined) continue;
      finished++;
      if (entry.status === "SUCCESS") succeeded++;
      if (entry.tabsFinal.size < run.tabs) everyTabSawAll = false;
      const upstreamDone = finishesAt.get(id);
      if (upstreamDone !== undefined) delays.push(entry.finalAt - upstreamDone);
    }
    if (delays.length < finished) {
      log(`tracker ${run.name}: no finish time for ${finished - delays.length} task(s)`);
    }
    return {
      run,
      accepted: accepted.length,
      studio429,
      passed429,
      slowestAcceptedMs,
      lost: run.tasks - accepted.length,
      finished,
      succeeded,
      upstream,
      requestsPerTask: finished > 0 ? upstream.requests / finished : Number.NaN,
      delay: summarizeDelays(delays),
      waited,
      everyTabSawAll,
      listed: tabs.map((tab) => tab.listed),
      drops: tabs.reduce((sum, tab) => sum + tab.drops, 0),
      wallMs: lastFinal - started,
    };
  } finally {
    for (const tab of tabs) tab.close();
    await studio?.stop();
    await sim.stop();
  }
}

export async function measureTracker(appDir: string, work: string): Promise<TrackerResult[]> {
  log(
    `tracker: ${trackerRuns.length} runs side by side (simulator speed ${trackerSpeed}, ` +
      `${upstreamLimit} requests a minute per key); the longest takes about 4 minutes`,
  );
  const results = await Promise.all(trackerRuns.map((run) => measureRun(run, appDir, work)));
  for (const r of results) {
    log(
      `tracker ${r.run.name}: ${r.finished}/${r.run.tasks} finished in ${(r.wallMs / 1000).toFixed(0)} s, ` +
        `${r.requestsPerTask.toFixed(2)} upstream requests per task, peak ${r.upstream.peakPerMinute}/min, ` +
        `delay p50 ${(r.delay.p50 / 1000).toFixed(2)} s`,
    );
  }
  return results;
}
