// GET /api/v1/tasks/{task_id}: the task in API in One's status shape, from our database only.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { taskStatusReplySchema } from "@/lib/schemas/tasks";
import { tasks } from "@/lib/server/db/schema";
import { createTaskForUser } from "@/lib/server/tasks/create-task";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { GET } from "./route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

const statusGets = "GET /tasks/{task_id}";
const fox = { model: "flux-2", prompt: "a red fox in the snow" };

function read(u: TestUser | null, taskId: string) {
  const req = new Request(`http://localhost:3000/api/v1/tasks/${encodeURIComponent(taskId)}`, {
    headers: u ? { authorization: `Bearer ${u.token}` } : {},
  });
  return GET(req, { params: Promise.resolve({ task_id: taskId }) });
}

async function create(u: TestUser) {
  const { reply } = await createTaskForUser(h().opened.db, u.user, "images", fox);
  return reply.data.task_id;
}

describe("GET /api/v1/tasks/{task_id}", () => {
  it("answers from the database and never asks the upstream, even once the task is done there", async () => {
    const u = await h().makeUser();
    const id = await create(u);
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 5; i++) {
      const res = await read(u, id);
      expect(res.status).toBe(200);
      const reply = taskStatusReplySchema.parse(await res.json());
      expect(reply.data).toMatchObject({
        task_id: id,
        status: "IN_PROGRESS",
        response: [],
        request: fox,
      });
    }
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
  });

  it("shows what the tracker stored: outputs (our copies first), credits and errors", async () => {
    const u = await h().makeUser();
    const ok = await create(u);
    const upstream = "https://cdn.example.com/fox.png";
    await h()
      .opened.db.update(tasks)
      .set({
        status: "SUCCESS",
        response: [upstream],
        consumedCredits: 4,
        outputs: [{ url: upstream, file: "f_fox", contentType: "image/png", bytes: 9 }],
        mirrorState: "done",
      })
      .where(eq(tasks.taskId, ok));
    const reply = taskStatusReplySchema.parse(await (await read(u, ok)).json());
    expect(reply.data).toMatchObject({
      status: "SUCCESS",
      consumed_credits: 4,
      error_message: null,
      response: ["http://localhost:3000/files/f_fox"],
    });

    const bad = await create(u);
    await h()
      .opened.db.update(tasks)
      .set({ status: "FAILED", errorMessage: "The provider rejected this job", consumedCredits: 0 })
      .where(eq(tasks.taskId, bad));
    expect(taskStatusReplySchema.parse(await (await read(u, bad)).json()).data).toMatchObject({
      status: "FAILED",
      error_message: "The provider rejected this job",
      response: [],
    });
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
  });

  it("404 for another user's task, the same as for one that never existed; 401 without auth", async () => {
    const owner = await h().makeUser();
    const other = await h().makeUser();
    const id = await create(owner);
    const theirs = await read(other, id);
    expect(theirs.status).toBe(404);
    const never = await read(other, "sim_never_issued");
    expect(never.status).toBe(404);
    const a = (await theirs.json()) as { error: { message: string } };
    const b = (await never.json()) as { error: { message: string } };
    expect(a.error.message).toBe(b.error.message);
    expect((await read(null, id)).status).toBe(401);
    expect(await h().count(owner.upstreamKey, statusGets)).toBe(0);
  });
});
