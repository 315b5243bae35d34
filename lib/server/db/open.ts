// Opens the database the environment names and applies the committed migrations.
// Plain Node (no "server-only") so the admin CLI and tests can use it outside Next.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";
import { acquireDataDirLock } from "./lock";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface OpenedDatabase {
  db: Database;
  kind: "pglite" | "postgres";
  /** Where the data lives, for humans: a directory, "memory", or the server's host/db (no password). */
  location: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string | "memory"; lock?: boolean }
  | { kind: "postgres"; url: string };

const migrationsFolder = path.join(process.cwd(), "drizzle");

function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "postgres";
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenedDatabase> {
  if (target.kind === "postgres") {
    const sql = postgres(target.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(sql, { schema });
    await migratePostgres(db, { migrationsFolder });
    return {
      db: db as unknown as Database,
      kind: "postgres",
      location: describePostgresUrl(target.url),
      close: () => sql.end({ timeout: 5 }),
    };
  }

  let release = () => {};
  let client: PGlite;
  if (target.dataDir === "memory") {
    client = new PGlite();
  } else {
    const dir = path.join(target.dataDir, "pglite");
    fs.mkdirSync(dir, { recursive: true });
    if (target.lock !== false) release = acquireDataDirLock(target.dataDir);
    client = new PGlite(dir);
  }
  try {
    await client.waitReady;
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Database,
      kind: "pglite",
      location: target.dataDir === "memory" ? "memory" : path.join(target.dataDir, "pglite"),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
