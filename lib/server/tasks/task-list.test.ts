// The library's list query on a real database: embedded PGlite, and a Postgres server too when
// TEST_DATABASE_URL is set, so the keyset cursor, the filters and the word search mean the same
// on both.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { taskListQuerySchema } from "@/lib/schemas/tasks";
import type { Database } from "@/lib/server/db";
import { openDatabase, type DatabaseTarget, type OpenedDatabase } from "@/lib/server/db/open";
import { tasks } from "@/lib/server/db/schema";
import { freshPostgresSchema, type PostgresSchema } from "@/lib/testing/postgres-schema";
import { fixtureUser, storeTask, type StoredTaskInput } from "./task-fixtures";
import { listTaskPage } from "./task-list";

const targets: { name: string; target: () => DatabaseTarget }[] = [
  { name: "pglite", target: () => ({ kind: "pglite", dataDir: "memory" }) },
];
const serverUrl = process.env.TEST_DATABASE_URL;
let schema: PostgresSchema | undefined;
if (serverUrl) {
  targets.push({
    name: "postgres",
    target: () => {
      schema = freshPostgresSchema(serverUrl);
      return { kind: "postgres", url: schema.url };
    },
  });
}

const minute = (n: number) => new Date(Date.UTC(2026, 10, 1, 12, n)).toISOString();

