// The app as the benchmarks run it: a production build made from a snapshot of the sources in a
// temporary directory (so a build or server running from this checkout is never disturbed), and
// `next start` processes on free ports, each with its own data directory and a seeded user.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { createAppToken } from "@/lib/server/accounts/tokens";
import { createUser } from "@/lib/server/accounts/users";
import { openDatabase } from "@/lib/server/db/open";

export const root = path.resolve(import.meta.dirname, "..");

/** Next from the app's own node_modules: a Next loaded from elsewhere brings a second React. */
const nextBin = (appDir: string) =>
  path.join(appDir, "node_modules", "next", "dist", "bin", "next");

export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
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

export interface SnapshotSource {
  /** Build this commit instead of the working tree. */
  commit?: string;
  /** "head": the last commit plus the working-tree files under `overlay`. */
  base: string;
  overlay: readonly string[];
}

/**
 * The app's sources in `dir`: the working tree, or (`--base head`) the last commit plus the
 * working-tree files under `--overlay` paths, for when unrelated files are mid-edit. node_modules
 * is hard-linked (Turbopack refuses a symlinked one; a hard-linked tree costs a second, no space).
 */
export function snapshotTree(dir: string, source: SnapshotSource): void {
  fs.mkdirSync(dir, { recursive: true });
  const { commit } = source;
  if (commit !== undefined || source.base === "head") {
    const archive = spawnSync("git", ["archive", "--format=tar", commit ?? "HEAD"], {
      cwd: root,
      maxBuffer: 512 * 1024 * 1024,
    });
    if (archive.status !== 0) throw new Error(`git archive ${commit ?? "HEAD"} failed`);
    const untar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
    if (untar.status !== 0) throw new Error("extracting the archive failed");
    if (commit === undefined && source.overlay.length > 0) copyWorkingTree(dir, source.overlay);
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
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ", "NODE_EXTRA_CA_CERTS"];
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

/** `next build` in `appDir`, with the Next of `nextDir`'s node_modules (the app's own by default). */
export function build(appDir: string, nextDir = appDir): void {
  const started = Date.now();
  log(`next build in ${appDir}`);
  const res = spawnSync(process.execPath, [nextBin(nextDir), "build"], {
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
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error("the app did not become healthy in 120 s");
}

/** Prefixes each line a child writes, so several servers' logs stay readable on one stderr. */
export function forwardLines(stream: NodeJS.ReadableStream | null, label: string): void {
  if (!stream) return;
  readline
    .createInterface({ input: stream })
    .on("line", (line) => process.stderr.write(`[${label}] ${line}\n`));
}

export interface Studio {
  url: string;
  /** An app token (`ais_…`) of the seeded user. */
  token: string;
  /** The server process (`next start` serves in this process). */
  pid: number;
  stop(): Promise<void>;
}

export interface StudioOptions {
  appDir: string;
  dataDir: string;
  /** Added to the server-key setup (DATA_DIR, no DATABASE_URL, no PUBLIC_URL). */
  env: Record<string, string>;
  /** Where it listens; a free port when unset. */
  port?: number;
  label: string;
}

/** A Next.js server started by the bench: where it listens, its process, how to stop it. */
export interface NextServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * `next start` of a built app on 127.0.0.1, healthy (GET /api/health) when this returns. `nextDir`
 * holds the node_modules with Next (the app's own by default).
 */
export async function serveNext(opts: {
  appDir: string;
  nextDir?: string;
  env: Record<string, string>;
  port?: number;
  label: string;
}): Promise<NextServer> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(
    process.execPath,
    [
      // Node flags for the server, e.g. BENCH_STUDIO_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
      // for a profile of it under the bench (written as it stops; NODE_OPTIONS refuses --cpu-prof).
      ...(process.env.BENCH_STUDIO_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
      nextBin(opts.nextDir ?? opts.appDir),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: opts.appDir,
      env: cleanEnv({
        ...(process.env.BENCH_STUDIO_NODE_OPTIONS && {
          NODE_OPTIONS: process.env.BENCH_STUDIO_NODE_OPTIONS,
        }),
        ...opts.env,
      }),
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  forwardLines(proc.stderr, opts.label);
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    await exited;
  };
  try {
    await waitForHealth(url, proc);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: proc.pid ?? 0, stop };
}

/** The Studio under `next start` on 127.0.0.1, with a seeded user, healthy when this returns. */
export async function startStudio(opts: StudioOptions): Promise<Studio> {
  const token = await seedUser(opts.dataDir);
  const server = await serveNext({
    appDir: opts.appDir,
    port: opts.port,
    label: opts.label,
    env: { DATA_DIR: opts.dataDir, DATABASE_URL: "", PUBLIC_URL: "", ...opts.env },
  });
  return { ...server, token };
}
