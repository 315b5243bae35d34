// Embedded PGlite has no autovacuum: the upkeep vacuums and analyzes the busy tables once after
// opening and again whenever enough was written, and never outlives the database.
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StudioPGlite } from "./open";
import { busyTables, startPgliteUpkeep } from "./pglite-upkeep";
import * as schema from "./schema";

const client = new StudioPGlite();
const db = drizzle(client, { schema });
const userId = "00000000-0000-4000-8000-000000000001";

beforeAll(async () => {
  await migrate(db, { migrationsFolder: path.join(process.cwd(), "drizzle") });
  await db.execute(sql`insert into users (id, email) values (${userId}, 'upkeep@example.test')`);
}, 90_000);
afterAll(() => client.close());

/** Rows the planner believes the tasks table holds (-1 until it was first analyzed). */
async function plannedRows(): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    "select reltuples::int as n from pg_class where relname = 'tasks'",
  );
  return rows[0]!.n;
}

/** Old row versions still taking space: the table's pages against what its live rows need. */
async function tablePages(): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    "select (pg_relation_size('tasks') / 8192)::int as n",
  );
  return rows[0]!.n;
}

/** A task created and run to the end, the way the Studio writes it: insert, then three updates. */
async function runTasks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const id = crypto.randomUUID();
    await db.execute(sql`insert into tasks (id, user_id, task_id, route, model_slug, request,
      status, upstream_mode, key_fingerprint) values (${id}, ${userId}, ${`pending:${id}`},
      'images', 'flux-2', '{"prompt":"a fox"}', 'SUBMITTING', 'demo', 'fp')`);
    await db.execute(sql`update tasks set task_id = ${id}, status = 'IN_PROGRESS',
      next_check_at = clock_timestamp() + interval '3 seconds' where id = ${id}`);
    await db.execute(
      sql`update tasks set lease_owner = 'me', next_check_at = null where id = ${id}`,
    );
    await db.execute(sql`update tasks set status = 'SUCCESS', lease_owner = null,
      response = '["https://example.test/a.png"]' where id = ${id}`);
  }
}

describe("the PGlite upkeep", { timeout: 90_000 }, () => {
  it("counts the statements that write", async () => {
    const before = client.writes;
    await runTasks(3);
    await client.query("select 1");
    expect(client.writes - before).toBe(12);
  });

  it("analyzes soon after opening, then vacuums once enough was written, and not before", async () => {
    const statements: string[] = [];
    const upkeep = startPgliteUpkeep({
      exec: (statement) => {
        statements.push(statement);
        return client.exec(statement);
      },
      writes: () => client.writes,
      firstAfterMs: 50,
      everyMs: 100,
      afterWrites: 400,
    });
    try {
      await runTasks(150);
      expect(await plannedRows()).toBeLessThan(150);
      // The first pass, whatever was written: the planner learns the table.
      await new Promise((r) => setTimeout(r, 300));
      expect(statements[0]).toBe(`vacuum (analyze) ${busyTables.join(", ")}`);
      expect(await plannedRows()).toBeGreaterThanOrEqual(150);
      const passes = statements.length;

      // 40 writes: below the bar, no pass.
      await runTasks(10);
      await new Promise((r) => setTimeout(r, 300));
      expect(statements).toHaveLength(passes);

      // 400 more writes: a pass, and the space of the old row versions is reused, not grown.
      const pages = await tablePages();
      await runTasks(100);
      await new Promise((r) => setTimeout(r, 300));
      expect(statements.length).toBeGreaterThan(passes);
      await runTasks(100);
      await upkeep.run();
      expect(await tablePages()).toBeLessThan(pages * 3);
    } finally {
      await upkeep.stop();
    }
  });

  it("runs nothing once stopped, and stop waits for a pass under way", async () => {
    let finished = false;
    const upkeep = startPgliteUpkeep({
      exec: async (statement) => {
        await client.exec(statement);
        await new Promise((r) => setTimeout(r, 100));
        finished = true;
      },
      writes: () => client.writes,
      firstAfterMs: 10,
      everyMs: 10,
      afterWrites: 1,
    });
    await new Promise((r) => setTimeout(r, 30));
    await upkeep.stop();
    expect(finished).toBe(true);
    finished = false;
    await runTasks(5);
    await new Promise((r) => setTimeout(r, 100));
    expect(finished).toBe(false);
  });
});
