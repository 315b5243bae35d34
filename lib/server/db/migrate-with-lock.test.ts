// Several instances starting at once on one empty Postgres database: every one must come up.
// Needs a real server (TEST_DATABASE_URL; CI sets it). Each run migrates a fresh schema of its own,
// so it neither sees nor disturbs the tables other tests use in that database.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { freshPostgresSchema, type PostgresSchema } from "@/lib/testing/postgres-schema";
import { migrateWithLock, migrationLockKey } from "./migrate-with-lock";
import { openDatabase, parsePostgresUrl, type OpenedDatabase } from "./open";
import { apiKeys, users } from "./schema";

const url = process.env.TEST_DATABASE_URL;

describe("parsePostgresUrl", () => {
  it("takes ?schema= off the URL and never shows the password", () => {
    const parsed = parsePostgresUrl(
      "postgres://u:hunter2@db.example:6543/studio?schema=tenant_a&sslmode=require",
    );
    expect(parsed.schema).toBe("tenant_a");
    expect(parsed.url).toBe("postgres://u:hunter2@db.example:6543/studio?sslmode=require");
    expect(parsed.location).toBe("db.example:6543/studio (schema tenant_a)");
    expect(parsePostgresUrl("postgres://u:p@localhost/studio")).toEqual({
      url: "postgres://u:p@localhost/studio",
      location: "localhost:5432/studio",
    });
  });

  it("refuses a schema name that is not a plain identifier", () => {
    for (const bad of ["Tenant", "a-b", "x;drop", "1abc", ""]) {
      expect(() => parsePostgresUrl(`postgres://u:p@h/db?schema=${bad}`)).toThrow(/schema=/);
    }
  });
});

describe.skipIf(!url)(
  url
    ? "migrations on a shared Postgres server"
    : "migrations on a shared Postgres server (skipped: set TEST_DATABASE_URL to a real Postgres server)",
  { timeout: 120_000 },
  () => {
    const schemas: PostgresSchema[] = [];
    const freshSchema = () => {
      const schema = freshPostgresSchema(url!);
      schemas.push(schema);
      return schema;
    };
    const admin = postgres(url!, { max: 2, onnotice: () => {} });
    afterAll(async () => {
      for (const schema of schemas) await schema.drop();
      await admin.end({ timeout: 5 });
    });

    it("lets several instances migrate one empty schema at once, each migration applied once", async () => {
      const { name, url: inSchema } = freshSchema();
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, () => openDatabase({ kind: "postgres", url: inSchema })),
      );
      const opened = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      try {
        expect(results.filter((r) => r.status === "rejected")).toEqual([]);
        const journal = JSON.parse(
          fs.readFileSync(path.join(process.cwd(), "drizzle/meta/_journal.json"), "utf8"),
        ) as { entries: unknown[] };
        const applied = await admin<{ n: number }[]>`
          select count(*)::int as n from ${admin(name)}.__drizzle_migrations`;
        expect(applied[0]?.n).toBe(journal.entries.length);
        const tables = await admin<{ table_name: string }[]>`
          select table_name from information_schema.tables where table_schema = ${name}`;
        expect(tables.map((t) => t.table_name)).toEqual(
          expect.arrayContaining(["app_meta", "users", "api_keys", "tasks"]),
        );
        // Every instance works on that schema, not on public.
        for (const o of opened) {
          expect(o.location).toContain(`(schema ${name})`);
          await o.db.execute(
            sql`insert into app_meta (key, value) values (${`k-${randomBytes(4).toString("hex")}`}, 'v')`,
          );
        }
        const rows = await admin<
          { n: number }[]
        >`select count(*)::int as n from ${admin(name)}.app_meta`;
        expect(rows[0]?.n).toBe(opened.length);
        // Foreign keys point at this schema's users, not public's.
        const [user] = await opened[0]!.db
          .insert(users)
          .values({ email: `fk-${name}@example.test` })
          .returning();
        await opened[1]!.db
          .insert(apiKeys)
          .values({ userId: user!.id, ciphertext: "x", last4: "" });
        const refs = await admin<{ target: string }[]>`
          select confrelid::regclass::text as target from pg_constraint
          where contype = 'f' and connamespace = ${name}::regnamespace`;
        expect(refs.length).toBeGreaterThan(0);
        for (const ref of refs) expect(ref.target.startsWith(`${name}.`), ref.target).toBe(true);
        expect(refs.map((r) => r.target)).toContain(`${name}.users`);
      } finally {
        await Promise.all(opened.map((o: OpenedDatabase) => o.close()));
      }
    });

    it("waits for the instance holding the lock, and gives up with a clear message", async () => {
      const { name, url: inSchema } = freshSchema();
      const holder = await admin.reserve();
      await holder`select pg_advisory_lock(${migrationLockKey}::bigint)`;
      try {
        await expect(
          migrateWithLock({
            url: parsePostgresUrl(inSchema).url,
            migrationsFolder: path.join(process.cwd(), "drizzle"),
            schema: name,
            waitMs: 600,
          }),
        ).rejects.toThrow(
          /applying database migrations for over 1 s \(it holds Postgres advisory lock/,
        );
      } finally {
        await holder`select pg_advisory_unlock(${migrationLockKey}::bigint)`;
        holder.release();
      }
      // Released: the next start goes ahead.
      const opened = await openDatabase({ kind: "postgres", url: inSchema });
      await opened.close();
    });
  },
);
