// The simulator in a process of its own (`lib/simulator/cli.ts`), as the tracker runs need it: the
// images it draws for copied outputs take ~150 ms of CPU each, which in this process would hold
// back the clock that stamps SSE events. Its state directory tells when each task finished: every
// task record (with `finishesAt`) is journaled before its creation is answered.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { z } from "zod";
import { cleanEnv, forwardLines, root } from "./app-server";

export interface SimProcess {
  origin: string;
  baseUrl: string;
  /** Stops the simulator (its final snapshot is written) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface SimProcessOptions {
  speed: number;
  rateLimitPerMinute: number;
  stateDir: string;
  label: string;
}

export async function startSimProcess(opts: SimProcessOptions): Promise<SimProcess> {
  const proc = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join("lib", "simulator", "cli.ts"),
      "--port",
      "0",
      "--speed",
      String(opts.speed),
      "--rate-limit",
      String(opts.rateLimitPerMinute),
      "--state-dir",
      opts.stateDir,
      "--quiet",
    ],
    { cwd: root, env: cleanEnv({ NODE_ENV: "development" }), stdio: ["ignore", "pipe", "pipe"] },
  );
  forwardLines(proc.stderr, opts.label);
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    await exited;
  };
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${opts.label} did not start in 60 s`)),
      60_000,
    );
    proc.once("exit", (code) => reject(new Error(`${opts.label} exited with ${code}`)));
    readline.createInterface({ input: proc.stdout }).on("line", (line) => {
      const url = /listening on (http:\/\/\S+\/api\/v1)/.exec(line)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve(url);
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { origin: new URL(baseUrl).origin, baseUrl, stop };
}

async function admin(origin: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${origin}/__sim/${route}`, {
    method: body === undefined ? "GET" : "POST",
    ...(body !== undefined && {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  });
  if (!res.ok) throw new Error(`simulator /__sim/${route}: ${res.status}`);
  return res.json();
}

export async function setKeyLimit(origin: string, key: string, perMinute: number): Promise<void> {
  await admin(origin, `keys/${key}`, { rateLimitPerMinute: perMinute });
}

const statsSchema = z.object({
  requests: z.record(z.string(), z.record(z.string(), z.number())),
  keys: z.record(
    z.string(),
    z.object({
      requests: z.number(),
      rate_limited: z.number(),
      peak_per_minute: z.number(),
      max_concurrent_status_checks: z.number(),
      max_in_flight_status_checks: z.number(),
    }),
  ),
});

export interface KeyStats {
  requests: number;
  rateLimited: number;
  peakPerMinute: number;
  maxConcurrentStatusChecks: number;
  /** The key's requests per route, e.g. "GET /tasks/{task_id}". */
  byRoute: Record<string, number>;
}

export async function keyStats(origin: string, key: string): Promise<KeyStats> {
  const stats = statsSchema.parse(await admin(origin, "stats"));
  const mine = stats.keys[key];
  const byRoute: Record<string, number> = {};
  for (const [route, perKey] of Object.entries(stats.requests)) {
    const count = perKey[key];
    if (count) byRoute[route] = count;
  }
  return {
    requests: mine?.requests ?? 0,
    rateLimited: mine?.rate_limited ?? 0,
    peakPerMinute: mine?.peak_per_minute ?? 0,
    maxConcurrentStatusChecks: mine?.max_concurrent_status_checks ?? 0,
    byRoute,
  };
}

const recordSchema = z.object({ id: z.string(), finishesAt: z.number() });

/**
 * When each task finished upstream (epoch ms, the simulator's clock: this machine's), from the
 * state directory of a stopped simulator: its snapshot and any journal left beside it.
 */
export function finishTimes(stateDir: string): Map<string, number> {
  const times = new Map<string, number>();
  const add = (value: unknown) => {
    const task = recordSchema.safeParse(value);
    if (task.success) times.set(task.data.id, task.data.finishesAt);
  };
  const snapshot = path.join(stateDir, "snapshot.json");
  if (fs.existsSync(snapshot)) {
    const parsed = z
      .object({ tasks: z.array(z.unknown()) })
      .parse(JSON.parse(fs.readFileSync(snapshot, "utf8")));
    parsed.tasks.forEach(add);
  }
  for (const name of fs.readdirSync(stateDir)) {
    if (!/^journal-\d+\.jsonl$/.test(name)) continue;
    for (const line of fs.readFileSync(path.join(stateDir, name), "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        add((JSON.parse(line) as { task?: unknown }).task);
      } catch {
        // a torn last line
      }
    }
  }
  return times;
}
