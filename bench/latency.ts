// How much latency our POST /api/v1/images/generations adds over calling the API in One simulator
// directly: same body, same machine, one run, requests interleaved.
import { randomBytes } from "node:crypto";
import path from "node:path";
import autocannon from "autocannon";
import { startSimulator } from "@/lib/simulator";
import { log, startStudio, type Studio } from "./app-server";
import { startFloor } from "./floor";
import { startPortkey } from "./portkey";
import type { LatencyInput } from "./report";
import { summarize } from "./stats";

/** The target: what Studio adds at p50 is at most twice what a bare forwarding Next app adds. */
export const targetFloorRatio = 2;

/** Clients and seconds of the throughput run (autocannon). */
export const loadClients = 50;

export interface LatencyOptions {
  appDir: string;
  /** Another commit's build, measured interleaved in the same run (`--compare`). */
  before?: { commit: string; appDir: string };
  work: string;
  n: number;
  warmup: number;
  /** Seconds of each throughput run at 50 clients (20 by default). */
  loadSeconds: number;
}

export interface Throughput {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers other than the expected status, and socket errors or timeouts. */
  errors: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
}

/** `loadClients` clients posting `body` to `url` for `seconds`: requests per second, p50, p99. */
async function throughput(url: string, token: string, body: string, seconds: number) {
  const result = await autocannon({
    url,
    method: "POST",
    connections: loadClients,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.non2xx + result.errors + result.timeouts,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat?.count ?? 0]),
    ),
  } satisfies Throughput;
}

type Call = () => Promise<void>;

function poster(
  url: string,
  token: string,
  body: string,
  expect = 200,
  withKey = false,
  extraHeaders: Record<string, string> = {},
): Call {
  return async () => {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      ...extraHeaders,
    };
    if (withKey) headers["Idempotency-Key"] = randomBytes(16).toString("hex");
    const res = await fetch(url, { method: "POST", headers, body });
    const text = await res.text();
    if (res.status !== expect) {
      throw new Error(`${url} answered ${res.status}: ${text.slice(0, 200)}`);
    }
  };
}

async function timed(call: Call): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

export async function measureLatency(opts: LatencyOptions): Promise<LatencyInput> {
  const { n, warmup } = opts;
  const sim = await startSimulator({ port: 0, speed: 1000, rateLimitPerMinute: 1_000_000 });
  const studios: Studio[] = [];
  let stopPortkey = () => {};
  let stopFloor = async () => {};
  try {
    const upstreamKey = `aio_bench_${randomBytes(6).toString("hex")}`;
    // A balance no run can spend (the default 10,000 credits last a few seconds at 50 clients).
    const funded = await fetch(`${new URL(sim.baseUrl).origin}/__sim/keys/${upstreamKey}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ credits: 1e12 }),
    });
    if (!funded.ok) throw new Error(`simulator: funding the bench key answered ${funded.status}`);
    // The budget raised out of the way (this measures a request, not the tracker), outputs not
    // copied (the simulator renders them in this process, which is also the measuring client),
    // and the tracker on its real-time schedule.
    const env = {
      AIO_BASE_URL: sim.baseUrl,
      AIO_API_KEY: upstreamKey,
      UPSTREAM_RATE_LIMIT: "100000",
      MIRROR_OUTPUTS: "0",
    };
    const serve = async (appDir: string, data: string, label: string) => {
      const studio = await startStudio({
        appDir,
        dataDir: path.join(opts.work, data),
        env,
        label,
      });
      studios.push(studio);
      return studio;
    };
    const now = await serve(opts.appDir, "data-latency", "studio");
    const before = opts.before
      ? await serve(opts.before.appDir, "data-latency-before", `studio ${opts.before.commit}`)
      : undefined;

    // The peer: the Portkey AI gateway in front of the same simulator.
    const portkey = await startPortkey(sim.baseUrl);
    stopPortkey = portkey.stop;
    // The floor: a Next.js app that only forwards the POST, built in this run.
    const floor = await startFloor(sim.baseUrl);
    stopFloor = floor.stop;

    const body = JSON.stringify({ model: "flux-2", prompt: "a red fox in the snow" });
    const generations = (studio: Studio) => `${studio.url}/api/v1/images/generations`;
    const calls = {
      direct: poster(`${sim.baseUrl}/images/generations`, upstreamKey, body),
      studio: poster(generations(now), now.token, body),
      studioKeyed: poster(generations(now), now.token, body, 200, true),
      forwarded: poster(`${floor.url}/api/v1/images/generations`, upstreamKey, body),
      // Next's own handling of a request: the same POST refused at authentication on each side,
      // before any work (no database, no upstream call).
      directRefused: poster(`${sim.baseUrl}/images/generations`, "aio_revoked_bench", body, 401),
      studioRefused: poster(generations(now), "not-a-token", body, 401),
      portkey: poster(
        `${portkey.baseUrl}/images/generations`,
        upstreamKey,
        body,
        200,
        false,
        portkey.headers,
      ),
      ...(before && { before: poster(generations(before), before.token, body) }),
    } satisfies Record<string, Call>;
    type Name = keyof typeof calls;
    const names = Object.keys(calls) as Name[];
    log(`latency: warming up (${warmup} requests each)`);
    for (let i = 0; i < warmup; i++) for (const name of names) await calls[name]?.();

    log(`latency: measuring ${n} sequential requests each, interleaved`);
    const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      Name,
      number[]
    >;
    for (let i = 0; i < n; i++) {
      // Rotate the order so no variant always runs first (or right after another).
      for (let j = 0; j < names.length; j++) {
        const name = names[(i + j) % names.length] ?? "direct";
        const call = calls[name];
        if (call) samples[name].push(await timed(call));
      }
    }

    log(`latency: ${loadClients} clients for ${opts.loadSeconds} s, directly and via Studio`);
    const load = {
      direct: await throughput(
        `${sim.baseUrl}/images/generations`,
        upstreamKey,
        body,
        opts.loadSeconds,
      ),
      studio: await throughput(generations(now), now.token, body, opts.loadSeconds),
    };

    const paired = (series: number[], base: number[]) =>
      summarize(series.map((v, i) => v - (base[i] ?? 0)));
    const series = {
      direct: summarize(samples.direct),
      studio: summarize(samples.studio),
      studioKeyed: summarize(samples.studioKeyed),
      diff: paired(samples.studio, samples.direct),
      diffKeyed: paired(samples.studioKeyed, samples.direct),
      floor: paired(samples.forwarded, samples.direct),
      refusedFloor: paired(samples.studioRefused, samples.directRefused),
      portkey: summarize(samples.portkey),
      diffPortkey: paired(samples.portkey, samples.direct),
      own: paired(samples.studio, samples.forwarded),
    };
    return {
      n,
      warmup,
      body,
      targetP50Ms: targetFloorRatio * series.floor.p50,
      series,
      load: { clients: loadClients, seconds: opts.loadSeconds, ...load },
      ...(opts.before && {
        before: { commit: opts.before.commit, added: paired(samples.before ?? [], samples.direct) },
      }),
    };
  } finally {
    stopPortkey();
    await stopFloor();
    for (const studio of studios) await studio.stop();
    await sim.close();
  }
}
