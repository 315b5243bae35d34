import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RouteId } from "@/lib/catalog";
import { saveUserApiKey } from "@/lib/server/accounts/vault";
import { uniqueKey } from "@/lib/simulator/test-support";
import { createTaskForUser } from "./create-task";
import { refreshTask } from "./refresh-task";
import { getTaskOrThrow } from "./task-repository";
import { startTaskHarness, testVaultKey, type TaskHarness, type TestUser } from "./test-harness";

let h: TaskHarness;

vi.mock("@/lib/server/db", () => ({ getDb: () => Promise.resolve(h.opened.db) }));
vi.mock("@/lib/env", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/env")>();
  return { getEnv: (source?: Record<string, string>) => (source ? real.getEnv(source) : h.env) };
});
vi.mock("@/lib/server/secrets", () => ({
  getSecrets: () => ({ vaultKey: testVaultKey, authSecret: "x" }),
}));
vi.mock("@/lib/server/logger", () => ({
  logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
}));

beforeAll(async () => {
  h = await startTaskHarness({ speed: 100 });
});
afterAll(() => h?.close());

const statusGets = "GET /tasks/{task_id}";

async function created(u: TestUser, body: Record<string, unknown>, route: RouteId = "images") {
  const { reply } = await createTaskForUser(h.opened.db, u.user, route, body);
  return getTaskOrThrow(h.opened.db, u.user.id, reply.data.task_id);
}

/** Pretends the last upstream contact was `ms` ago. */
async function age(taskId: string, ms: number) {
  await h.opened.db.execute(
    sql`update tasks set checked_at = now() - ${ms} * interval '1 millisecond' where task_id = ${taskId}`,
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("refreshTask", () => {
  it("asks nobody within 3 s of the last contact (creation counts)", async () => {
    const u = await h.makeUser();
    const task = await created(u, { model: "flux-2", prompt: "a red fox" });
    await sleep(200);
    const same = await refreshTask(task);
    expect(same.status).toBe("IN_PROGRESS");
    expect(await h.count(u.upstreamKey, statusGets)).toBe(0);
  });

  it("updates status, outputs and credits once the interval has passed", async () => {
    const u = await h.makeUser();
    const task = await created(u, { model: "flux-2", prompt: "a red fox" });
    await sleep(200);
    await age(task.taskId, 3100);
    const done = await refreshTask(task);
    expect(done.status).toBe("SUCCESS");
    expect(done.response.length).toBeGreaterThan(0);
    expect(done.response[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
    expect(done.consumedCredits).toBeGreaterThan(0);
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(await h.count(u.upstreamKey, statusGets)).toBe(1);
    // Final: never asked again.
    await age(task.taskId, 10_000);
    expect((await refreshTask(done)).status).toBe("SUCCESS");
    expect(await h.count(u.upstreamKey, statusGets)).toBe(1);
  });

  it("calls the upstream at most once per interval, also for concurrent readers", async () => {
    const u = await h.makeUser();
    // kling-3 takes 60–180 s, ×10 slow, ÷100 speed: still running throughout this test.
    const task = await created(u, { model: "kling-3", prompt: "a slow fox [sim:slow]" }, "videos");
    await age(task.taskId, 3100);
    const reads = await Promise.all(Array.from({ length: 4 }, () => refreshTask(task)));
    expect(reads.every((t) => t.status === "IN_PROGRESS")).toBe(true);
    expect(await refreshTask(task)).toMatchObject({ status: "IN_PROGRESS" });
    expect(await h.count(u.upstreamKey, statusGets)).toBe(1);
    await age(task.taskId, 3100);
    await refreshTask(task);
    expect(await h.count(u.upstreamKey, statusGets)).toBe(2);
  });

  it("records a FAILED task with the upstream's message", async () => {
    const u = await h.makeUser();
    const task = await created(u, { model: "flux-2", prompt: "a doomed fox [sim:fail]" });
    await sleep(300);
    await age(task.taskId, 3100);
    const failed = await refreshTask(task);
    expect(failed.status).toBe("FAILED");
    expect(failed.errorMessage).toEqual(expect.any(String));
  });

  it("asks with the key the task was created with, even after the user adds their own", async () => {
    const u = await h.makeUser({ key: null });
    const task = await created(u, { model: "flux-2", prompt: "a red fox" });
    const own = uniqueKey();
    await saveUserApiKey(h.opened.db, testVaultKey, u.user.id, own, { verified: true });
    await sleep(200);
    await age(task.taskId, 3100);
    expect((await refreshTask(task)).status).toBe("SUCCESS");
    expect(await h.count(h.serverKey, statusGets)).toBeGreaterThanOrEqual(1);
    expect(await h.count(own, statusGets)).toBe(0);
  });

  it("keeps the stored state when the upstream cannot answer", async () => {
    const u = await h.makeUser();
    const task = await created(u, { model: "flux-2", prompt: "a red fox" });
    await saveUserApiKey(h.opened.db, testVaultKey, u.user.id, "aio_revoked_later", {
      verified: true,
    });
    await age(task.taskId, 3100);
    const kept = await refreshTask(task);
    expect(kept.status).toBe("IN_PROGRESS");
  });
});
