// Migration 0004 (the library) on a database that already has tasks: their search words are
// filled from the stored requests, so last month's fox is found like a new one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { StudioPGlite } from "./open";

const folder = path.join(process.cwd(), "drizzle");
const before = fs.mkdtempSync(path.join(os.tmpdir(), "studio-migrations-"));
afterAll(() => fs.rmSync(before, { recursive: true, force: true }));

/** The migrations folder as it was before 0004. */
function migrationsBeforeLibrary(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  journal.entries = journal.entries.filter((e) => e.idx < 4);
  fs.mkdirSync(path.join(before, "meta"), { recursive: true });
  fs.writeFileSync(path.join(before, "meta/_journal.json"), JSON.stringify(journal));
  for (const entry of journal.entries) {
    fs.copyFileSync(path.join(folder, `${entry.tag}.sql`), path.join(before, `${entry.tag}.sql`));
  }
  return before;
}

describe("migration 0004_library", { timeout: 90_000 }, () => {
  it("fills the search words of existing tasks from their requests", async () => {
    const client = new StudioPGlite();
    const db = drizzle(client);
    try {
      await migrate(db, { migrationsFolder: migrationsBeforeLibrary() });
      await db.execute(sql`insert into users (id, email) values
        ('00000000-0000-4000-8000-000000000001', 'old@example.test')`);
      const requests = {
        image: { model: "flux-2", prompt: " A red fox ", negative_prompt: "blurry" },
        song: {
          model: "V4_5",
          gpt_description_prompt: "sea shanty",
          title: "Harbour",
          style: "folk",
        },
        talk: { model: "elevenlabs-v3", dialogue: [{ text: "Hello" }, { text: "fox trot" }, "x"] },
        shots: { model: "kling-3", multi_prompt: [{ prompt: "wide shot" }, { prompt: 4 }] },
        tool: { image_url: "https://x/a.png" },
      };
      for (const [taskId, request] of Object.entries(requests)) {
        await db.execute(sql`insert into tasks (user_id, task_id, route, model_slug, request,
          status, upstream_mode, key_fingerprint) values
          ('00000000-0000-4000-8000-000000000001', ${taskId}, 'images', 'flux-2',
          ${JSON.stringify(request)}::jsonb, 'SUCCESS', 'user-key', '0123456789abcdef')`);
      }
      await migrate(db, { migrationsFolder: folder });
      const { rows } = await client.query<{ task_id: string; search_text: string | null }>(
        "select task_id, search_text from tasks order by task_id",
      );
      expect(Object.fromEntries(rows.map((r) => [r.task_id, r.search_text]))).toEqual({
        image: "A red fox",
        song: "sea shanty\nHarbour\nfolk",
        talk: "Hello\nfox trot",
        shots: "wide shot",
        tool: null,
      });
      const found = await client.query<{ task_id: string }>(
        "select task_id from tasks where search_vector @@ to_tsquery('simple', 'fox:*') order by task_id",
      );
      expect(found.rows.map((r) => r.task_id)).toEqual(["image", "talk"]);
    } finally {
      await client.close();
    }
  });
});
