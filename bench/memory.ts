// Memory: the server's resident set size before and after 20,000 mixed requests (task creations,
// refused bodies, the task list, one task, health, a non-streamed chat answer), 20 at a time. A
// leak per request shows as growth; the target is within 10 %.
import fs from "node:fs";
import path from "node:path";
import { startSimulator } from "@/lib/simulator";
import { log, sleep, startStudio } from "./app-server";
import { round, type Verdict } from "./report";

export const memoryTargetGrowth = 0.1;
/** The server's V8 old-space limit during the run (BENCH_NODE_OPTIONS replaces it). */
export const heapLimitMiB = 256;

export interface MemoryOptions {
  appDir: string;
  work: string;
  requests: number;
  warmup: number;
  concurrency: number;
  /** `reads`: only what stores nothing (refused bodies, lists, health), to tell leaks from data. */
  mix?: "all" | "reads";
}

export interface MemoryResult {
  requests: number;
  warmup: number;
  concurrency: number;
  /** RSS in MiB: just started, after the warm-up (the baseline), after the run. */
  startedMiB: number;
  beforeMiB: number;
  afterMiB: number;
  /** Answers by status, and requests that failed without one. */
  statuses: Record<string, number>;
  failures: number;
  seconds: number;
  /** RSS after each quarter of the requests, MiB. */
  curve: number[];
  mix: string[];
}

