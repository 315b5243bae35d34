// npm run bench — how much latency our POST /api/v1/images/generations adds over calling the API in
// One simulator directly: same body, same machine, one run, requests interleaved. Not a test: it
// prints the numbers and writes them to bench/results.md.
//
//   npm run bench [-- --n 300 --warmup 50] [--reuse-build | --base head --overlay app/api,lib/server]
//                 [--compare <commit>]
//
// By default the app is built from a snapshot of the working tree in a temporary directory, so a
// build or server already running from this checkout is never disturbed. --reuse-build serves the
// existing .next of this checkout instead; --base head builds the last commit plus the working-tree
// files under the --overlay paths. --compare builds that commit too and measures both servers
// interleaved in the same run, so "no slower than before" is a ratio from one run, not two.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createAppToken } from "@/lib/server/accounts/tokens";
import { createUser } from "@/lib/server/accounts/users";
import { openDatabase } from "@/lib/server/db/open";
import { startSimulator } from "@/lib/simulator";
import { renderReport } from "./report";
import { summarize } from "./stats";

const root = path.resolve(import.meta.dirname, "..");
/** Next from the app's own node_modules: a Next loaded from elsewhere brings a second React. */
const nextBin = (appDir: string) =>
  path.join(appDir, "node_modules", "next", "dist", "bin", "next");
const targetP50Ms = 2;

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "300" },
    warmup: { type: "string", default: "50" },
    "reuse-build": { type: "boolean", default: false },
    base: { type: "string", default: "worktree" },
    overlay: { type: "string", default: "" },
    compare: { type: "string" },
  },
});
const n = Number(args.n);
const warmup = Number(args.warmup);

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function git(argv: string[]): string {
  const res = spawnSync("git", argv, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`git ${argv[0] ?? ""} failed: ${res.stderr}`);
  return res.stdout;
}

