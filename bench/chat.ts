// What our POST /api/v1/chat/completions adds to a streamed answer: the simulator emitting
// `chunkCount` content chunks `intervalMs` apart, read directly, through the Studio (production
// build, app token, the user's own key on that simulator) and through a bare Node passthrough
// (the floor any extra hop costs), one request at a time, interleaved, against one simulator
// process. Per request: time to first token, content chunks, total duration.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { randomBytes } from "node:crypto";
import { createParser } from "eventsource-parser";
import { cleanEnv, forwardLines, log, root, startStudio } from "./app-server";
import { startPortkey } from "./portkey";
import { setKeyLimit, startSimProcess } from "./sim-process";
import { percentile } from "./stats";

export const chatTargetP50Ms = 2;
export const chunkCount = 100;
export const intervalMs = 10;

export interface ChatOptions {
  appDir: string;
  work: string;
  /** Measured requests per path. */
  n: number;
  warmup: number;
}

/** p50/p95/mean of one series, in ms. */
export interface Spread {
  p50: number;
  p95: number;
  mean: number;
}

export interface ChatPath {
  ttft: Spread;
  total: Spread;
  /** Content deltas per request: the fewest and most seen. */
  chunks: { min: number; max: number };
}

export const pathNames = ["direct", "studio", "bare", "portkey"] as const;
export type PathName = (typeof pathNames)[number];

export interface ChatResult {
  n: number;
  warmup: number;
  body: string;
  chunkCount: number;
  intervalMs: number;
  targetP50Ms: number;
  paths: Record<PathName, ChatPath>;
  /** Paired per round: via the Studio, the bare passthrough and the Portkey gateway − direct. */
  added: { studio: Spread; bare: Spread; portkey: Spread };
  /** Paired: the same POST refused at authentication, Studio − simulator (Next's own floor). */
  refusedFloor: Spread;
  /** Rounds whose two paths saw different chunk counts, or a count other than `chunkCount`. */
  chunkMismatches: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, v) => sum + v, 0) / (values.length || 1);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean };
}

interface Sample {
  ttftMs: number;
  totalMs: number;
  chunks: number;
}

/** The content of a chunk's first choice, or an error when the stream carried one in-band. */
function contentOf(data: string): string {
  const chunk = JSON.parse(data) as {
    error?: { message?: string };
    choices?: { delta?: { content?: unknown } }[];
  };
  if (chunk.error) throw new Error(`in-band error: ${chunk.error.message ?? data}`);
  const content = chunk.choices?.[0]?.delta?.content;
  return typeof content === "string" ? content : "";
}

/** One streamed completion, timed from just before the request is sent. */
async function streamOnce(
  url: string,
  token: string,
  body: string,
  extraHeaders: Record<string, string> = {},
): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      ...extraHeaders,
    },
    body,
  });
  if (res.status !== 200 || !res.body) {
    throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
  let ttftMs = Number.NaN;
  let chunks = 0;
  let done = false;
  const parser = createParser({
    onEvent(event) {
      if (event.data === "[DONE]") {
        done = true;
        return;
      }
      if (contentOf(event.data) === "") return;
      if (chunks === 0) ttftMs = performance.now() - started;
      chunks++;
    },
  });
  const decoder = new TextDecoder();
  for await (const bytes of res.body) parser.feed(decoder.decode(bytes, { stream: true }));
  const totalMs = performance.now() - started;
  if (!done) throw new Error(`${url}: the stream ended without [DONE]`);
  return { ttftMs, totalMs, chunks };
}

/** A request refused at authentication: what any handler costs before doing work. */
async function refusedOnce(url: string, token: string, body: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 401) throw new Error(`${url} answered ${res.status}, not 401`);
  return performance.now() - started;
}

async function startPassthrough(upstream: string): Promise<{ url: string; stop(): void }> {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", path.join("bench", "chat-passthrough.ts"), upstream],
    { cwd: root, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  forwardLines(proc.stderr, "passthrough");
  const stop = () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
  };
  const url = await new Promise<string>((resolve, reject) => {
    proc.once("exit", (code) => reject(new Error(`the passthrough exited with ${code}`)));
    readline.createInterface({ input: proc.stdout }).on("line", (line) => {
      const found = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (found) resolve(found);
    });
  }).catch((err: unknown) => {
    stop();
    throw err;
  });
  return { url, stop };
}

/** The user's own API in One key, saved the way Settings saves it (checked upstream first). */
async function saveUserKey(studioUrl: string, token: string, key: string): Promise<void> {
  const res = await fetch(`${studioUrl}/api/v1/keys`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ key }),
  });
  const text = await res.text();
  if (!res.ok || !text.includes('"user-key"')) {
    throw new Error(`PUT /api/v1/keys answered ${res.status}: ${text.slice(0, 200)}`);
  }
}

