import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { RouteId } from "@/lib/catalog";
import { deleteUserApiKey, saveUserApiKey } from "@/lib/server/accounts/vault";
import type { RunningSimulator } from "@/lib/simulator";
import { uniqueKey } from "@/lib/simulator/test-support";
import { demoTarget, getDemoSimulator, resolveUpstreamTarget } from "@/lib/server/upstream-target";
import {
  abandonAfterMs,
  forgottenDemoMessage,
  forgottenMessage,
  keyChangedMessage,
  refreshTask,
} from "./refresh-task";
import { createStoredTask, storeTask, unknownTaskId } from "./task-fixtures";
import { getTaskOrThrow, type TaskRow } from "./task-repository";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { testVaultKey, type TestUser } from "./test-harness";

// Demo mode's embedded simulator runs as fast as the harness's one.
const h = setupTaskHarness({ speed: 100, env: { DEMO_SIM_SPEED: "100" } });

let demoSim: RunningSimulator | undefined;

afterAll(async () => {
  await demoSim?.close();
});

const statusGets = "GET /tasks/{task_id}";

/** A task created for real with the user's current key, as the task routes would create it. */
async function created(u: TestUser, body: Record<string, unknown>, route: RouteId = "images") {
  const target = await resolveUpstreamTarget(u.user.id);
  return createStoredTask(h().opened.db, u.user.id, target, body, route);
}

/** Pretends the last upstream contact was `ms` ago. */
async function age(taskId: string, ms: number) {
  await h().opened.db.execute(
    sql`update tasks set checked_at = now() - ${ms} * interval '1 millisecond' where task_id = ${taskId}`,
  );
}

