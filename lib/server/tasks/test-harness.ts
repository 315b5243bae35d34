// Test support for the task layer: a real simulator over HTTP, an in-memory PGlite, an env that
// points the server key at the simulator, and users with their own keys and app tokens. Test files
// use it through lib/testing/server-harness, which installs it behind getDb/getEnv/getSecrets.
import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createAppToken } from "@/lib/server/accounts/tokens";
import { createUser } from "@/lib/server/accounts/users";
import { saveUserApiKey } from "@/lib/server/accounts/vault";
import { pgliteTemplate } from "@/lib/testing/pglite-template";
import { openDatabase, type OpenedDatabase } from "@/lib/server/db/open";
import type { User } from "@/lib/server/db/schema";
import { getEnv, type Env } from "@/lib/env";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { adminGet, adminPost, uniqueKey } from "@/lib/simulator/test-support";
import { releaseBudgetLeases } from "@/lib/server/tracker/budget-lease";

export const testVaultKey = "tasks-test-vault-key";

export interface TestUser {
  user: User;
  /** `ais_…` app token for calling route handlers. */
  token: string;
  /** The upstream key this user's calls go out with (their own, or the server's). */
  upstreamKey: string;
}

export interface TaskHarness {
  sim: RunningSimulator;
  opened: OpenedDatabase;
  env: Env;
  serverKey: string;
  /**
   * A user calling with their own key (a fresh `aio_test_…` unless given), or the server key;
   * `credits` sets that key's balance on the simulator (10,000 by default).
   */
  makeUser(options?: { key?: string | null; credits?: number }): Promise<TestUser>;
  /** Upstream requests the simulator counted for a key, e.g. `count(key, "POST /images/generations")`. */
  count(key: string, route: string): Promise<number>;
  setRateLimit(key: string, perMinute: number): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Simulator speed: task durations ÷ this. Default 100 (images finish in 30–150 ms). */
  speed?: number;
  publicUrl?: string;
  /** More variables for the env, e.g. `{ DEMO_SIM_SPEED: "100" }`. */
  env?: Record<string, string>;
}

export async function startTaskHarness(options: HarnessOptions = {}): Promise<TaskHarness> {
  const sim = await startSimulator({
    port: 0,
    speed: options.speed ?? 100,
    rateLimitPerMinute: 100_000,
  });
  const opened = await openDatabase({ kind: "pglite", dataDir: "memory", from: pgliteTemplate() });
  const serverKey = uniqueKey("aio_server");
  const env = getEnv({
    NODE_ENV: "test",
    AIO_BASE_URL: sim.baseUrl,
    AIO_API_KEY: serverKey,
    DATA_DIR: path.join(os.tmpdir(), `studio-tasks-${process.pid}-${Date.now()}`),
    ...(options.publicUrl && { PUBLIC_URL: options.publicUrl }),
    ...options.env,
  });
  let n = 0;
  return {
    sim,
    opened,
    env,
    serverKey,
    async makeUser({ key, credits } = {}) {
      const user = await createUser(opened.db, { email: `u${++n}-${Date.now()}@example.test` });
      const own = key === null ? null : (key ?? uniqueKey());
      if (own) await saveUserApiKey(opened.db, testVaultKey, user.id, own, { verified: true });
      const { token } = await createAppToken(opened.db, user.id, "test");
      const upstreamKey = own ?? serverKey;
      if (credits !== undefined) {
        await adminPost(sim, `/keys/${encodeURIComponent(upstreamKey)}`, { credits });
      }
      return { user, token, upstreamKey };
    },
    async count(key, route) {
      const stats = await adminGet(sim, "/stats");
      const requests = stats.requests as Record<string, Record<string, number> | undefined>;
      return requests[route]?.[key] ?? 0;
    },
    async setRateLimit(key, perMinute) {
      await adminPost(sim, `/keys/${encodeURIComponent(key)}`, { rateLimitPerMinute: perMinute });
    },
    async close() {
      await releaseBudgetLeases(opened.db);
      await opened.close();
      await sim.close();
      fs.rmSync(env.dataDir, { recursive: true, force: true });
    },
  };
}