describe.each(targets)("listTaskPage on $name", { timeout: 120_000 }, ({ target }) => {
  let opened: OpenedDatabase;
  let db: Database;
  beforeAll(async () => {
    opened = await openDatabase(target());
    db = opened.db;
  });
  afterAll(async () => {
    await opened.close();
    await schema?.drop();
  });

  const page = (userId: string, query: Record<string, string> = {}) =>
    listTaskPage(db, userId, taskListQuerySchema.parse(query));
  const ids = async (userId: string, query: Record<string, string> = {}) =>
    (await page(userId, { limit: "100", ...query })).rows.map((r) => r.taskId);
  const put = (userId: string, taskId: string, input: Omit<StoredTaskInput, "userId"> = {}) =>
    storeTask(db, { userId, taskId, status: "SUCCESS", ...input });

  it("pages newest first with no duplicate and no gap while tasks arrive between reads", async () => {
    const u = await fixtureUser(db);
    for (let i = 0; i < 14; i++) await put(u, `old${i}`, { createdAt: minute(i) });
    // Five within one millisecond, microseconds apart (a page ends inside them), and two tasks at
    // one instant (the id breaks the tie).
    for (let i = 0; i < 5; i++) await put(u, `same-ms${i}`, { createdAt: minute(20) });
    for (let i = 0; i < 5; i++) {
      await db
        .update(tasks)
        .set({
          createdAt: sql`'2026-11-01T12:20:00.000Z'::timestamptz + ${i + 1} * interval '1 microsecond'`,
        })
        .where(eq(tasks.taskId, `same-ms${i}`));
    }
    await put(u, "twin-a", { createdAt: minute(10) });
    await put(u, "twin-b", { createdAt: minute(10) });
    const expected = await ids(u);
    expect(expected).toHaveLength(21);

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let read = 0; read < 20; read++) {
      const got = await page(u, { limit: "3", ...(cursor && { cursor }) });
      seen.push(...got.rows.map((r) => r.taskId));
      // A new task before every next read: it lands above the first page, not in a later one.
      await put(u, `new${read}`);
      if (!got.nextCursor) break;
      cursor = got.nextCursor;
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("says there is no next page exactly on the last one", async () => {
    const u = await fixtureUser(db);
    for (let i = 0; i < 4; i++) await put(u, `t${i}`, { createdAt: minute(i) });
    const first = await page(u, { limit: "2" });
    expect(first.nextCursor).not.toBeNull();
    const second = await page(u, { limit: "2", cursor: first.nextCursor! });
    expect(second.rows.map((r) => r.taskId)).toEqual(["t1", "t0"]);
    expect(second.nextCursor).toBeNull();
    expect((await page(u, { limit: "4" })).nextCursor).toBeNull();
  });

  it("lists a finished task whose outputs are still being copied as in progress, not success", async () => {
    const u = await fixtureUser(db);
    const file = { url: "https://cdn.example.com/a.png", contentType: "image/png", bytes: 1 };
    await put(u, "saving", { createdAt: minute(3), extra: { mirrorState: "pending" } });
    await put(u, "retrying", {
      createdAt: minute(2),
      extra: { mirrorState: "pending", outputs: [{ ...file, file: null, error: "network" }] },
    });
    await put(u, "copied", {
      createdAt: minute(1),
      extra: { mirrorState: "done", outputs: [{ ...file, file: "tok_a" }] },
    });
    await put(u, "plain", { createdAt: minute(0) });
    expect(await ids(u, { status: "IN_PROGRESS" })).toEqual(["saving"]);
    expect(await ids(u, { status: "SUCCESS" })).toEqual(["retrying", "copied", "plain"]);
    expect(await ids(u)).toEqual(["saving", "retrying", "copied", "plain"]);
  });

  it("filters by kind, model, status, favourite and dates; they combine", async () => {
    const u = await fixtureUser(db);
    await put(u, "img", { model: "flux-2", createdAt: "2026-11-02T23:30:00Z", favorite: true });
    await put(u, "vid", { model: "kling-3", createdAt: "2026-11-03T00:00:00Z", status: "FAILED" });
    await put(u, "song", { model: "suno", createdAt: "2026-11-03T10:00:00Z" });
    await put(u, "tool", {
      model: "bg-remover",
      createdAt: "2026-11-04T00:00:00Z",
      favorite: true,
    });
    await put(u, "creating", {
      model: "flux-2",
      createdAt: "2026-11-05T00:00:00Z",
      status: "SUBMITTING",
    });
    await put(u, "running", {
      model: "flux-2",
      createdAt: "2026-11-06T00:00:00Z",
      status: "IN_PROGRESS",
    });

    expect(await ids(u, { kind: "image" })).toEqual(["running", "creating", "img"]);
    expect(await ids(u, { kind: "tool" })).toEqual(["tool"]);
    expect(await ids(u, { kind: "music" })).toEqual(["song"]);
    expect(await ids(u, { model: "kling-3" })).toEqual(["vid"]);
    expect(await ids(u, { status: "FAILED" })).toEqual(["vid"]);
    expect(await ids(u, { status: "IN_PROGRESS" })).toEqual(["running", "creating"]);
    expect(await ids(u, { favorite: "true" })).toEqual(["tool", "img"]);
    expect(await ids(u, { favorite: "false" })).toEqual(["running", "creating", "song", "vid"]);
    // A bare date is midnight UTC; since is inclusive, until exclusive.
    expect(await ids(u, { since: "2026-11-03", until: "2026-11-04" })).toEqual(["song", "vid"]);
    expect(await ids(u, { until: "2026-11-03T01:00:00+01:00" })).toEqual(["img"]);
    expect(await ids(u, { kind: "image", favorite: "true" })).toEqual(["img"]);
    expect(await ids(u, { kind: "video", route: "images" })).toEqual([]);
    expect(await ids(u, { output: "audio" })).toEqual(["song"]);
  });

  it("finds words as prefixes in prompts, titles, lyrics and dialogue, any case, every word", async () => {
    const u = await fixtureUser(db);
    const other = await fixtureUser(db);
    await put(u, "fox", { body: { model: "flux-2", prompt: "A red Fox, in the snow" } });
    await put(u, "titled", {
      title: "Foxglove study",
      body: { model: "flux-2", prompt: "flowers" },
    });
    await put(u, "talk", {
      model: "elevenlabs-v3",
      body: {
        model: "elevenlabs-v3",
        dialogue: [{ text: "Hello there" }, { text: "the fox said" }],
      },
    });
    await put(u, "song", {
      model: "suno",
      body: { model: "V4_5", prompt: "lyrics about a river", style: "folk", title: "Red River" },
    });
    await put(u, "cat", { body: { model: "flux-2", prompt: "a cat", negative_prompt: "fox" } });
    await put(other, "not-mine", { body: { model: "flux-2", prompt: "a fox" } });

    expect(await ids(u, { q: "fox" })).toEqual(["talk", "titled", "fox"]);
    expect(await ids(u, { q: "FOX" })).toEqual(["talk", "titled", "fox"]);
    expect(await ids(u, { q: "fo" })).toEqual(["song", "talk", "titled", "fox"]);
    expect(await ids(u, { q: "red fox" })).toEqual(["fox"]);
    expect(await ids(u, { q: "red" })).toEqual(["song", "fox"]);
    expect(await ids(u, { q: "folk" })).toEqual(["song"]);
    expect(await ids(u, { q: "glove" })).toEqual([]);
    // tsquery's own syntax is only a separator here, never an error.
    expect(await ids(u, { q: "fox & !red | (snow):*" })).toEqual(["fox"]);
    // Nothing searchable in it: nothing found, not every task.
    for (const q of ["' & | !", "!!!", "🦊"]) expect(await ids(u, { q })).toEqual([]);
    expect(await ids(u, { q: "" })).toHaveLength(5);
  });

  it("keeps combining marks inside words: a Hindi word is one word", async () => {
    const u = await fixtureUser(db);
    await put(u, "hindi", { body: { model: "flux-2", prompt: "नमस्ते दुनिया, सूर्योदय" } });
    await put(u, "other", { body: { model: "flux-2", prompt: "नमक" } });
    expect(await ids(u, { q: "नमस्ते" })).toEqual(["hindi"]);
    expect(await ids(u, { q: "सूर्यो" })).toEqual(["hindi"]);
    expect(await ids(u, { q: "नम" })).toEqual(["other", "hindi"]);
  });

  it("finds old matches behind thousands of newer tasks, and pages a word one task in sixty has", async () => {
    const u = await fixtureUser(db);
    await put(u, "old-fox", {
      createdAt: "2025-01-01T00:00:00Z",
      body: { prompt: "an old fox" },
    });
    await db.execute(sql`
      insert into tasks (user_id, task_id, route, model_slug, request, status, upstream_mode,
        key_fingerprint, created_at, search_text)
      select ${u}::uuid, 'filler' || g, 'images', 'flux-2', '{}'::jsonb, 'SUCCESS', 'user-key',
        '0123456789abcdef', now() - g * interval '1 second',
        'a quiet morning' || case when g % 60 = 0 then ' lantern' else '' end
      from generate_series(1, 8100) g`);
    expect(await ids(u, { q: "fox" })).toEqual(["old-fox"]);
    const paged = await page(u, { q: "quiet", limit: "3" });
    expect(paged.rows.map((r) => r.taskId)).toEqual(["filler1", "filler2", "filler3"]);
    // One task in sixty: a page needs the newest 1,200 or so.
    const lanterns = await page(u, { q: "lantern" });
    expect(lanterns.rows.map((r) => r.taskId)).toEqual(
      Array.from({ length: 20 }, (_, i) => `filler${60 * (i + 1)}`),
    );
    const next = await page(u, { q: "lantern", cursor: lanterns.nextCursor! });
    expect(next.rows[0]?.taskId).toBe("filler1260");
  });
});
