// A schema of its own in a shared Postgres database (TEST_DATABASE_URL in CI): a test on a real
// server then neither sees nor leaves anything in the tables other tests and runs use there.
// Plain Node, no test-runner imports, so Playwright support code can use it as well as Vitest.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export interface PostgresSchema {
  name: string;
  /** The database URL with `?schema=` naming it: openDatabase creates and migrates it there. */
  url: string;
  drop(): Promise<void>;
}

/** A new schema name in the database at `databaseUrl`, created by the first openDatabase on `url`. */
export function freshPostgresSchema(databaseUrl: string): PostgresSchema {
  const name = `studio_test_${randomBytes(5).toString("hex")}`;
  const url = new URL(databaseUrl);
  url.searchParams.set("schema", name);
  return {
    name,
    url: url.toString(),
    async drop() {
      const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        await sql`drop schema if exists ${sql(name)} cascade`;
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}
