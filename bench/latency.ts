// How much latency our POST /api/v1/images/generations adds over calling the API in One simulator
// directly: same body, same machine, one run, requests interleaved.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startSimulator } from "@/lib/simulator";
import { log, startStudio, type Studio } from "./app-server";
import type { LatencyInput } from "./report";
import { summarize } from "./stats";

export const targetP50Ms = 2;

export interface LatencyOptions {
  appDir: string;
  /** Another commit's build, measured interleaved in the same run (`--compare`). */
  before?: { commit: string; appDir: string };
  work: string;
  n: number;
  warmup: number;
}

type Call = () => Promise<void>;

function poster(url: string, token: string, body: string, expect = 200, withKey = false): Call {
  return async () => {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
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
  try {
    const upstreamKey = `aio_bench_${randomBytes(6).toString("hex")}`;
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

    const body = JSON.stringify({ model: "flux-2", prompt: "a red fox in the snow" });
    const generations = (studio: Studio) => `${studio.url}/api/v1/images/generations`;
    const calls = {
      direct: poster(`${sim.baseUrl}/images/generations`, upstreamKey, body),
      studio: poster(generations(now), now.token, body),
      studioKeyed: poster(generations(now), now.token, body, 200, true),
      // The floor: the same POST refused at authentication on each side, before any work (no
      // database, no upstream call), so what remains is Next's own handling of a request.
      directRefused: poster(`${sim.baseUrl}/images/generations`, "aio_revoked_bench", body, 401),
      studioRefused: poster(generations(now), "not-a-token", body, 401),
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

    const paired = (series: number[], base: number[]) =>
      summarize(series.map((v, i) => v - (base[i] ?? 0)));
    const series = {
      direct: summarize(samples.direct),
      studio: summarize(samples.studio),
      studioKeyed: summarize(samples.studioKeyed),
      diff: paired(samples.studio, samples.direct),
      diffKeyed: paired(samples.studioKeyed, samples.direct),
      floor: paired(samples.studioRefused, samples.directRefused),
      own: summarize(
        samples.studio.map(
          (v, i) =>
            v -
            (samples.direct[i] ?? 0) -
            ((samples.studioRefused[i] ?? 0) - (samples.directRefused[i] ?? 0)),
        ),
      ),
    };
    return {
      n,
      warmup,
      body,
      targetP50Ms,
      series,
      ...(opts.before && {
        before: { commit: opts.before.commit, added: paired(samples.before ?? [], samples.direct) },
      }),
    };
  } finally {
    for (const studio of studios) await studio.stop();
    await sim.close();
  }
}