export async function measureChat(opts: ChatOptions): Promise<ChatResult> {
  const { n, warmup } = opts;
  const cleanup: (() => Promise<void> | void)[] = [];
  try {
    // Speed 1: the paced marker's pauses are real milliseconds either way.
    const sim = await startSimProcess({
      speed: 1,
      rateLimitPerMinute: 60,
      stateDir: path.join(opts.work, "sim-chat"),
      label: "sim chat",
    });
    cleanup.push(() => sim.stop());
    const key = `aio_bench_chat_${randomBytes(6).toString("hex")}`;
    // The simulator's per-key limit (60 a minute) would refuse the run; lifted for this key only.
    await setKeyLimit(sim.origin, key, 1_000_000);
    // The Studio's own budget for the key raised out of the way too (this measures the stream,
    // not the budget, which is still taken on every request).
    const studio = await startStudio({
      appDir: opts.appDir,
      dataDir: path.join(opts.work, "data-chat"),
      env: { AIO_BASE_URL: sim.baseUrl, UPSTREAM_RATE_LIMIT: "100000", MIRROR_OUTPUTS: "0" },
      label: "studio chat",
    });
    cleanup.push(() => studio.stop());
    await saveUserKey(studio.url, studio.token, key);
    const bare = await startPassthrough(sim.baseUrl);
    cleanup.push(() => bare.stop());
    const portkey = await startPortkey(sim.baseUrl);
    cleanup.push(() => portkey.stop());

    const body = JSON.stringify({
      model: "gemini",
      messages: [
        { role: "user", content: `Benchmark stream [sim:chunks=${chunkCount}x${intervalMs}]` },
      ],
      stream: true,
    });
    const streams: Record<PathName, () => Promise<Sample>> = {
      direct: () => streamOnce(`${sim.baseUrl}/chat/completions`, key, body),
      studio: () => streamOnce(`${studio.url}/api/v1/chat/completions`, studio.token, body),
      bare: () => streamOnce(`${bare.url}/chat/completions`, key, body),
      portkey: () => streamOnce(`${portkey.baseUrl}/chat/completions`, key, body, portkey.headers),
    };
    const refused = {
      direct: () => refusedOnce(`${sim.baseUrl}/chat/completions`, "aio_revoked_bench", body),
      studio: () => refusedOnce(`${studio.url}/api/v1/chat/completions`, "not-a-token", body),
    };

    log(`chat: warming up (${warmup} streams per path)`);
    for (let i = 0; i < warmup; i++) {
      for (const name of pathNames) await streams[name]();
      await refused.direct();
      await refused.studio();
    }
    log(
      `chat: measuring ${n} streams per path, interleaved (~${Math.ceil((n * 3 * 1.05 * chunkCount * intervalMs) / 1000)} s)`,
    );
    const samples = Object.fromEntries(pathNames.map((name) => [name, [] as Sample[]])) as Record<
      PathName,
      Sample[]
    >;
    const floor: number[] = [];
    for (let i = 0; i < n; i++) {
      // Rotate the order so no path always runs first (or right after another).
      for (let j = 0; j < pathNames.length; j++) {
        const name = pathNames[(i + j) % pathNames.length] ?? "direct";
        samples[name].push(await streams[name]());
      }
      floor.push((await refused.studio()) - (await refused.direct()));
    }
    return summarizeRun(opts, body, samples, floor);
  } finally {
    for (const step of cleanup.reverse()) await step();
  }
}

function summarizeRun(
  opts: ChatOptions,
  body: string,
  samples: Record<PathName, Sample[]>,
  floor: number[],
): ChatResult {
  const describe = (list: Sample[]): ChatPath => {
    const counts = list.map((s) => s.chunks);
    return {
      ttft: spread(list.map((s) => s.ttftMs)),
      total: spread(list.map((s) => s.totalMs)),
      chunks: { min: Math.min(...counts), max: Math.max(...counts) },
    };
  };
  const paired = (series: Sample[]) =>
    spread(series.map((s, i) => s.ttftMs - (samples.direct[i]?.ttftMs ?? Number.NaN)));
  const chunkMismatches = samples.direct.filter((direct, i) => {
    // The peer's re-chunking (if any) is its own affair: shown in its row, not counted here.
    const counts = (["direct", "studio", "bare"] as const).map((name) => samples[name][i]?.chunks);
    return counts.some((c) => c !== direct.chunks || c !== chunkCount);
  }).length;
  return {
    n: opts.n,
    warmup: opts.warmup,
    body,
    chunkCount,
    intervalMs,
    targetP50Ms: chatTargetP50Ms,
    paths: {
      direct: describe(samples.direct),
      studio: describe(samples.studio),
      bare: describe(samples.bare),
      portkey: describe(samples.portkey),
    },
    added: {
      studio: paired(samples.studio),
      bare: paired(samples.bare),
      portkey: paired(samples.portkey),
    },
    refusedFloor: spread(floor),
    chunkMismatches,
  };
}
