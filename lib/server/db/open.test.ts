// Runs on embedded PGlite by default and, when TEST_DATABASE_URL is set (CI does), on a real
// Postgres server too, so the one schema and its migrations stay true on both.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockHolder } from "./lock";
import { ensureInstalledAt } from "./meta";
import { types } from "@electric-sql/pglite";
import { openDatabase, StudioPGlite, type DatabaseTarget } from "./open";
import { appMeta } from "./schema";
import { until } from "@/lib/testing/until";

const targets: { name: string; target: DatabaseTarget }[] = [
  { name: "pglite (memory)", target: { kind: "pglite", dataDir: "memory" } },
];
if (process.env.TEST_DATABASE_URL) {
  targets.push({
    name: "postgres server",
    target: { kind: "postgres", url: process.env.TEST_DATABASE_URL },
  });
}

// Each open of a new PGlite runs initdb (seconds on a busy 2-core machine): generous timeouts.
describe.each(targets)("openDatabase on $name", { timeout: 90_000 }, ({ target }) => {
  it("applies the committed migrations and answers queries", async () => {
    const opened = await openDatabase(target);
    try {
      const result: unknown = await opened.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public'`,
      );
      // PGlite answers { rows }, postgres-js an array of rows.
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        table_name: string;
      }[];
      expect(rows.map((r) => r.table_name)).toContain("app_meta");
    } finally {
      await opened.close();
    }
  });

  it("keeps the first installation time across opens", async () => {
    const a = await openDatabase(target);
    const first = await ensureInstalledAt(a.db);
    await a.close();
    const b = await openDatabase(target);
    try {
      const again = await ensureInstalledAt(b.db);
      if (target.kind === "postgres") expect(again.toISOString()).toBe(first.toISOString());
      else expect(again).toBeInstanceOf(Date); // memory databases start empty by design
    } finally {
      await b.close();
    }
  });
});

describe("the embedded client's installed parsers", { timeout: 90_000 }, () => {
  it("keeps drizzle's dates exact, and a caller's own parser still applies", async () => {
    const opened = await openDatabase({ kind: "pglite", dataDir: "memory" });
    const client = new StudioPGlite();
    try {
      const at = new Date("2026-01-02T03:04:05.678Z");
      const [row] = await opened.db
        .insert(appMeta)
        .values({ key: "parser-check", value: "x", updatedAt: at })
        .returning();
      expect(row?.updatedAt).toBeInstanceOf(Date);
      expect(row?.updatedAt.toISOString()).toBe(at.toISOString());

      const query = "select '2026-01-02 03:04:05+00'::timestamptz as t";
      // The installed text parser, the same as drizzle's: the value stays text.
      expect((await client.query<{ t: unknown }>(query)).rows[0]?.t).toBe("2026-01-02 03:04:05+00");
      // A parser that changes the value is not mistaken for a repeat of the installed one.
      const own = await client.query<{ t: unknown }>(query, [], {
        parsers: { [types.TIMESTAMPTZ]: (value: string) => `parsed ${value}` },
      });
      expect(own.rows[0]?.t).toBe("parsed 2026-01-02 03:04:05+00");
    } finally {
      await client.close();
      await opened.close();
    }
  });
});

describe("a memory database started from a copy", { timeout: 90_000 }, () => {
  it("holds what the copied database held, and the two change apart", async () => {
    const source = new StudioPGlite();
    await source.exec("create table notes (body text); insert into notes values ('kept')");
    const copy = await source.dumpDataDir("none");
    const opened = await openDatabase({ kind: "pglite", dataDir: "memory", from: copy });
    try {
      // PGlite's driver answers { rows } (the Database type is postgres-js's row array).
      const read = (await opened.db.execute(sql`select body from notes`)) as unknown as {
        rows: { body: string }[];
      };
      expect(read.rows.map((r) => r.body)).toEqual(["kept"]);
      // Migrated on open like any other: the Studio's tables are there too.
      await ensureInstalledAt(opened.db);
      await opened.db.execute(sql`insert into notes values ('only in the copy')`);
      const before = await source.query<{ n: number }>("select count(*)::int as n from notes");
      expect(before.rows[0]?.n).toBe(1);
    } finally {
      await opened.close();
      await source.close();
    }
  });
});

describe("embedded database on disk", { timeout: 90_000 }, () => {
  const dirs: string[] = [];
  const tmpDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "studio-db-"));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("persists data across a close and reopen", async () => {
    const dataDir = tmpDir();
    const a = await openDatabase({ kind: "pglite", dataDir });
    const first = await ensureInstalledAt(a.db);
    await a.close();
    expect(lockHolder(dataDir)).toBeNull();
    const b = await openDatabase({ kind: "pglite", dataDir });
    try {
      expect((await ensureInstalledAt(b.db)).toISOString()).toBe(first.toISOString());
    } finally {
      await b.close();
    }
  }, 60_000);

  it("refuses to open a data directory another live process holds", async () => {
    const dataDir = tmpDir();
    // A real second process takes the lock, as a running server would.
    const holder = spawn(process.execPath, [
      "-e",
      `require("fs").writeFileSync(${JSON.stringify(path.join(dataDir, "pglite.lock"))}, String(process.pid)); setTimeout(() => {}, 30000)`,
    ]);
    try {
      // Node's start-up takes a while on a busy machine: wait for the lock, not a fixed time.
      const holderPid = await until(
        async () => lockHolder(dataDir),
        (pid) => pid !== null,
        15_000,
      );
      expect(holderPid).toBe(holder.pid);
      const attempt = openDatabase({ kind: "pglite", dataDir });
      await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(attempt).rejects.toThrow(/in use by process \d+/);
    } finally {
      holder.kill();
    }
  });

  it("treats a lock left by a dead process as free", async () => {
    const dataDir = tmpDir();
    fs.writeFileSync(path.join(dataDir, "pglite.lock"), "999999");
    expect(lockHolder(dataDir)).toBeNull();
  });
});