/** Pretends the task was created `ms` ago (and last asked about as long ago); the row as stored. */
async function createdAgo(task: TaskRow, ms: number) {
  await h().opened.db.execute(
    sql`update tasks set created_at = now() - ${ms} * interval '1 millisecond' where id = ${task.id}`,
  );
  await age(task.taskId, ms);
  return getTaskOrThrow(h().opened.db, task.userId, task.taskId);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("refreshTask", () => {
  it("asks nobody within 3 s of the last contact (creation counts)", async () => {
    const u = await h().makeUser();
    const task = await created(u, { model: "flux-2", prompt: "a red fox" });
    await sleep(200);
    const same = await refreshTask(task);
    expect(same.status).toBe("IN_PROGRESS");
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
  });

  it("updates status, outputs and credits once the interval has passed", async () => {
    const u = await h().makeUser();
    const task = await created(u, { model: "flux-2", prompt: "a red fox" });
    await sleep(200);
    await age(task.taskId, 3100);
    const done = await refreshTask(task);
    expect(done.status).toBe("SUCCESS");
    expect(done.response.length).toBeGreaterThan(0);
    expect(done.response[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
    expect(done.consumedCredits).toBeGreaterThan(0);
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
    // Final: never asked again.
    await age(task.taskId, 10_000);
    expect((await refreshTask(done)).status).toBe("SUCCESS");
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
  });

  it("calls the upstream at most once per interval, also for concurrent readers", async () => {
    const u = await h().makeUser();
    // kling-3 takes 60–180 s, ×10 slow, ÷100 speed: still running throughout this test.
    const task = await created(u, { model: "kling-3", prompt: "a slow fox [sim:slow]" }, "videos");
    await age(task.taskId, 3100);
    const reads = await Promise.all(Array.from({ length: 4 }, () => refreshTask(task)));
    expect(reads.every((t) => t.status === "IN_PROGRESS")).toBe(true);
    expect(await refreshTask(task)).toMatchObject({ status: "IN_PROGRESS" });
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
    await age(task.taskId, 3100);
    await refreshTask(task);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(2);
  });

  it("records a FAILED task with the upstream's message", async () => {
    const u = await h().makeUser();
    const task = await created(u, { model: "flux-2", prompt: "a doomed fox [sim:fail]" });
    await sleep(300);
    await age(task.taskId, 3100);
    const failed = await refreshTask(task);
    expect(failed.status).toBe("FAILED");
    expect(failed.errorMessage).toEqual(expect.any(String));
  });

  it("asks with the key the task was created with, even after the user adds their own", async () => {
    const u = await h().makeUser({ key: null });
    const task = await created(u, { model: "flux-2", prompt: "a red fox" });
    const own = uniqueKey();
    await saveUserApiKey(h().opened.db, testVaultKey, u.user.id, own, { verified: true });
    await sleep(200);
    await age(task.taskId, 3100);
    expect((await refreshTask(task)).status).toBe("SUCCESS");
    expect(await h().count(h().serverKey, statusGets)).toBeGreaterThanOrEqual(1);
    expect(await h().count(own, statusGets)).toBe(0);
  });

  it("keeps the stored state when the upstream cannot answer", async () => {
    const u = await h().makeUser();
    const task = await created(u, { model: "flux-2", prompt: "a red fox" });
    await saveUserApiKey(h().opened.db, testVaultKey, u.user.id, "aio_revoked_later", {
      verified: true,
    });
    await age(task.taskId, 3100);
    const kept = await refreshTask(task);
    expect(kept.status).toBe("IN_PROGRESS");
    expect(kept.completedAt).toBeNull();
    expect(kept.errorMessage).toBeNull();
  });
});

describe("refreshTask when the upstream answers 404", () => {
  it("fails a task its own key's upstream no longer knows, and stops asking", async () => {
    const u = await h().makeUser();
    const task = await storeTask(h().opened.db, {
      userId: u.user.id,
      taskId: unknownTaskId(),
      target: { mode: "user-key", apiKey: u.upstreamKey },
    });
    await age(task.taskId, 3100);
    const failed = await refreshTask(task);
    expect(failed).toMatchObject({ status: "FAILED", errorMessage: forgottenMessage });
    expect(failed.completedAt).toBeInstanceOf(Date);
    expect(await getTaskOrThrow(h().opened.db, u.user.id, task.taskId)).toMatchObject({
      status: "FAILED",
    });
    await age(task.taskId, 10_000);
    await refreshTask(failed);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
  });

  it("keeps a task a changed key cannot see until it is a day old, then fails it", async () => {
    const u = await h().makeUser();
    const task = await created(u, { model: "kling-3", prompt: "a slow fox [sim:slow]" }, "videos");
    const replacement = uniqueKey();
    await saveUserApiKey(h().opened.db, testVaultKey, u.user.id, replacement, { verified: true });
    await age(task.taskId, 3100);
    // The simulator hides one key's tasks from another: the 404 is ours, not the upstream's.
    const kept = await refreshTask(task);
    expect(kept).toMatchObject({ status: "IN_PROGRESS", errorMessage: null, completedAt: null });
    expect(await h().count(replacement, statusGets)).toBe(1);

    const old = await createdAgo(task, abandonAfterMs + 60_000);
    const failed = await refreshTask(old);
    expect(failed).toMatchObject({ status: "FAILED", errorMessage: keyChangedMessage });
    expect(failed.completedAt).toBeInstanceOf(Date);
    expect(await h().count(replacement, statusGets)).toBe(2);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
  });

  it("asks no other account about a task whose key was deleted, and gives up after a day", async () => {
    const u = await h().makeUser();
    const task = await created(u, { model: "kling-3", prompt: "a slow fox [sim:slow]" }, "videos");
    await deleteUserApiKey(h().opened.db, u.user.id);
    const serverAsked = await h().count(h().serverKey, statusGets);
    await age(task.taskId, 3100);
    expect(await refreshTask(task)).toMatchObject({ status: "IN_PROGRESS", completedAt: null });

    const old = await createdAgo(task, abandonAfterMs + 60_000);
    const failed = await refreshTask(old);
    expect(failed).toMatchObject({ status: "FAILED", errorMessage: keyChangedMessage });
    // Neither the deleted key nor the server's key was asked: they are not the task's account.
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
    expect(await h().count(h().serverKey, statusGets)).toBe(serverAsked);
  });

  it("keeps a task on other upstream errors (a revoked key answers 401), however old", async () => {
    const u = await h().makeUser({ key: "aio_revoked_" + uniqueKey().slice(4) });
    const task = await storeTask(h().opened.db, {
      userId: u.user.id,
      taskId: unknownTaskId(),
      target: { mode: "user-key", apiKey: u.upstreamKey },
    });
    const kept = await refreshTask(await createdAgo(task, abandonAfterMs + 60_000));
    expect(kept).toMatchObject({ status: "IN_PROGRESS", errorMessage: null, completedAt: null });
  });
});

describe("refreshTask for a task created in demo mode", () => {
  it("asks the embedded demo simulator, even after the user saved their own key", async () => {
    const u = await h().makeUser();
    demoSim = await getDemoSimulator();
    const task = await createStoredTask(h().opened.db, u.user.id, await demoTarget());
    expect(task.upstreamMode).toBe("demo");
    await sleep(200);
    await age(task.taskId, 3100);
    const done = await refreshTask(task);
    expect(done.status).toBe("SUCCESS");
    expect(done.response[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
    // The real upstream (here the harness's simulator) was never asked about a demo task.
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
  });

  it("fails a demo task the embedded simulator no longer knows (it restarts empty)", async () => {
    const u = await h().makeUser({ key: null });
    demoSim = await getDemoSimulator();
    const serverAsked = await h().count(h().serverKey, statusGets);
    const task = await storeTask(h().opened.db, {
      userId: u.user.id,
      taskId: unknownTaskId(),
      target: await demoTarget(),
    });
    await age(task.taskId, 3100);
    const failed = await refreshTask(task);
    expect(failed).toMatchObject({ status: "FAILED", errorMessage: forgottenDemoMessage });
    expect(await h().count(h().serverKey, statusGets)).toBe(serverAsked);
  });
});
