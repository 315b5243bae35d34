// GET /api/v1/tasks keeps its unfinished tasks moving: called as Next would call it, against the
// simulator, authenticated by app tokens.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { taskListReplySchema } from "@/lib/schemas/tasks";
import { listRefreshLimit, listRefreshWaitMs } from "@/lib/server/tasks/refresh-task";
import { createStoredTask } from "@/lib/server/tasks/task-fixtures";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { resolveUpstreamTarget, type UpstreamTarget } from "@/lib/server/upstream-target";
import { setupTaskHarness, withEnv } from "@/lib/testing/server-harness";
import { GET } from "./route";

const h = setupTaskHarness();

const statusGets = "GET /tasks/{task_id}";
const fox = { model: "flux-2", prompt: "a red fox in the snow" };

async function list(u: TestUser, query = "") {
  const req = new Request(`http://localhost:3000/api/v1/tasks${query}`, {
    headers: { authorization: `Bearer ${u.token}` },
  });
  const res = await GET(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return taskListReplySchema.parse(await res.json()).tasks;
}

async function created(u: TestUser, target?: UpstreamTarget) {
  const row = await createStoredTask(
    h().opened.db,
    u.user.id,
    target ?? (await resolveUpstreamTarget(u.user.id)),
    fox,
  );
  return row.taskId;
}

/** Lets the refresh throttle pass for all of the user's tasks. */
async function ageAll(u: TestUser) {
  await h().opened.db.execute(
    sql`update tasks set checked_at = now() - interval '4 seconds' where user_id = ${u.user.id}`,
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("GET /api/v1/tasks refreshes unfinished tasks", () => {
  it("shows SUCCESS, outputs and credits once the simulator has finished the task", async () => {
    const u = await h().makeUser();
    const id = await created(u);
    expect((await list(u)).map((t) => t.status)).toEqual(["IN_PROGRESS"]);
    await sleep(200);
    await ageAll(u);
    const [task] = await list(u);
    expect(task).toMatchObject({ task_id: id, status: "SUCCESS", error_message: null });
    expect(task?.response).toHaveLength(1);
    expect(task?.consumed_credits).toBeGreaterThan(0);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
  });

  it("asks about at most ten tasks per read, the newest first", async () => {
    const u = await h().makeUser();
    const ids: string[] = [];
    for (let i = 0; i < listRefreshLimit + 2; i++) ids.push(await created(u));
    await sleep(200);
    await ageAll(u);
    const tasks = await list(u);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(listRefreshLimit);
    expect(tasks.filter((t) => t.status === "SUCCESS")).toHaveLength(listRefreshLimit);
    // The two oldest wait for a later read.
    expect(tasks.slice(-2).map((t) => [t.task_id, t.status])).toEqual([
      [ids[1], "IN_PROGRESS"],
      [ids[0], "IN_PROGRESS"],
    ]);
  });

  it("keeps to ?status=IN_PROGRESS: a task that has just finished drops out", async () => {
    const u = await h().makeUser();
    await created(u);
    await sleep(200);
    await ageAll(u);
    expect(await list(u, "?status=IN_PROGRESS")).toEqual([]);
    expect((await list(u)).map((t) => t.status)).toEqual(["SUCCESS"]);
  });

  it("answers with the stored state within the wait when the upstream does not answer", async () => {
    const u = await h().makeUser();
    const target = await resolveUpstreamTarget(u.user.id);
    const id = await created(u, target);
    const silent = http.createServer(() => {
      // Never answers: the status lookup hangs until its own budget runs out.
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      await ageAll(u);
      const started = performance.now();
      const tasks = await withEnv({ AIO_BASE_URL: `http://127.0.0.1:${port}/api/v1` }, () =>
        list(u),
      );
      const took = performance.now() - started;
      expect(tasks.map((t) => [t.task_id, t.status])).toEqual([[id, "IN_PROGRESS"]]);
      expect(took).toBeGreaterThanOrEqual(listRefreshWaitMs - 50);
      expect(took).toBeLessThan(listRefreshWaitMs + 1000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
