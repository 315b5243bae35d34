// The Markdown report `npm run bench` prints and writes to bench/results.md: one results table
// with every target, then how each part was measured.
import os from "node:os";
import { format } from "prettier";
import type { ChatResult } from "./chat";
import type { Throughput } from "./latency";
import { chatSection, chatVerdicts } from "./chat-report";
import { frontendSection, frontendVerdicts, type FrontendResult } from "./frontend";
import { loadSection, loadVerdicts, type LoadResult } from "./load";
import { memorySection, memoryVerdicts, type MemoryResult } from "./memory";
import type { LibraryRun } from "./library";
import { librarySection, libraryVerdicts } from "./library-report";
import type { Summary } from "./stats";
import { trackerSection, trackerVerdicts } from "./tracker-report";
import type { TrackerResult } from "./tracker-runs";

export interface LatencyInput {
  n: number;
  warmup: number;
  body: string;
  /** Twice the floor's p50 in the same run (a bare Next.js app that forwards the POST). */
  targetP50Ms: number;
  /** Throughput at `clients` concurrent clients for `seconds`, directly and via Studio. */
  load: { clients: number; seconds: number; direct: Throughput; studio: Throughput };
  series: Record<
    | "direct"
    | "studio"
    | "studioKeyed"
    | "diff"
    | "diffKeyed"
    | "floor"
    | "refusedFloor"
    | "own"
    | "portkey"
    | "diffPortkey",
    Summary
  >;
  /** Another commit measured in the same run (`--compare`). */
  before?: { commit: string; added: Summary };
}

export interface ReportInput {
  command: string;
  /** The whole run, build included. */
  durationMs: number;
  latency?: LatencyInput;
  tracker?: TrackerResult[];
  library?: LibraryRun[];
  chat?: ChatResult;
  memory?: MemoryResult;
  frontend?: FrontendResult;
  load?: LoadResult;
}

/** One line of the results table, and one object of bench/results.json. */
export interface Verdict {
  /** Short and stable, to find the figure in results.json: "proxy.added-p50", "rss.growth"… */
  name: string;
  /** The figure as a number, in `unit`. */
  value: number;
  unit: string;
  measure: string;
  run: string;
  figure: string;
  target: string;
  met: boolean;
}

/** Two decimals: what the tables show, without float noise in results.json. */
export const round = (n: number) => Math.round(n * 100) / 100;

function row(name: string, s: Summary): string {
  return `| ${name} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.mean.toFixed(2)} |`;
}

function latencyVerdicts(l: LatencyInput): Verdict[] {
  const { direct, studio, clients, seconds } = l.load;
  return [
    {
      name: "proxy.added-p50",
      value: round(l.series.diff.p50),
      unit: "ms",
      measure: "Latency added to POST /api/v1/images/generations (p50, paired)",
      run: `${l.n} sequential requests per variant, interleaved`,
      figure: `${l.series.diff.p50.toFixed(2)} ms (p99 ${l.series.diff.p99.toFixed(2)} ms)`,
      target: `≤ 2 × what a bare forwarding Next.js app adds, ${l.series.floor.p50.toFixed(2)} ms = ${l.targetP50Ms.toFixed(2)} ms`,
      met: l.series.diff.p50 <= l.targetP50Ms,
    },
    {
      name: "proxy.throughput-ratio",
      value: round(studio.requestsPerSecond / direct.requestsPerSecond),
      unit: "ratio",
      measure: "Requests per second via Studio ÷ directly, POST /api/v1/images/generations",
      run: `${clients} clients for ${seconds} s each (autocannon)`,
      figure: `${(studio.requestsPerSecond / direct.requestsPerSecond).toFixed(3)} (${studio.requestsPerSecond.toFixed(0)} ÷ ${direct.requestsPerSecond.toFixed(0)} req/s; p50 ${studio.p50} ms, p99 ${studio.p99} ms via Studio)`,
      target: "no errors",
      met: studio.errors === 0 && direct.errors === 0,
    },
    {
      name: "portkey.added-p50",
      value: round(l.series.diffPortkey.p50),
      unit: "ms",
      measure:
        "Latency the Portkey AI gateway adds to the same image POST (p50, paired), beside the Studio's",
      run: `${l.n} sequential requests per variant, interleaved with the Studio's`,
      figure: `Portkey ${l.series.diffPortkey.p50.toFixed(2)} ms (p99 ${l.series.diffPortkey.p99.toFixed(2)} ms); Studio ${l.series.diff.p50.toFixed(2)} ms`,
      target: "Studio's added p50 ≤ Portkey's",
      met: l.series.diff.p50 <= l.series.diffPortkey.p50,
    },
  ];
}