/** Working-tree files (tracked and untracked, not ignored), optionally only under `paths`. */
function copyWorkingTree(dir: string, paths: readonly string[] = []): void {
  const listed = git([
    "ls-files",
    "-z",
    "--cached",
    "--others",
    "--exclude-standard",
    "--",
    ...paths,
  ]);
  for (const file of listed.split("\0")) {
    if (!file || !fs.existsSync(path.join(root, file))) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
}

/**
 * The app's sources in `dir`: the working tree, or (`--base head`) the last commit plus the
 * working-tree files under `--overlay` paths, for when unrelated files are mid-edit. node_modules
 * is hard-linked (Turbopack refuses a symlinked one; a hard-linked tree costs a second, no space).
 */
function snapshotTree(dir: string, commit?: string): void {
  fs.mkdirSync(dir, { recursive: true });
  if (commit !== undefined || args.base === "head") {
    const archive = spawnSync("git", ["archive", "--format=tar", commit ?? "HEAD"], {
      cwd: root,
      maxBuffer: 512 * 1024 * 1024,
    });
    if (archive.status !== 0) throw new Error(`git archive ${commit ?? "HEAD"} failed`);
    const untar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
    if (untar.status !== 0) throw new Error("extracting the archive failed");
    const overlay = (args.overlay ?? "").split(",").filter(Boolean);
    if (commit === undefined && overlay.length > 0) copyWorkingTree(dir, overlay);
  } else {
    copyWorkingTree(dir);
  }
  const linked = spawnSync("cp", ["-al", path.join(root, "node_modules"), dir], {
    encoding: "utf8",
  });
  if (linked.status !== 0) {
    throw new Error(
      `hard-linking node_modules failed (${linked.stderr.trim()}); try --reuse-build`,
    );
  }
}

/**
 * A clean environment for the app's processes: npm's and tsx's variables stay out, so the build
 * and the server see what `next build` / `next start` from a shell would.
 */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ", "NODE_EXTRA_CA_CERTS"];
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

function build(appDir: string): void {
  const started = Date.now();
  log(`next build in ${appDir}`);
  const res = spawnSync(process.execPath, [nextBin(appDir), "build"], {
    cwd: appDir,
    env: cleanEnv(),
    encoding: "utf8",
  });
  if (res.status !== 0) {
    process.stderr.write(res.stdout + res.stderr);
    throw new Error("next build failed");
  }
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A user and an app token in a fresh data directory, made before the server owns it. */
async function seedUser(dataDir: string): Promise<string> {
  const opened = await openDatabase({ kind: "pglite", dataDir });
  try {
    const user = await createUser(opened.db, { email: "bench@example.test" });
    return (await createAppToken(opened.db, user.id, "bench")).token;
  } finally {
    await opened.close();
  }
}

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the app did not become healthy in 120 s");
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

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "studio-bench-"));
  const dataDir = path.join(work, "data");
  const servers: ChildProcess[] = [];
  const sim = await startSimulator({ port: 0, speed: 1000, rateLimitPerMinute: 1_000_000 });
  try {
    await fetch(`${sim.origin}/__sim/config`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ rateLimitPerMinute: 1_000_000 }),
    });
    let appDir = root;
    if (!args["reuse-build"]) {
      appDir = path.join(work, "app");
      snapshotTree(appDir);
      build(appDir);
    }
    const upstreamKey = `aio_bench_${randomBytes(6).toString("hex")}`;
    const serve = async (dir: string, data: string) => {
      const token = await seedUser(data);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const proc = spawn(
        process.execPath,
        [nextBin(dir), "start", "-p", String(port), "-H", "127.0.0.1"],
        {
          cwd: dir,
          env: cleanEnv({
            DATA_DIR: data,
            DATABASE_URL: "",
            AIO_BASE_URL: sim.baseUrl,
            AIO_API_KEY: upstreamKey,
            PUBLIC_URL: "",
          }),
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      servers.push(proc);
      await waitForHealth(url, proc);
      return { url, token };
    };
    const { url: appUrl, token } = await serve(appDir, dataDir);
    let before: { url: string; token: string } | undefined;
    if (args.compare) {
      const baseDir = path.join(work, "before");
      snapshotTree(baseDir, args.compare);
      build(baseDir);
      before = await serve(baseDir, path.join(work, "data-before"));
    }

    const body = JSON.stringify({ model: "flux-2", prompt: "a red fox in the snow" });
    const calls = {
      direct: poster(`${sim.baseUrl}/images/generations`, upstreamKey, body),
      studio: poster(`${appUrl}/api/v1/images/generations`, token, body),
      studioKeyed: poster(`${appUrl}/api/v1/images/generations`, token, body, 200, true),
      // The floor: the same POST refused at authentication on each side, before any work (no
      // database, no upstream call), so what remains is Next's own handling of a request.
      directRefused: poster(`${sim.baseUrl}/images/generations`, "aio_revoked_bench", body, 401),
      studioRefused: poster(`${appUrl}/api/v1/images/generations`, "not-a-token", body, 401),
      ...(before && {
        before: poster(`${before.url}/api/v1/images/generations`, before.token, body),
      }),
    } satisfies Record<string, Call>;
    type Name = keyof typeof calls;
    const names = Object.keys(calls) as Name[];
    log(`warming up (${warmup} requests each)`);
    for (let i = 0; i < warmup; i++) for (const name of names) await calls[name]?.();

    log(`measuring ${n} sequential requests each, interleaved`);
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
    const s = {
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
    const diffBefore = before ? paired(samples.before ?? [], samples.direct) : undefined;
    const source = args["reuse-build"]
      ? " --reuse-build"
      : args.base === "head"
        ? ` --base head --overlay ${args.overlay ?? ""}`
        : "";
    const compared = args.compare ? ` --compare ${args.compare}` : "";
    const report = await renderReport({
      command: `npm run bench -- --n ${n} --warmup ${warmup}${source}${compared}`,
      n,
      warmup,
      body,
      targetP50Ms,
      series: s,
      ...(diffBefore && args.compare
        ? { before: { commit: args.compare, added: diffBefore } }
        : {}),
    });
    process.stdout.write(report);
    fs.writeFileSync(path.join(root, "bench", "results.md"), report);
    log("written to bench/results.md");
  } finally {
    for (const running of servers) {
      if (running.exitCode !== null) continue;
      running.kill("SIGTERM");
      await new Promise((r) => running.once("exit", r));
    }
    await sim.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
