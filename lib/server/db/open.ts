// Opens the database the environment names and applies the committed migrations.
// Outside Next, the admin CLI and the bench run under `--conditions=react-server` (where
// "server-only" is an empty module) and the test runners alias it to lib/testing/server-only-stub.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite, types, type PGliteOptions, type QueryOptions } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { acquireDataDirLock } from "./lock";
import { migrateWithLock } from "./migrate-with-lock";
import { startPgliteUpkeep } from "./pglite-upkeep";

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
  | {
      kind: "pglite";
      dataDir: string | "memory";
      lock?: boolean;
      /** A memory database starts as this copy of a data directory (PGlite's dumpDataDir). */
      from?: Blob;
    }
  | { kind: "postgres"; url: string };

const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Drizzle passes the same parsers with every PGlite query (dates and intervals kept as text, which
 * drizzle then maps itself). PGlite merges per-query parsers into its whole type table on each
 * call, about 0.15 ms a statement here. Installed once on the client they do the same for free,
 * so the per-query copy is dropped when it only repeats them.
 */
const textTypes = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
];
const keepText = (value: string) => value;
const installedParsers = Object.fromEntries(textTypes.map((oid) => [oid, keepText]));

function repeatsInstalled(parsers: NonNullable<QueryOptions["parsers"]>): boolean {
  const probe = "probe";
  return Object.entries(parsers).every(
    ([oid, parse]) => installedParsers[oid] !== undefined && parse(probe, Number(oid)) === probe,
  );
}

const writeStatement = /^\s*(insert|update|delete|with)\b/i;

export class StudioPGlite extends PGlite {
  /** Statements that may have written, for the upkeep (pglite-upkeep.ts): a count, nothing more. */
  writes = 0;

  constructor(dataDir?: string, options: PGliteOptions = {}) {
    super({ ...options, dataDir, parsers: { ...installedParsers, ...options.parsers } });
  }

  override query<T>(query: string, params?: unknown[], options?: QueryOptions) {
    if (writeStatement.test(query)) this.writes++;
    if (options?.parsers && repeatsInstalled(options.parsers)) {
      const { parsers: _repeated, ...rest } = options;
      return super.query<T>(query, params, rest);
    }
    return super.query<T>(query, params, options);
  }
}

/**
 * The server, and the schema Studio keeps its tables in: `?schema=name` on the URL (drizzle's
 * bookkeeping goes there too), else Postgres's defaults (tables in public, bookkeeping in drizzle).
 * Taken off the URL: the driver would send it to the server as a setting.
 */
export function parsePostgresUrl(url: string): { url: string; schema?: string; location: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { url, location: "postgres" }; // e.g. several hosts: the driver reads it, we cannot
  }
  const schemaName = u.searchParams.get("schema") ?? undefined;
  if (schemaName !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schemaName)) {
    throw new Error("DATABASE_URL: schema= must be a lower-case name (letters, digits, _)");
  }
  u.searchParams.delete("schema");
  // Where the data lives, for humans: never the password.
  const location = `${u.hostname}:${u.port || 5432}${u.pathname}${schemaName ? ` (schema ${schemaName})` : ""}`;
  return { url: u.toString(), location, ...(schemaName && { schema: schemaName }) };
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenedDatabase> {
  if (target.kind === "postgres") {
    const server = parsePostgresUrl(target.url);
    await migrateWithLock({ url: server.url, migrationsFolder, schema: server.schema });
    const sql = postgres(server.url, {
      max: 10,
      onnotice: () => {},
      ...(server.schema && { connection: { search_path: server.schema } }),
    });
    return {
      db: drizzlePostgres(sql, { schema }) as unknown as Database,
      kind: "postgres",
      location: server.location,
      close: () => sql.end({ timeout: 5 }),
    };
  }

  let release = () => {};
  let client: StudioPGlite;
  if (target.dataDir === "memory") {
    client = new StudioPGlite(undefined, target.from && { loadDataDir: target.from });
  } else {
    const dir = path.join(target.dataDir, "pglite");
    fs.mkdirSync(dir, { recursive: true });
    if (target.lock !== false) release = acquireDataDirLock(target.dataDir);
    client = new StudioPGlite(dir);
  }
  try {
    await client.waitReady;
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    const upkeep = startPgliteUpkeep({
      exec: (statement) => client.exec(statement),
      writes: () => client.writes,
    });
    return {
      db: db as unknown as Database,
      kind: "pglite",
      location: target.dataDir === "memory" ? "memory" : path.join(target.dataDir, "pglite"),
      close: async () => {
        await upkeep.stop();
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