function latencySection(l: LatencyInput): string[] {
  const s = l.series;
  return [
    "## Added latency of POST /api/v1/images/generations",
    "",
    `Setup: in-process simulator (speed 1000, rate limit raised), the app under \`next start\` (production build, embedded PGlite in a temporary DATA_DIR, server-key mode, UPSTREAM_RATE_LIMIT raised, MIRROR_OUTPUTS=0, the tracker on its real-time schedule), one client, ${l.n} sequential requests per variant after ${l.warmup} warm-up requests each, interleaved. Body \`${l.body}\`. Latency is measured from sending the request to the end of the answer body, in ms.`,
    "",
    "| series | p50 ms | p99 ms | mean ms |",
    "|---|---|---|---|",
    row("direct to the simulator", s.direct),
    row("via Studio", s.studio),
    row("via Studio with Idempotency-Key", s.studioKeyed),
    row("**added by Studio** (paired: via Studio − direct)", s.diff),
    row("added by Studio with Idempotency-Key (paired)", s.diffKeyed),
    row("**floor**: added by a bare Next.js app that only forwards (paired)", s.floor),
    row("Studio's own work: via Studio − via the floor app (paired)", s.own),
    row(
      "Next.js alone: the same POST refused at authentication, Studio − simulator",
      s.refusedFloor,
    ),
    row("via the Portkey AI gateway (peer)", s.portkey),
    row("added by the Portkey gateway (paired: via Portkey − direct)", s.diffPortkey),
    ...(l.before
      ? [row(`added by Studio at ${l.before.commit} (paired, same run)`, l.before.added)]
      : []),
    "",
    "The floor is `bench/floor-app`, built in this run: a Next.js app whose one route handler",
    "forwards the POST to the simulator with `fetch` and returns its answer — what any Next.js proxy",
    "costs on this machine. What Studio itself adds on top (authentication, validation, the task",
    "written before and after the upstream call, the budget) is the row after it; the refused row",
    "is Next's handling of a request alone (both sides answer 401 before any work). The Portkey AI gateway (`@portkey-ai/gateway`",
    "1.15 from npm, its own process on 127.0.0.1, provider `openai` with the simulator as custom",
    "host) forwards the same POST with the same key: a proxy that stores nothing and validates",
    "nothing of the body.",
    "",
    `Target: added p50 ≤ 2 × the floor's p50 (${l.targetP50Ms.toFixed(2)} ms) → **${s.diff.p50 <= l.targetP50Ms ? "met" : "MISSED"}** (${s.diff.p50.toFixed(2)} ms).`,
    "",
    `Throughput: ${l.load.clients} clients posting the same body for ${l.load.seconds} s each with autocannon, directly to the simulator and then via Studio (the simulator and autocannon share the bench's process).`,
    "",
    "| series | requests/s | p50 ms | p99 ms | requests | errors | answers by status |",
    "|---|---|---|---|---|---|---|",
    ...(
      [
        ["direct to the simulator", l.load.direct],
        ["via Studio", l.load.studio],
      ] as const
    ).map(
      ([name, t]) =>
        `| ${name} | ${t.requestsPerSecond.toFixed(0)} | ${t.p50} | ${t.p99} | ${t.requests} | ${t.errors} | ${Object.entries(
          t.statuses,
        )
          .map(([code, n]) => `${n} × ${code}`)
          .join(", ")} |`,
    ),
    "",
    ...(l.before
      ? [
          `Against ${l.before.commit} in the same run: added p50 ${s.diff.p50.toFixed(2)} ms now vs ${l.before.added.p50.toFixed(2)} ms then, a ratio of **${(s.diff.p50 / l.before.added.p50).toFixed(2)}** (≤ 1 means no slower).`,
          "",
        ]
      : []),
  ];
}

/** Every figure of the run with its target, in report order. */
export function collectVerdicts(r: Omit<ReportInput, "durationMs">): Verdict[] {
  return [
    ...(r.latency ? latencyVerdicts(r.latency) : []),
    ...(r.tracker ? trackerVerdicts(r.tracker) : []),
    ...(r.library ? libraryVerdicts(r.library) : []),
    ...(r.chat ? chatVerdicts(r.chat) : []),
    ...(r.memory ? memoryVerdicts(r.memory) : []),
    ...(r.frontend ? frontendVerdicts(r.frontend) : []),
    ...(r.load ? loadVerdicts(r.load) : []),
  ];
}

/** One object of bench/results.json. */
export interface ResultEntry {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
  measure: string;
  run: string;
  command: string;
  measured_at: string;
}

/**
 * bench/results.json: the figures of this run replace those of the same name, the others (parts
 * this run did not measure, `--only`) are kept with the command and date that produced them.
 */
export function mergeResults(
  previous: readonly ResultEntry[],
  verdicts: readonly Verdict[],
  command: string,
  at = new Date(),
): ResultEntry[] {
  const fresh = verdicts.map((v): ResultEntry => ({
    name: v.name,
    value: v.value,
    unit: v.unit,
    target: v.target,
    pass: v.met,
    measure: v.measure,
    run: v.run,
    command,
    measured_at: at.toISOString(),
  }));
  const names = new Set(fresh.map((e) => e.name));
  return [...previous.filter((e) => !names.has(e.name)), ...fresh];
}

export async function renderReport(r: ReportInput): Promise<string> {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  const verdicts = collectVerdicts(r);
  const draft = [
    "# Benchmarks",
    "",
    `Command: \`${r.command}\``,
    "",
    `Run: ${new Date().toISOString()}, Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? "cpu"}, load average ${load} at the end; the whole run (build included) took ${(r.durationMs / 60_000).toFixed(1)} min.`,
    "",
    "| measure | run | figure | target | verdict |",
    "|---|---|---|---|---|",
    ...verdicts.map(
      (v) =>
        `| ${v.measure} | ${v.run} | ${v.figure} | ${v.target} | ${v.met ? "met" : "**MISSED**"} |`,
    ),
    "",
    ...(r.latency ? latencySection(r.latency) : []),
    ...(r.tracker ? trackerSection(r.tracker) : []),
    ...(r.library ? librarySection(r.library) : []),
    ...(r.chat ? chatSection(r.chat) : []),
    ...(r.memory ? memorySection(r.memory) : []),
    ...(r.frontend ? frontendSection(r.frontend) : []),
    ...(r.load ? loadSection(r.load) : []),
  ].join("\n");
  // Formatted as the repository's Prettier would, so `npm run check` passes on the written file.
  return format(draft, { parser: "markdown", printWidth: 100 });
}
