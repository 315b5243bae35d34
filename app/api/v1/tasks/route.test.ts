// GET /api/v1/tasks shows the user's tasks exactly as the database holds them — the tracker keeps
// them current — and never asks the upstream anything, however many people read how often.
// Called as Next would call it, authenticated by app tokens, against the simulator.
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { taskListReplySchema } from "@/lib/schemas/tasks";
import { tasks, type NewTaskRow } from "@/lib/server/db/schema";
import { createTaskForUser } from "@/lib/server/tasks/create-task";
import { findTask } from "@/lib/server/tasks/task-repository";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness, withEnv } from "@/lib/testing/server-harness";
import { GET } from "./route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

const statusGets = "GET /tasks/{task_id}";
const fox = { model: "flux-2", prompt: "a red fox in the snow" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function list(u: TestUser | null, query = "") {
  const req = new Request(`http://localhost:3000/api/v1/tasks${query}`, {
    headers: u ? { authorization: `Bearer ${u.token}` } : {},
  });
  return GET(req, { params: Promise.resolve({}) });
}

async function listed(u: TestUser, query = "") {
  const res = await list(u, query);
  expect(res.status).toBe(200);
  return taskListReplySchema.parse(await res.json()).tasks;
}

async function create(u: TestUser, prompt = fox.prompt) {
  const { reply } = await createTaskForUser(h().opened.db, u.user, "images", { ...fox, prompt });
  return reply.data.task_id;
}

/** Sets columns on one of the user's tasks, as the tracker would have. */
async function storeState(u: TestUser, taskId: string, changes: Partial<NewTaskRow>) {
  await h().opened.db.update(tasks).set(changes).where(eq(tasks.taskId, taskId));
  return (await findTask(h().opened.db, u.user.id, taskId))!;
}

describe("GET /api/v1/tasks", () => {
  it("shows the stored state and asks the upstream nothing, even once the upstream has finished", async () => {
    const u = await h().makeUser();
    const ids = [await create(u, "a red fox 1"), await create(u, "a red fox 2")];
    // The simulator finishes flux-2 in 30–150 ms: long done upstream, not yet checked by us.
    await sleep(300);
    for (let read = 0; read < 5; read++) {
      const items = await listed(u);
      expect(items.map((t) => [t.task_id, t.status])).toEqual([
        [ids[1], "IN_PROGRESS"],
        [ids[0], "IN_PROGRESS"],
      ]);
    }
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
    const [newest] = await listed(u);
    const row = (await findTask(h().opened.db, u.user.id, ids[1]!))!;
    expect(newest).toMatchObject({
      response: [],
      original_response: [],
      consumed_credits: null,
      prompt_preview: "a red fox 2",
      tracking: { state: "scheduled", next_check_at: row.nextCheckAt!.toISOString(), note: null },
    });
  });

  it("shows each task's tracking state, next check and note as the tracker stored them", async () => {
    const u = await h().makeUser();
    const [waiting, timedOut, unavailable, succeeded, failed] = [
      await create(u, "waiting"),
      await create(u, "timed out"),
      await create(u, "unavailable"),
      await create(u, "succeeded"),
      await create(u, "failed"),
    ];
    const next = new Date(Date.now() + 61_000);
    await storeState(u, waiting!, {
      trackingState: "waiting",
      trackingNote: "Waiting for a free request within this API key's rate limit.",
      nextCheckAt: next,
    });
    await storeState(u, timedOut!, {
      trackingState: "timed_out",
      trackingNote: "Timed out: check again.",
      nextCheckAt: null,
    });
    await storeState(u, unavailable!, {
      trackingState: "unavailable",
      trackingNote: "Waiting: the API key is gone.",
    });
    await storeState(u, succeeded!, {
      status: "SUCCESS",
      response: ["https://cdn.example.com/fox.png"],
      consumedCredits: 4,
      trackingState: "done",
      nextCheckAt: null,
    });
    await storeState(u, failed!, {
      status: "FAILED",
      errorMessage: "The provider rejected this job",
      consumedCredits: 0,
      trackingState: "done",
      nextCheckAt: null,
    });
    const byId = new Map((await listed(u)).map((t) => [t.task_id, t]));
    expect(byId.get(waiting!)).toMatchObject({
      status: "IN_PROGRESS",
      tracking: {
        state: "waiting",
        next_check_at: next.toISOString(),
        note: "Waiting for a free request within this API key's rate limit.",
      },
    });
    expect(byId.get(timedOut!)?.tracking).toEqual({
      state: "timed_out",
      next_check_at: null,
      note: "Timed out: check again.",
    });
    expect(byId.get(unavailable!)?.tracking).toMatchObject({
      state: "unavailable",
      note: "Waiting: the API key is gone.",
    });
    expect(byId.get(succeeded!)).toMatchObject({
      status: "SUCCESS",
      response: ["https://cdn.example.com/fox.png"],
      consumed_credits: 4,
      tracking: { state: "done", next_check_at: null, note: null },
    });
    expect(byId.get(failed!)).toMatchObject({
      status: "FAILED",
      error_message: "The provider rejected this job",
      tracking: { state: "done", next_check_at: null },
    });
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
  });

  it("serves our stored copies of the outputs at the Studio's own address, and keeps the upstream's", async () => {
    const u = await h().makeUser();
    const id = await create(u);
    const upstream = ["https://cdn.example.com/0.png", "https://cdn.example.com/1.png"];
    await storeState(u, id, {
      status: "SUCCESS",
      response: upstream,
      trackingState: "done",
      nextCheckAt: null,
      mirrorState: "failed",
      outputs: [
        { url: upstream[0]!, file: "f_0", contentType: "image/png", bytes: 100 },
        { url: upstream[1]!, file: null, contentType: null, bytes: null, error: "too_large" },
      ],
    });
    const [item] = await listed(u);
    expect(item).toMatchObject({
      response: ["http://localhost:3000/files/f_0", upstream[1]],
      original_response: upstream,
    });
    await withEnv({ PUBLIC_URL: "https://studio.example.com" }, async () => {
      const [behindProxy] = await listed(u);
      expect(behindProxy?.response[0]).toBe("https://studio.example.com/files/f_0");
    });
  });

  it("shows a task still being created as submitting", async () => {
    const u = await h().makeUser();
    const id = await create(u);
    await storeState(u, id, { status: "SUBMITTING", trackingState: "scheduled" });
    const [item] = await listed(u);
    expect(item).toMatchObject({
      status: "IN_PROGRESS",
      tracking: { state: "submitting", next_check_at: null },
    });
  });

  it("filters on the stored status: a task the tracker finished drops out of ?status=IN_PROGRESS", async () => {
    const u = await h().makeUser();
    const [done, running] = [await create(u, "done"), await create(u, "running")];
    await storeState(u, done!, { status: "SUCCESS", trackingState: "done", nextCheckAt: null });
    expect((await listed(u, "?status=IN_PROGRESS")).map((t) => t.task_id)).toEqual([running]);
    expect((await listed(u, "?status=SUCCESS")).map((t) => t.task_id)).toEqual([done]);
    expect(await listed(u, "?route=videos")).toEqual([]);
    expect((await listed(u, "?limit=1")).map((t) => t.task_id)).toEqual([running]);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
  });

  it("lists only the caller's own tasks", async () => {
    const a = await h().makeUser();
    const b = await h().makeUser();
    const mine = await create(a);
    await create(b);
    expect((await listed(a)).map((t) => t.task_id)).toEqual([mine]);
    const rows = await h()
      .opened.db.select()
      .from(tasks)
      .where(inArray(tasks.userId, [a.user.id, b.user.id]));
    expect(rows).toHaveLength(2);
  });

  it("401 without a session or token; 400 for a bad filter", async () => {
    expect((await list(null)).status).toBe(401);
    const u = await h().makeUser();
    const res = await list(u, "?status=DONE");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe("status");
  });
});
