// Guards the seams tests install real objects through (setEnvForTests, setDatabaseForTests,
// setSecretsForTests): a production process that reached one would serve with the wrong database
// or keys, so it stops at once. Plain Node (no "server-only"): lib/env.ts uses it.

/** Throws unless this process runs tests (Vitest sets VITEST and NODE_ENV=test). */
export function assertTestProcess(seam: string): void {
  if (process.env.VITEST || process.env.NODE_ENV === "test") return;
  throw new Error(`${seam} is for tests only (NODE_ENV=test or VITEST), never a running server`);
}
