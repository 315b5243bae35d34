// GET /api/v1/tasks as the library reads it: pages with next_cursor, filters and search words, and
// a 400 naming the parameter for anything it cannot take. Called as Next would call it, with app
// tokens; the query itself is tested on PGlite and Postgres in lib/server/tasks/task-list.test.ts.
import { describe, expect, it } from "vitest";
import { taskListReplySchema } from "@/lib/schemas/tasks";
import { createTaskForUser } from "@/lib/server/tasks/create-task";
import { storeTask } from "@/lib/server/tasks/task-fixtures";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { GET } from "./route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

function list(u: TestUser | null, query: string) {
  const req = new Request(`http://localhost:3000/api/v1/tasks${query}`, {
    headers: u ? { authorization: `Bearer ${u.token}` } : {},
  });
  return GET(req, { params: Promise.resolve({}) });
}

async function listed(u: TestUser, query: string) {
  const res = await list(u, query);
  expect(res.status).toBe(200);
  return taskListReplySchema.parse(await res.json());
}

describe("GET /api/v1/tasks (library)", () => {
  it("reads every task once, page by page, through next_cursor", async () => {
    const u = await h().makeUser();
    const db = h().opened.db;
    for (let i = 0; i < 5; i++) {
      await storeTask(db, {
        userId: u.user.id,
        taskId: `p${i}`,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        body: { model: "flux-2", prompt: `a fox number ${i}` },
        favorite: i % 2 === 0,
        title: i === 4 ? "The best one" : null,
      });
    }
    const first = await listed(u, "?limit=2");
    expect(first.tasks.map((t) => t.task_id)).toEqual(["p4", "p3"]);
    expect(first.tasks[0]).toMatchObject({ kind: "image", favorite: true, title: "The best one" });
    const second = await listed(u, `?limit=2&cursor=${first.next_cursor}`);
    const third = await listed(u, `?limit=2&cursor=${second.next_cursor}`);
    expect([...second.tasks, ...third.tasks].map((t) => t.task_id)).toEqual(["p2", "p1", "p0"]);
    expect(third.next_cursor).toBeNull();
    const foxes = await listed(u, "?q=FOX%20numb&favorite=true&kind=image");
    expect(foxes.tasks.map((t) => t.task_id)).toEqual(["p4", "p2", "p0"]);
  });

  it.each([
    ["cursor", "?cursor=not-a-cursor"],
    ["cursor", `?cursor=${Buffer.from("2026-01-01T00:00:00.000000Z|x").toString("base64url")}`],
    ["kind", "?kind=picture"],
    ["model", "?model=no-such-model"],
    ["since", "?since=last%20week"],
    ["until", "?until=2026-13-45"],
    ["q", "?q=fox%00"],
    ["limit", "?limit=0"],
    ["limit", "?limit=101"],
    ["favorite", "?favorite=yes"],
    ["status", "?status=DONE"],
  ])("400 naming %s for %s", async (param, query) => {
    const u = await h().makeUser();
    const res = await list(u, query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string; param?: string } };
    expect(body.error).toMatchObject({ type: "invalid_request", param });
  });

  it("finds a task created through the API by its prompt", async () => {
    const u = await h().makeUser();
    const { reply } = await createTaskForUser(h().opened.db, u.user, "images", {
      model: "flux-2",
      prompt: "A snowy Vixen at dusk",
    });
    const found = await listed(u, "?q=vix%20DUSK");
    expect(found.tasks.map((t) => t.task_id)).toEqual([reply.data.task_id]);
    expect((await listed(u, "?q=vixens")).tasks).toEqual([]);
  });

  it("401 without a session or token", async () => {
    expect((await list(null, "?kind=image")).status).toBe(401);
  });
});
