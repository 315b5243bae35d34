// npm run bench — the Studio's numbers against the API in One simulator, on this machine, in one
// run. Not a test: it prints the report and writes it to bench/results.md.
//
//   npm run bench [-- --only latency|tracker|library|chat|memory|frontend|load]
//                 [--n 300 --warmup 50] [--load-users 100 --load-time 120]
//                 [--throughput-seconds 20] [--chat-n 50 --chat-warmup 5] [--memory-n 20000]
//                 [--reuse-build | --app <built dir> | --base head --overlay app/api,lib/server]
//                 [--compare <commit>]
//
// - latency (bench/latency.ts): how much our POST /api/v1/images/generations adds over calling
//   the simulator directly, one client at a time, then requests per second at 50 clients for
//   20 s each way with autocannon (about two minutes).
// - tracker (bench/tracker.ts): upstream requests per task, the key's busiest minute with 100
//   tasks at once and three open tabs, and how long a finished task takes to reach the page, with
//   callbacks and polling only (about four minutes, the runs side by side).
// - library (bench/library.ts): the task list's query with 100,000 tasks for one user, for each
//   kind of page the gallery reads (filters, search, deep cursors), on PGlite and, with
//   BENCH_DATABASE_URL or TEST_DATABASE_URL, on Postgres (a few minutes; no build needed).
// - chat (bench/chat.ts): the time to first token our POST /api/v1/chat/completions adds to a
//   stream of 100 chunks 10 ms apart, against the simulator directly and a bare Node passthrough,
//   with the chunks counted on each path (about three minutes).
// - memory (bench/memory.ts): the server's RSS before and after 20,000 mixed requests.
// - frontend (bench/frontend.ts): the JavaScript each page's first load downloads, in Chromium.
// - load (bench/load.ts): 100 signed-in users browsing the gallery and streaming chat for two
//   minutes (e2e/hardening/load.spec.ts, with this checkout's build): p99 and errors.
// Plain `npm run bench` measures them all and writes bench/results.md; --only measures one part
// and writes bench/results-<part>.md. Every figure also goes to bench/results.json (name, value,
// unit, target, pass, command, date), where a partial run replaces only the figures it measured.
//
// By default the app is built from a snapshot of the working tree in a temporary directory, so a
// build or server already running from this checkout is never disturbed. --reuse-build serves the
// existing .next of this checkout instead, --app an already built copy elsewhere; --base head
// builds the last commit plus the working-tree files under the --overlay paths. --compare builds
// that commit too and measures both servers interleaved in the latency run, so "no slower than
// before" is a ratio from one run, not two.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { build, log, root, snapshotTree } from "./app-server";
import { measureChat } from "./chat";
import { measureLatency } from "./latency";
import { measureLibrary } from "./library";
import { measureFrontend } from "./frontend";
import { measureLoad } from "./load";
import { measureMemory } from "./memory";
import {
  collectVerdicts,
  mergeResults,
  renderReport,
  type ReportInput,
  type ResultEntry,
} from "./report";
import { measureTracker } from "./tracker";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    n: { type: "string", default: "300" },
    warmup: { type: "string", default: "50" },
    // Seconds of each 50-client throughput run in the latency part.
    "throughput-seconds": { type: "string", default: "20" },
    // The load part: users and seconds.
    "load-users": { type: "string", default: "100" },
    "load-time": { type: "string", default: "120" },
    "chat-n": { type: "string", default: "50" },
    "chat-warmup": { type: "string", default: "5" },
    "memory-n": { type: "string", default: "20000" },
    "memory-mix": { type: "string", default: "all" },
    "reuse-build": { type: "boolean", default: false },
    app: { type: "string" },
    base: { type: "string", default: "worktree" },
    overlay: { type: "string", default: "" },
    compare: { type: "string" },
  },
});
const parts = ["latency", "tracker", "library", "chat", "memory", "frontend", "load"] as const;
if (args.only !== undefined && !parts.includes(args.only as (typeof parts)[number])) {
  throw new Error(`--only takes one of: ${parts.join(", ")}`);
}
const wants = (part: (typeof parts)[number]) => args.only === undefined || args.only === part;
const overlay = (args.overlay ?? "").split(",").filter(Boolean);

async function main(): Promise<void> {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "studio-bench-"));
  try {
    let appDir = root;
    // The library part needs no server; the load part serves this checkout's own build.
    const needsApp = parts.some((part) => part !== "library" && part !== "load" && wants(part));
    if (args.app) appDir = path.resolve(args.app);
    else if (needsApp && !args["reuse-build"]) {
      appDir = path.join(work, "app");
      snapshotTree(appDir, { base: args.base ?? "worktree", overlay });
      build(appDir);
    }
    let before: { commit: string; appDir: string } | undefined;
    if (args.compare && wants("latency")) {
      before = { commit: args.compare, appDir: path.join(work, "before") };
      snapshotTree(before.appDir, { commit: args.compare, base: "head", overlay: [] });
      build(before.appDir);
    }
    const report: Omit<ReportInput, "durationMs"> = {
      command: [
        "npm run bench",
        ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : []),
      ].join(" "),
    };
    if (wants("latency")) {
      report.latency = await measureLatency({
        appDir,
        work,
        n: Number(args.n),
        warmup: Number(args.warmup),
        loadSeconds: Number(args["throughput-seconds"]),
        ...(before && { before }),
      });
    }
    if (wants("tracker")) report.tracker = await measureTracker(appDir, work);
    if (wants("library")) report.library = await measureLibrary();
    if (wants("chat")) {
      report.chat = await measureChat({
        appDir,
        work,
        n: Number(args["chat-n"]),
        warmup: Number(args["chat-warmup"]),
      });
    }
    if (wants("memory")) {
      report.memory = await measureMemory({
        appDir,
        work,
        requests: Number(args["memory-n"]),
        warmup: 2000,
        concurrency: 20,
        mix: args["memory-mix"] === "reads" ? "reads" : "all",
      });
    }
    if (wants("frontend")) report.frontend = await measureFrontend({ appDir, work });
    if (wants("load")) {
      report.load = await measureLoad(work, Number(args["load-users"]), Number(args["load-time"]));
    }
    const text = await renderReport({ ...report, durationMs: Date.now() - started });
    process.stdout.write(text);
    // A partial run (--only) has its own file: the full report stays as the last full run left it.
    const mdName = args.only ? `results-${args.only}.md` : "results.md";
    fs.writeFileSync(path.join(root, "bench", mdName), text);
    const jsonPath = path.join(root, "bench", "results.json");
    const previous = fs.existsSync(jsonPath)
      ? (JSON.parse(fs.readFileSync(jsonPath, "utf8")) as ResultEntry[])
      : [];
    const results = mergeResults(previous, collectVerdicts(report), report.command);
    fs.writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
    log(
      `written to bench/${mdName} and bench/results.json (${((Date.now() - started) / 60_000).toFixed(1)} min)`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
