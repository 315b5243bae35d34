// Migrations on a Postgres server, one instance at a time: several Studio processes starting
// together on an empty database would otherwise all create drizzle's bookkeeping and the tables at
// once, and all but one fail ("relation __drizzle_migrations already exists"). The first takes a
// session advisory lock on its own connection and migrates; the rest wait, then find nothing to do.
import "server-only";
import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";
import { PgDialect, type PgSession } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { logger } from "@/lib/server/logger";

/** A fixed, arbitrary advisory lock key ("STUDIO" in ASCII), the same in every instance. */
export const migrationLockKey = "91621672896847";

export interface MigrateOptions {
  url: string;
  migrationsFolder: string;
  /** Tables and drizzle's bookkeeping in this schema (created if missing) instead of the defaults. */
  schema?: string;
  /** How long to wait for another instance's migrations before giving up. */
  waitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function migrateWithLock(options: MigrateOptions): Promise<void> {
  const { url, migrationsFolder, schema, waitMs = 5 * 60_000 } = options;
  // One connection: the lock belongs to the session that took it, and the migrations run there.
  const conn = postgres(url, {
    max: 1,
    onnotice: () => {},
    ...(schema && { connection: { search_path: schema } }),
  });
  try {
    const deadline = Date.now() + waitMs;
    let waited = false;
    while (true) {
      const [row] = await conn<{ locked: boolean }[]>`
        select pg_try_advisory_lock(${migrationLockKey}::bigint) as locked`;
      if (row?.locked) break;
      if (Date.now() > deadline) {
        throw new Error(
          `Another Studio instance has been applying database migrations for over ` +
            `${Math.round(waitMs / 1000)} s (it holds Postgres advisory lock ${migrationLockKey}). ` +
            `If no instance is starting, find the session holding it in pg_locks.`,
        );
      }
      if (!waited) logger.info("waiting for another instance to finish applying migrations");
      waited = true;
      await sleep(200);
    }
    try {
      if (schema) await conn`create schema if not exists ${conn(schema)}`;
      // What drizzle's migrate() does, with the migrations moved into the schema when there is one.
      const migrations = inSchema(readMigrationFiles({ migrationsFolder }), schema);
      const session = drizzle(conn)._.session as unknown as PgSession;
      await new PgDialect().migrate(migrations, session, {
        migrationsFolder,
        ...(schema && { migrationsSchema: schema }),
      });
    } finally {
      await conn`select pg_advisory_unlock(${migrationLockKey}::bigint)`.catch(() => undefined);
    }
  } finally {
    // Ending the session releases the lock too, should the unlock above have failed.
    await conn.end({ timeout: 5 });
  }
}

/**
 * drizzle-kit writes foreign keys as REFERENCES "public"."users": in a schema of our own they
 * must point at its tables (unqualified names already land there, through search_path).
 */
function inSchema(migrations: MigrationMeta[], schema: string | undefined): MigrationMeta[] {
  if (!schema) return migrations;
  return migrations.map((m) => ({
    ...m,
    sql: m.sql.map((statement) => statement.replaceAll(`"public".`, `"${schema}".`)),
  }));
}