/** Resident set of a process and its descendants, in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    const children = `/proc/${pids[i]}/task/${pids[i]}/children`;
    if (!fs.existsSync(children)) continue;
    for (const child of fs.readFileSync(children, "utf8").trim().split(/\s+/)) {
      if (child) pids.push(Number(child));
    }
  }
  let kib = 0;
  for (const p of pids) {
    const status = `/proc/${p}/status`;
    if (!fs.existsSync(status)) continue;
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(status, "utf8"));
    kib += Number(match?.[1] ?? 0);
  }
  return kib / 1024;
}

export async function measureMemory(opts: MemoryOptions): Promise<MemoryResult> {
  // Credits enough for every call: a key that runs dry answers 402 and stops exercising the path.
  const sim = await startSimulator({
    port: 0,
    speed: 1000,
    rateLimitPerMinute: 10_000_000,
    initialCredits: 1_000_000_000,
  });
  const studio = await startStudio({
    appDir: opts.appDir,
    dataDir: path.join(opts.work, "data-memory"),
    env: {
      AIO_BASE_URL: sim.baseUrl,
      AIO_API_KEY: "aio_bench_memory",
      UPSTREAM_RATE_LIMIT: "100000",
      MIRROR_OUTPUTS: "0",
      // V8 grows its heap lazily under load when nothing bounds it (RSS then climbs for a long
      // while without any leak: measured, see the README). Bounded as a container would bound
      // it, a leak ends in an out-of-memory crash and a sound server stays flat.
      NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? `--max-old-space-size=${heapLimitMiB}`,
    },
    label: "studio memory",
  });
  try {
    const auth = { Authorization: `Bearer ${studio.token}`, "Content-Type": "application/json" };
    const api = `${studio.url}/api/v1`;
    const created: string[] = [];
    const mix: { name: string; call: () => Promise<Response> }[] = [
      {
        name: "POST /images/generations (a task)",
        call: () =>
          fetch(`${api}/images/generations`, {
            method: "POST",
            headers: auth,
            body: JSON.stringify({ model: "flux-2", prompt: "a red fox in the snow" }),
          }),
      },
      {
        name: "POST /images/generations refused (400)",
        call: () =>
          fetch(`${api}/images/generations`, {
            method: "POST",
            headers: auth,
            body: JSON.stringify({ model: "flux-2", prompt: "x".repeat(50_000) }),
          }),
      },
      {
        name: "GET /tasks?limit=20",
        call: () => fetch(`${api}/tasks?limit=20`, { headers: auth }),
      },
      {
        name: "GET /tasks/{id}",
        call: () =>
          fetch(`${api}/tasks/${created[created.length - 1] ?? "task_missing"}`, { headers: auth }),
      },
      { name: "GET /api/health", call: () => fetch(`${studio.url}/api/health`) },
      {
        name: "POST /chat/completions (stream: false)",
        call: () =>
          fetch(`${api}/chat/completions`, {
            method: "POST",
            headers: auth,
            body: JSON.stringify({
              model: "gemini",
              stream: false,
              messages: [{ role: "user", content: "Say hello" }],
            }),
          }),
      },
    ];
    const writes = new Set([0, 5]);
    if (opts.mix === "reads") {
      for (const i of [...writes].sort((a, b) => b - a)) mix.splice(i, 1);
    }
    const statuses: Record<string, number> = {};
    let failures = 0;
    const run = async (count: number) => {
      let next = 0;
      const worker = async () => {
        while (next < count) {
          const i = next++;
          const entry = mix[i % mix.length]!;
          try {
            const res = await entry.call();
            const text = await res.text();
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            if (entry.name.startsWith("POST /images/generations (a task)") && res.ok) {
              const id = (JSON.parse(text) as { data?: { task_id?: string } }).data?.task_id;
              if (id) created.push(id);
            }
          } catch {
            failures += 1;
          }
        }
      };
      await Promise.all(Array.from({ length: opts.concurrency }, worker));
    };
    const startedMiB = rssMiB(studio.pid);
    log(`memory: warming up (${opts.warmup} requests)`);
    await run(opts.warmup);
    await sleep(2000);
    const beforeMiB = rssMiB(studio.pid);
    for (const key of Object.keys(statuses)) delete statuses[key];
    failures = 0;
    log(`memory: ${opts.requests} mixed requests, ${opts.concurrency} at a time`);
    const started = Date.now();
    // In four blocks, RSS read after each: growth that levels off is the heap sizing itself to
    // the load; growth in every block is a leak.
    const curve: number[] = [];
    for (let block = 0; block < 4; block++) {
      await run(Math.round(opts.requests / 4));
      curve.push(rssMiB(studio.pid));
    }
    const seconds = (Date.now() - started) / 1000;
    await sleep(2000);
    const afterMiB = rssMiB(studio.pid);
    return {
      requests: opts.requests,
      warmup: opts.warmup,
      concurrency: opts.concurrency,
      startedMiB,
      beforeMiB,
      afterMiB,
      statuses,
      failures,
      seconds,
      curve,
      mix: mix.map((m) => m.name),
    };
  } finally {
    await studio.stop();
    await sim.close();
  }
}

const mib = (n: number) => `${n.toFixed(1)} MiB`;

export function memoryVerdicts(m: MemoryResult): Verdict[] {
  const growth = m.afterMiB / m.beforeMiB - 1;
  return [
    {
      name: "rss.growth",
      value: round(growth * 100),
      unit: "%",
      measure: "Server RSS growth over mixed requests (after ÷ before − 1)",
      run: `${m.requests.toLocaleString("en")} requests, ${m.concurrency} at a time, after ${m.warmup.toLocaleString("en")} warm-up`,
      figure: `${(growth * 100).toFixed(1)} % (${mib(m.beforeMiB)} → ${mib(m.afterMiB)})`,
      target: `≤ ${memoryTargetGrowth * 100} %`,
      met: growth <= memoryTargetGrowth && m.failures === 0,
    },
  ];
}

export function memorySection(m: MemoryResult): string[] {
  const statuses = Object.entries(m.statuses)
    .map(([status, n]) => `${n.toLocaleString("en")} × ${status}`)
    .join(", ");
  return [
    "## Memory under mixed requests",
    "",
    `Setup: the app under \`next start\` (production build, embedded PGlite, server-key mode, outputs not copied, \`NODE_OPTIONS=${process.env.BENCH_NODE_OPTIONS ?? `--max-old-space-size=${heapLimitMiB}`}\`) against the in-process simulator; ${m.concurrency} clients send the mix in turn: ${m.mix.join("; ")}. RSS is the server process and its children (Linux /proc), read 2 s after each phase.`,
    "",
    "| moment | RSS |",
    "|---|---|",
    `| just started | ${mib(m.startedMiB)} |`,
    `| after ${m.warmup.toLocaleString("en")} warm-up requests (baseline) | ${mib(m.beforeMiB)} |`,
    `| after ${m.requests.toLocaleString("en")} more (${m.seconds.toFixed(1)} s, ${Math.round(m.requests / m.seconds)} requests/s) | ${mib(m.afterMiB)} |`,
    "",
    `RSS after each quarter of the ${m.requests.toLocaleString("en")} requests: ${m.curve.map(mib).join(" → ")}.`,
    "",
    `Answers: ${statuses}; ${m.failures} requests failed without an answer.`,
    "",
  ];
}
