// POST /api/v1/tasks/{task_id}/check — "check again", called as Next would call it: only the
// owner may ask, the answer comes at once (202) and the tracker does the asking.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { taskListItemSchema } from "@/lib/schemas/tasks";
import { tasks } from "@/lib/server/db/schema";
import { createTaskForUser } from "@/lib/server/tasks/create-task";
import { findTask } from "@/lib/server/tasks/task-repository";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { startTracker, type Tracker } from "@/lib/server/tracker/tracker";
import { checkAgain } from "@/lib/testing/check-again";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { timeOutTask } from "@/lib/testing/time-out-task";
import { until } from "@/lib/testing/until";
import { GET } from "./route";

const h = setupTaskHarness({ env: { TRACKER_SPEED: "1", MIRROR_OUTPUTS: "0" } });
const fox = { model: "flux-2", prompt: "a red fox in the snow" };
const statusGets = "GET /tasks/{task_id}";

let tracker: Tracker | undefined;
afterEach(async () => {
  await tracker?.stop();
  tracker = undefined;
  await h().opened.db.update(tasks).set({ nextCheckAt: null });
});

async function create(u: TestUser) {
  const { reply } = await createTaskForUser(h().opened.db, u.user, "images", fox);
  return reply.data.task_id;
}

const row = async (u: TestUser, id: string) => (await findTask(h().opened.db, u.user.id, id))!;

describe("POST /api/v1/tasks/{task_id}/check", () => {
  it("202: the owner's timed-out task is due now, for a fresh ceiling, and shown so at once", async () => {
    const u = await h().makeUser();
    const id = await create(u);
    await timeOutTask(h().opened.db, id);
    // Long finished upstream (30–150 ms here) by the time someone presses the button.
    await new Promise((r) => setTimeout(r, 500));
    const res = await checkAgain(u, id);
    expect(res.status).toBe(202);
    const { task } = (await res.json()) as { task: unknown };
    const item = taskListItemSchema.parse(task);
    expect(item).toMatchObject({ task_id: id, status: "IN_PROGRESS" });
    expect(item.tracking).toMatchObject({ state: "scheduled", note: null });
    expect(Date.parse(item.tracking.next_check_at!)).toBeLessThanOrEqual(Date.now());
    const stored = await row(u, id);
    // flux-2's ceiling in real time: 15 minutes from now.
    expect(stored.deadlineAt!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(stored.deadlineAt!.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    // The route itself asks nobody: the tracker does.
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
    tracker = startTracker(h().opened.db, { tickMs: 50 });
    const done = await until(
      () => row(u, id),
      (r) => r.status === "SUCCESS",
    );
    expect(done.status).toBe("SUCCESS");
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
  });

  it("401 without a session or token, and nothing changes", async () => {
    const u = await h().makeUser();
    const id = await create(u);
    await timeOutTask(h().opened.db, id);
    const res = await checkAgain(null, id);
    expect(res.status).toBe(401);
    expect(await row(u, id)).toMatchObject({ trackingState: "timed_out", nextCheckAt: null });
    expect(
      (await checkAgain(null, id, { authorization: "Bearer ais_not_a_real_token" })).status,
    ).toBe(401);
  });

  it("404 for another user's task, as for one that never existed, and nothing changes", async () => {
    const owner = await h().makeUser();
    const other = await h().makeUser();
    const id = await create(owner);
    await timeOutTask(h().opened.db, id);
    const res = await checkAgain(other, id);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("not_found");
    const missing = await checkAgain(other, "sim_never_issued");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as typeof body).error.message).toBe(body.error.message);
    expect(await row(owner, id)).toMatchObject({ trackingState: "timed_out", nextCheckAt: null });
  });

  it("202 with the task as it is for a finished task: nothing to check", async () => {
    const u = await h().makeUser();
    const id = await create(u);
    await h()
      .opened.db.update(tasks)
      .set({
        status: "SUCCESS",
        trackingState: "done",
        nextCheckAt: null,
        response: ["https://cdn.example.com/a.png"],
      })
      .where(eq(tasks.taskId, id));
    const res = await checkAgain(u, id);
    expect(res.status).toBe(202);
    const { task } = (await res.json()) as { task: unknown };
    expect(taskListItemSchema.parse(task)).toMatchObject({
      status: "SUCCESS",
      response: ["https://cdn.example.com/a.png"],
      tracking: { state: "done", next_check_at: null },
    });
    expect((await row(u, id)).nextCheckAt).toBeNull();
  });

  it("takes POST only", async () => {
    const u = await h().makeUser();
    const res = await GET(
      new Request("http://localhost:3000/api/v1/tasks/x/check", {
        headers: { authorization: `Bearer ${u.token}` },
      }),
      { params: Promise.resolve({ task_id: "x" }) },
    );
    expect(res.status).toBe(405);
  });
});
