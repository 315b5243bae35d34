// What GET /api/health answers: whether this instance can serve (its database answers a query, or
// 503) and whether its upstream is usable, checked at no cost and at most every few seconds.
// Nothing here names a key, a password or a secret.
import "server-only";
import { sql } from "drizzle-orm";
import { getEnv } from "@/lib/env";
import { getDatabase } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { keyFingerprint } from "@/lib/server/tasks/task-target";
import { takeBudget } from "@/lib/server/tracker/budget";
import {
  checkUpstreamKey,
  clientFor,
  getServerUpstreamMode,
  runningDemoSimulator,
} from "@/lib/server/upstream-target";

export interface DatabaseHealth {
  ok: boolean;
  kind: "pglite" | "postgres";
  /** How long `select 1` took, when it answered. */
  latencyMs?: number;
  error?: "timeout" | "unavailable";
}

export interface UpstreamHealth {
  /** Where calls go for users without their own key: the embedded simulator, or AIO_API_KEY. */
  mode: "demo" | "server-key";
  ok: boolean;
  /** When this answer was found out (it is reused for a few seconds). */
  checkedAt: string;
  error?: "not_started" | "unreachable" | "invalid_key" | "timeout";
}

export interface HealthBody {
  /** Ready to serve: the database answers. The upstream does not decide this (see below). */
  ok: boolean;
  database: DatabaseHealth;
  upstream: UpstreamHealth;
}

const databaseTimeoutMs = 2000;
const upstreamTimeoutMs = 2000;
/**
 * At most one upstream lookup per instance per minute, however often /api/health is asked: with
 * the server key each one is a request against the key's 60 a minute (the demo simulator's costs
 * nothing, but one rule is simpler to reason about).
 */
const upstreamCacheMs = 60_000;
/**
 * A demo simulator found down is asked again after this long: the lookup is free, and at start-up
 * the first probe often comes before the simulator listens; a minute of "not started" after it
 * does would keep a new instance out of rotation for nothing.
 */
const demoFailureCacheMs = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

let databaseWasOk = true;

async function checkDatabase(): Promise<DatabaseHealth> {
  const kind = getEnv().DATABASE_URL ? "postgres" : "pglite";
  const started = Date.now();
  const answer = await withTimeout(
    getDatabase().then(async ({ db }) => {
      await db.execute(sql`select 1`);
      return "ok" as const;
    }),
    databaseTimeoutMs,
  ).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  const ok = answer === "ok";
  // Once per change, not on every probe: a load balancer asks every few seconds.
  if (ok !== databaseWasOk) {
    if (ok) logger.info("health: the database answers again");
    else
      logger.error(
        `health: the database does not answer (${answer === "timeout" ? `no answer in ${databaseTimeoutMs} ms` : (answer as Error).message})`,
      );
    databaseWasOk = ok;
  }
  if (ok) return { ok, kind, latencyMs: Date.now() - started };
  return { ok, kind, error: answer === "timeout" ? "timeout" : "unavailable" };
}

type UpstreamCheck = Omit<UpstreamHealth, "checkedAt">;

let lastServerKeyCheck: UpstreamCheck | undefined;

async function probeUpstream(): Promise<UpstreamCheck> {
  const env = getEnv();
  if (getServerUpstreamMode() === "server-key" && env.AIO_API_KEY) {
    // The lookup is a request like any other against the key's budget (as a status check: it
    // never takes the slots kept for submissions). With none free the key is busy, so the last
    // verdict stands.
    const db = (await getDatabase()).db;
    const slot = await takeBudget(db, keyFingerprint(env.AIO_API_KEY), "poll");
    if (!slot.ok) return lastServerKeyCheck ?? { mode: "server-key", ok: true };
    // A status lookup of a task that cannot exist: 404 for a working key, charges nothing.
    const verdict = await checkUpstreamKey(
      clientFor({ baseUrl: env.AIO_BASE_URL, apiKey: env.AIO_API_KEY }),
    );
    lastServerKeyCheck =
      verdict === "valid"
        ? { mode: "server-key", ok: true }
        : {
            mode: "server-key",
            ok: false,
            error: verdict === "invalid" ? "invalid_key" : "unreachable",
          };
    return lastServerKeyCheck;
  }
  const running = runningDemoSimulator();
  if (!running) return { mode: "demo", ok: false, error: "not_started" };
  try {
    const sim = await running;
    const res = await fetch(`${sim.origin}/__sim/config`, {
      signal: AbortSignal.timeout(upstreamTimeoutMs),
    });
    await res.body?.cancel();
    return res.ok ? { mode: "demo", ok: true } : { mode: "demo", ok: false, error: "unreachable" };
  } catch {
    return { mode: "demo", ok: false, error: "unreachable" };
  }
}

const globalForHealth = globalThis as unknown as {
  studioUpstreamHealth?: { at: number; keepMs: number; answer: Promise<UpstreamHealth> };
};

/** The upstream's state; one lookup at a time, reused for upstreamCacheMs. */
async function checkUpstream(): Promise<UpstreamHealth> {
  const cached = globalForHealth.studioUpstreamHealth;
  if (cached && Date.now() - cached.at < cached.keepMs) return cached.answer;
  const entry: { at: number; keepMs: number; answer: Promise<UpstreamHealth> } = {
    at: Date.now(),
    keepMs: upstreamCacheMs,
    answer: probeUpstream().then((check) => {
      entry.at = Date.now(); // fresh from when it was found out, not from when it was asked
      if (!check.ok && check.mode === "demo") entry.keepMs = demoFailureCacheMs;
      return { ...check, checkedAt: new Date(entry.at).toISOString() };
    }),
  };
  globalForHealth.studioUpstreamHealth = entry;
  const answer = entry.answer;
  // A slow upstream does not make the health check slow: answer "timeout" now, and the check
  // that goes on fills the cache for the next probe.
  const result = await withTimeout(answer, upstreamTimeoutMs);
  if (result !== "timeout") return result;
  return {
    mode: getServerUpstreamMode(),
    ok: false,
    error: "timeout",
    checkedAt: new Date().toISOString(),
  };
}

/**
 * 200 when this instance can serve, 503 when its database does not answer. An upstream that is
 * down shows as `upstream.ok: false` but keeps 200: every instance shares it, so taking instances
 * out of rotation would not help, and pages that read the database still work.
 */
export async function checkHealth(): Promise<{ status: number; body: HealthBody }> {
  const [database, upstream] = await Promise.all([checkDatabase(), checkUpstream()]);
  return { status: database.ok ? 200 : 503, body: { ok: database.ok, database, upstream } };
}
