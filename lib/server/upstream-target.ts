// Where an upstream call goes, and with which key. Resolution order for every call: the user's own
// key, else the server-wide AIO_API_KEY, else demo mode on the embedded simulator.
import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { getUserApiKey, getUserApiKeyInfo, VaultDecryptError } from "@/lib/server/accounts/vault";
import { ApiError } from "@/lib/server/api-error";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { getSecrets } from "@/lib/server/secrets";
import { createUpstreamClient, isUpstreamError, type UpstreamClient } from "@/lib/server/upstream";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { isStudioCallback } from "@/lib/server/tasks/url-policy";

export type UpstreamMode = "user-key" | "server-key" | "demo";

export interface UpstreamTarget {
  mode: UpstreamMode;
  baseUrl: string;
  /** Never leaves the server: not in answers, logs or errors. */
  apiKey: string;
}

/** The key the embedded simulator is called with; it holds no secret and costs nothing. */
const demoKey = "aio_demo_studio";

const globalForDemo = globalThis as unknown as { studioDemoSim?: Promise<RunningSimulator> };

/** Requests per minute of the demo simulator's one key (all demo users together). */
export const demoRateLimitPerMinute = 600;

/** The demo key's fingerprint, for its budget (the same as keyFingerprint(demoKey)). */
export const demoKeyFingerprint = createHash("sha256")
  .update(demoKey, "utf8")
  .digest("hex")
  .slice(0, 16);

/** Where the Studio serves the demo simulator's output files (app/demo/files). */
export const demoFilesPath = "/demo";

/**
 * The in-process simulator behind demo mode, started on first use (loopback, random port). Its
 * tasks and balances live in DATA_DIR/demo-simulator, so a restart of the Studio loses none, and
 * its output URLs always point at the Studio's own /demo/files (PUBLIC_URL, else localhost:PORT):
 * they never carry the simulator's port, so links stored before a restart keep working.
 */
export function getDemoSimulator(): Promise<RunningSimulator> {
  const env = getEnv();
  const studio = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  globalForDemo.studioDemoSim ??= startSimulator({
    port: 0,
    speed: env.DEMO_SIM_SPEED,
    // A demo is for exploring: a generous balance, the documented rate limit.
    initialCredits: 1_000_000,
    // Every demo user shares its one key: a higher limit than a real key's, matched by the budget.
    rateLimitPerMinute: demoRateLimitPerMinute,
    stateDir: path.join(env.dataDir, "demo-simulator"),
    filesOrigin: `${studio}${demoFilesPath}`,
    // The simulator runs in this process: it may call back only to the Studio itself.
    callbackPolicy: isStudioCallback,
  }).then(
    (sim) => {
      logger.info(`demo mode: embedded API in One simulator at ${sim.baseUrl}`);
      return sim;
    },
    (err: unknown) => {
      // Not cached: the next call tries again rather than failing forever.
      globalForDemo.studioDemoSim = undefined;
      throw err;
    },
  );
  return globalForDemo.studioDemoSim;
}

/** The demo simulator if something has started it; health checks ask without starting it. */
export function runningDemoSimulator(): Promise<RunningSimulator> | undefined {
  return globalForDemo.studioDemoSim;
}

/** Where calls go for users without their own key: the server-wide key, or demo mode. */
export function getServerUpstreamMode(): Exclude<UpstreamMode, "user-key"> {
  return getEnv().AIO_API_KEY ? "server-key" : "demo";
}

/** The mode a user's calls run in, without decrypting anything (for banners and Settings). */
export async function resolveUserUpstreamMode(userId: string): Promise<UpstreamMode> {
  if (await getUserApiKeyInfo(await getDb(), userId)) return "user-key";
  return getServerUpstreamMode();
}

/** The user's own key was stored under a vault key this server no longer has. */
export const undecryptableKeyMessage =
  "Your saved API key can no longer be decrypted (the server's vault key changed). Save it again in Settings.";

/**
 * The one resolver: where a call in `mode` goes today, or null when that mode has no key now (the
 * user removed theirs, the server key was unset). A stored key that cannot be decrypted is a 409
 * naming the key, for creations and status lookups alike.
 */
export async function targetForMode(
  userId: string,
  mode: UpstreamMode,
): Promise<UpstreamTarget | null> {
  const env = getEnv();
  switch (mode) {
    case "demo":
      return demoTarget();
    case "server-key":
      return env.AIO_API_KEY
        ? { mode: "server-key", baseUrl: env.AIO_BASE_URL, apiKey: env.AIO_API_KEY }
        : null;
    case "user-key": {
      let own: string | null;
      try {
        own = await getUserApiKey(await getDb(), getSecrets().vaultKey, userId);
      } catch (err) {
        if (!(err instanceof VaultDecryptError)) throw err;
        throw new ApiError(409, "invalid_request", undecryptableKeyMessage, { param: "key" });
      }
      return own ? { mode: "user-key", baseUrl: env.AIO_BASE_URL, apiKey: own } : null;
    }
  }
}

/** Where a new call from this user goes: their own key, else the server key, else demo mode. */
export async function resolveUpstreamTarget(userId: string): Promise<UpstreamTarget> {
  return (
    (await targetForMode(userId, "user-key")) ??
    (await targetForMode(userId, getServerUpstreamMode())) ??
    demoTarget()
  );
}

/**
 * Demo mode's target, whatever mode the user runs in now: a task created in demo mode exists only
 * in the embedded simulator, so that is where its status must be asked.
 */
export async function demoTarget(): Promise<UpstreamTarget> {
  const sim = await getDemoSimulator();
  return { mode: "demo", baseUrl: sim.baseUrl, apiKey: demoKey };
}

export function clientFor(
  target: Pick<UpstreamTarget, "baseUrl" | "apiKey">,
  options: { retries?: number } = {},
): UpstreamClient {
  return createUpstreamClient({ baseUrl: target.baseUrl, apiKey: target.apiKey, ...options });
}

export async function getUpstreamClient(
  userId: string,
): Promise<{ client: UpstreamClient; target: UpstreamTarget }> {
  const target = await resolveUpstreamTarget(userId);
  return { client: clientFor(target), target };
}

export type KeyCheck = "valid" | "invalid" | "unreachable";

/**
 * Checks a key at no cost: the status lookup of a task id that cannot exist answers 404 for a
 * working key and 401 for a bad one, and charges nothing.
 */
export async function checkUpstreamKey(client: UpstreamClient): Promise<KeyCheck> {
  try {
    await client.tasks.get(`studio-key-check-${Date.now().toString(36)}`, { timeoutMs: 10_000 });
    return "valid";
  } catch (err) {
    if (isUpstreamError(err)) {
      if (err.type === "not_found") return "valid";
      if (err.type === "authentication_error") return "invalid";
    }
    return "unreachable";
  }
}
