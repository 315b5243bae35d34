// The Markdown report `npm run bench` prints and writes to bench/results.md.
import os from "node:os";
import { format } from "prettier";
import type { Summary } from "./stats";

export interface ReportInput {
  command: string;
  n: number;
  warmup: number;
  body: string;
  targetP50Ms: number;
  series: Record<
    "direct" | "studio" | "studioKeyed" | "diff" | "diffKeyed" | "floor" | "own",
    Summary
  >;
  /** Another commit measured in the same run (`--compare`). */
  before?: { commit: string; added: Summary };
}

function row(name: string, s: Summary): string {
  return `| ${name} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.mean.toFixed(2)} |`;
}

export async function renderReport(r: ReportInput): Promise<string> {
  const s = r.series;
  const met = s.diff.p50 <= r.targetP50Ms;
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  const draft = [
    "# Benchmark: added latency of POST /api/v1/images/generations",
    "",
    `Command: \`${r.command}\``,
    "",
    `Run: ${new Date().toISOString()}, Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? "cpu"}, load average ${load}`,
    "",
    `Setup: in-process simulator (speed 1000, rate limit raised), the app under \`next start\` (production build, embedded PGlite in a temporary DATA_DIR, server-key mode), one client, ${r.n} sequential requests per variant after ${r.warmup} warm-up requests each, interleaved. Body \`${r.body}\`. Latency is measured from sending the request to the end of the answer body, in ms.`,
    "",
    "| series | p50 ms | p99 ms | mean ms |",
    "|---|---|---|---|",
    row("direct to the simulator", s.direct),
    row("via Studio", s.studio),
    row("via Studio with Idempotency-Key", s.studioKeyed),
    row("**added by Studio** (paired: via Studio − direct)", s.diff),
    row("added by Studio with Idempotency-Key (paired)", s.diffKeyed),
    row("floor: the same POST refused at authentication, Studio − simulator (paired)", s.floor),
    row("Studio's own work: added − floor (paired)", s.own),
    ...(r.before
      ? [row(`added by Studio at ${r.before.commit} (paired, same run)`, r.before.added)]
      : []),
    "",
    "The floor is what any Next.js route handler costs on this machine over the simulator's plain",
    "node:http server: both sides refuse the request with 401 before doing any work. What Studio",
    "itself adds on top (reading the body, authentication, validation, the upstream exchange from",
    "our side, storing the task) is the last row.",
    "",
    `Target: added p50 ≤ ${r.targetP50Ms} ms → **${met ? "met" : "MISSED"}** (${s.diff.p50.toFixed(2)} ms; the floor alone is ${s.floor.p50.toFixed(2)} ms).`,
    "",
    ...(r.before
      ? [
          `Against ${r.before.commit} in the same run: added p50 ${s.diff.p50.toFixed(2)} ms now vs ${r.before.added.p50.toFixed(2)} ms then, a ratio of **${(s.diff.p50 / r.before.added.p50).toFixed(2)}** (≤ 1 means no slower).`,
          "",
        ]
      : []),
  ].join("\n");
  // Formatted as the repository's Prettier would, so `npm run check` passes on the written file.
  return format(draft, { parser: "markdown", printWidth: 100 });
}
