// The one setup for tests that call server modules and route handlers directly: the task
// harness (a real simulator over HTTP, an in-memory PGlite, users with keys and app tokens),
// installed through the modules' own test seams instead of module mocks. Vitest runs each file in
// its own worker, so each file gets its own harness; the tests inside one file share it.
import "server-only";
import { afterAll, beforeAll, vi } from "vitest";
import { getEnv, setEnvForTests, type Env } from "@/lib/env";
import { setDatabaseForTests } from "@/lib/server/db";
import { setSecretsForTests } from "@/lib/server/secrets";
import {
  startTaskHarness,
  testVaultKey,
  type HarnessOptions,
  type TaskHarness,
} from "@/lib/server/tasks/test-harness";

/**
 * Starts a harness before the file's tests and closes it after them; until then getDb(), getEnv()
 * and getSecrets() answer with its database, env and vault key, and the server log is silent.
 * Call at the top of a test file: `const h = setupTaskHarness();` then `h().makeUser()` in tests.
 */
export function setupTaskHarness(options?: HarnessOptions): () => TaskHarness {
  let harness: TaskHarness | undefined;
  beforeAll(async () => {
    vi.stubEnv("LOG_LEVEL", "silent");
    harness = await startTaskHarness(options);
    setDatabaseForTests(harness.opened);
    setEnvForTests(harness.env);
    setSecretsForTests({ vaultKey: testVaultKey, authSecret: "test-auth-secret-".repeat(3) });
  });
  afterAll(async () => {
    // Closed while the log is still silent: work the file started may log as it winds down.
    await harness?.close();
    setDatabaseForTests(undefined);
    setEnvForTests(undefined);
    setSecretsForTests(undefined);
    vi.unstubAllEnvs();
  });
  return () => {
    if (!harness) throw new Error("setupTaskHarness: the harness starts in beforeAll");
    return harness;
  };
}

/** Runs `fn` with some variables changed in the env the server modules see, then puts it back. */
export async function withEnv<T>(changes: Partial<Env>, fn: () => Promise<T>): Promise<T> {
  const before = getEnv();
  setEnvForTests({ ...before, ...changes });
  try {
    return await fn();
  } finally {
    setEnvForTests(before);
  }
}
