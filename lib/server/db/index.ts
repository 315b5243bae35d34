// The server's database: opened lazily (never at import time: `next build` imports route modules),
// once per process, migrations applied on open.
import "server-only";
import { assertTestProcess } from "@/lib/assert-test-process";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/server/logger";
import { ensureInstalledAt } from "./meta";
import { openDatabase, type Database, type OpenedDatabase } from "./open";

export type { Database } from "./open";

const globalForDb = globalThis as unknown as { studioDb?: Promise<OpenedDatabase> };

export function getDatabase(): Promise<OpenedDatabase> {
  globalForDb.studioDb ??= (async () => {
    const env = getEnv();
    const started = Date.now();
    const opened = await openDatabase(
      env.DATABASE_URL
        ? { kind: "postgres", url: env.DATABASE_URL }
        : { kind: "pglite", dataDir: env.dataDir },
    );
    await ensureInstalledAt(opened.db);
    logger.info(
      `database ready: ${opened.kind} at ${opened.location} (${Date.now() - started} ms, migrations applied)`,
    );
    return opened;
  })();
  // A failed open must not be cached forever: the next call tries again.
  globalForDb.studioDb.catch(() => {
    globalForDb.studioDb = undefined;
  });
  return globalForDb.studioDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** Tests only: getDatabase() and getDb() answer `opened` in this process; undefined opens from the env again. */
export function setDatabaseForTests(opened: OpenedDatabase | undefined): void {
  assertTestProcess("setDatabaseForTests");
  globalForDb.studioDb = opened && Promise.resolve(opened);
}
