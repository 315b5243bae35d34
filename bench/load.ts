// Load: 100 signed-in users on one server for two minutes, browsing the gallery and streaming
// chat (e2e/hardening/load.spec.ts, which the hardening suite runs for "zero errors"). Here the
// same run is timed: p99 of the non-streaming requests against 200 ms. It runs the spec with
// Playwright (this checkout's build, the e2e simulator) and reads the figures it writes.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { log } from "./app-server";
import { round, type Verdict } from "./report";
import type { Summary } from "./stats";

export const loadTargetP99Ms = 200;

export interface LoadResult {
  users: number;
  seconds: number;
  requests: number;
  errors: number;
  /** Every request but the chat streams. */
  plain: Summary;
  /** By request: "GET /gallery", "GET /api/v1/tasks", "GET /files (thumbnail)", … */
  figures: Record<string, Summary>;
  /** The non-streaming requests that started 30 s or more into the window. */
  plainAfter30s?: Summary;
  /** Non-streaming requests over 200 ms in each 10 s of the window. */
  slowPerTenSeconds?: number[];
}

function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

export async function measureLoad(work: string, users: number, seconds: number) {
  const report = path.join(work, "load.json");
  fs.rmSync(report, { force: true });
  log(`load: building this checkout if needed, then ${users} users for ${seconds} s`);
  if ((await run("node", ["scripts/start.mjs", "--build-only"], {})) !== 0) {
    throw new Error("load: the build failed");
  }
  await run(
    "npx",
    ["playwright", "test", "--project=hardening", "--workers=1", "e2e/hardening/load.spec.ts"],
    {
      LOAD_REPORT: report,
      LOAD_USERS: String(users),
      LOAD_SECONDS: String(seconds),
      STUDIO_SKIP_TYPECHECK: "1",
    },
  );
  // The spec writes its figures before it checks for errors: a run with errors still reports.
  if (!fs.existsSync(report)) throw new Error("load: the spec wrote no figures (see its output)");
  return JSON.parse(fs.readFileSync(report, "utf8")) as LoadResult;
}

export function loadVerdicts(l: LoadResult): Verdict[] {
  const run = `${l.users} signed-in users for ${l.seconds} s: gallery, thumbnails, chat`;
  return [
    {
      name: "load.p99",
      value: round(l.plain.p99),
      unit: "ms",
      measure: "Non-streaming requests under load (p99)",
      run,
      figure: `${l.plain.p99.toFixed(1)} ms (p50 ${l.plain.p50.toFixed(1)} ms, ${l.plain.count} requests)`,
      target: `≤ ${loadTargetP99Ms} ms`,
      met: l.plain.p99 <= loadTargetP99Ms,
    },
    {
      name: "load.errors",
      value: l.errors,
      unit: "requests",
      measure: "Failed requests under load",
      run,
      figure: `${l.errors} of ${l.requests}`,
      target: "0",
      met: l.errors === 0,
    },
  ];
}

export function loadSection(l: LoadResult): string[] {
  return [
    "## Load: 100 users",
    "",
    `Setup: \`e2e/hardening/load.spec.ts\` with this checkout's production build on one server (embedded PGlite, each user their own key on the standalone simulator at speed 50, the real 60 requests a minute per key). ${l.users} users signed in by session cookie repeat, for ${l.seconds} s after one warm-up round: the gallery page, a page of 40 tasks, one 256-px thumbnail, a pause of 1–3 s, the conversation list, one streamed chat answer, another pause. The warm-up also asks once for every thumbnail the rounds show (each is made on its first request). The client runs on the same two cores as the server and the simulator.`,
    "",
    "| request | count | p50 ms | p99 ms | mean ms |",
    "|---|---|---|---|---|",
    ...Object.entries(l.figures).map(
      ([what, s]) =>
        `| ${what} | ${s.count} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.mean.toFixed(1)} |`,
    ),
    "",
    ...(l.slowPerTenSeconds
      ? [
          `Non-streaming requests over ${loadTargetP99Ms} ms, per 10 s of the window: ${l.slowPerTenSeconds.join(", ")}.` +
            (l.plainAfter30s
              ? ` From 30 s on, when the users (who all arrive within one second) have drifted apart: p50 ${l.plainAfter30s.p50.toFixed(1)} ms, p99 ${l.plainAfter30s.p99.toFixed(1)} ms (${l.plainAfter30s.count} requests).`
              : ""),
          "",
        ]
      : []),
  ];
}
