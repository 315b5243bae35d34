// The tracker end to end against the simulator: tasks finish with nobody reading, within a few
// status checks each, one check per task at a time; and every reason a task is not finished yet
// (a paused key, a timeout, a removed key) is what its owner sees in the list.
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/tasks/route";
import { taskListReplySchema, type TaskListItem } from "@/lib/schemas/tasks";
import { deleteUserApiKey, saveUserApiKey } from "@/lib/server/accounts/vault";
import { ApiError } from "@/lib/server/api-error";
import { keyBudgets, tasks } from "@/lib/server/db/schema";
import { createTaskForUser } from "@/lib/server/tasks/create-task";
import { findTask, type TaskRow } from "@/lib/server/tasks/task-repository";
import { keyFingerprint } from "@/lib/server/tasks/task-target";
import { testVaultKey, type TestUser } from "@/lib/server/tasks/test-harness";
import { adminGet, adminPost } from "@/lib/simulator/test-support";
import { checkAgain } from "@/lib/testing/check-again";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { until } from "@/lib/testing/until";
import { keyGoneNote, pausedNote, timedOutNote } from "./check-task";
import { startTracker, type Tracker } from "./tracker";

const h = setupTaskHarness({ env: { TRACKER_SPEED: "100", MIRROR_OUTPUTS: "0" } });
const fox = { model: "flux-2", prompt: "a red fox in the snow" };
const statusGets = "GET /tasks/{task_id}";
const postImages = "POST /images/generations";
const origin = "http://localhost:3000";

const trackers: Tracker[] = [];
function track(options: Parameters<typeof startTracker>[1] = {}): Tracker {
  const tracker = startTracker(h().opened.db, { tickMs: 50, ...options });
  trackers.push(tracker);
  return tracker;
}
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((t) => t.stop()));
  // Nothing left due for the next test's tracker.
  await h().opened.db.update(tasks).set({ nextCheckAt: null });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function create(u: TestUser, body: Record<string, unknown> = fox): Promise<string> {
  const { reply } = await createTaskForUser(h().opened.db, u.user, "images", body);
  return reply.data.task_id;
}

const row = (u: TestUser, id: string) => findTask(h().opened.db, u.user.id, id);

function untilRow(u: TestUser, id: string, ok: (r: TaskRow | undefined) => boolean, ms?: number) {
  return until(() => row(u, id), ok, ms);
}

/** GET /api/v1/tasks as the user sees it. */
async function listed(u: TestUser, id: string): Promise<TaskListItem | undefined> {
  const req = new Request(`${origin}/api/v1/tasks`, {
    headers: { authorization: `Bearer ${u.token}` },
  });
  const res = await listRoute(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return taskListReplySchema.parse(await res.json()).tasks.find((t) => t.task_id === id);
}

/** The simulator's own counters for a key, where it reports them. */
async function simKeyStats(key: string) {
  const stats = await adminGet(h().sim, "/stats");
  const keys = stats.keys as
    | Record<
        string,
        {
          peak_per_minute: number;
          max_concurrent_status_checks: number;
          max_in_flight_status_checks: number;
        }
      >
    | undefined;
  return keys?.[key];
}

describe("tracker", () => {
  it("finishes tasks nobody reads, within a few checks each", async () => {
    const u = await h().makeUser();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push(await create(u, { ...fox, prompt: `${fox.prompt} ${i}` }));
    track();
    for (const id of ids) {
      const done = await untilRow(u, id, (r) => r?.status === "SUCCESS");
      expect(done).toMatchObject({ status: "SUCCESS", trackingState: "done", nextCheckAt: null });
      expect(done?.response).toHaveLength(1);
      expect(done?.consumedCredits).toBeGreaterThan(0);
    }
    const gets = await h().count(u.upstreamKey, statusGets);
    expect(gets / ids.length).toBeLessThanOrEqual(3);
  });

  it("two instances on one database finish every task, never asking about one task twice at once", async () => {
    const u = await h().makeUser();
    // Slow answers keep each check in flight long enough for a second one to overlap it.
    await adminPost(h().sim, `/keys/${u.upstreamKey}`, { statusDelayMs: 150 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await create(u, { ...fox, prompt: `two trackers ${i}` }));
    track({ concurrency: 4 });
    track({ concurrency: 4 });
    for (const id of ids) {
      expect((await untilRow(u, id, (r) => r?.status === "SUCCESS", 20_000))?.status).toBe(
        "SUCCESS",
      );
    }
    const gets = await h().count(u.upstreamKey, statusGets);
    expect(gets / ids.length).toBeLessThanOrEqual(3);
    const stats = await simKeyStats(u.upstreamKey);
    expect(stats?.max_concurrent_status_checks).toBe(1);
    // …while the two instances did check different tasks at the same time.
    expect(stats?.max_in_flight_status_checks).toBeGreaterThan(1);
  });

  it("stores a failed task's error message, and its credits as the upstream reports them", async () => {
    const u = await h().makeUser();
    const id = await create(u, { ...fox, prompt: "a red fox [sim:fail]" });
    track();
    const failed = await untilRow(u, id, (r) => r?.status === "FAILED");
    expect(failed).toMatchObject({
      status: "FAILED",
      errorMessage: "Simulated failure: the provider rejected this job ([sim:fail])",
      consumedCredits: 0,
      trackingState: "done",
      nextCheckAt: null,
    });
    expect(await listed(u, id)).toMatchObject({
      status: "FAILED",
      error_message: "Simulated failure: the provider rejected this job ([sim:fail])",
      tracking: { state: "done", next_check_at: null },
    });
  });
});

describe("a 429 from the upstream", () => {
  it("pauses the key for everyone: tasks wait visibly, and new runs get the Studio's own 429 without an upstream call", async () => {
    const u = await h().makeUser();
    const ids = [await create(u), await create(u, { ...fox, prompt: "a grey wolf at dusk" })];
    // Someone else uses the key: the upstream has no room left for us this minute.
    await h().setRateLimit(u.upstreamKey, 2);
    track();
    const fingerprint = keyFingerprint(u.upstreamKey);
    const pause = await until(
      async () =>
        (
          await h()
            .opened.db.select()
            .from(keyBudgets)
            .where(eq(keyBudgets.keyFingerprint, fingerprint))
        )[0],
      (p) => p !== undefined,
    );
    // The simulator's Retry-After: about a minute.
    expect(pause?.pausedUntil?.getTime()).toBeGreaterThan(Date.now() + 45_000);
    for (const id of ids) {
      const waiting = await untilRow(u, id, (r) => r?.trackingState === "waiting");
      expect(waiting).toMatchObject({ status: "IN_PROGRESS", trackingNote: pausedNote });
      // Not before the pause is over (give or take the moment each task learnt of it).
      expect(waiting!.nextCheckAt!.getTime()).toBeGreaterThan(pause!.pausedUntil!.getTime() - 1000);
      const item = await listed(u, id);
      expect(item).toMatchObject({
        status: "IN_PROGRESS",
        tracking: { state: "waiting", note: pausedNote },
      });
      expect(Date.parse(item!.tracking.next_check_at!)).toBe(waiting!.nextCheckAt!.getTime());
    }
    // Nobody keeps knocking while the pause holds.
    const gets = await h().count(u.upstreamKey, statusGets);
    expect(gets).toBeGreaterThanOrEqual(1);
    expect(gets).toBeLessThanOrEqual(2);
    await sleep(300);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(gets);
    const refused = await createTaskForUser(h().opened.db, u.user, "images", fox).catch(
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 429, type: "rate_limit", source: "studio" });
    expect(Number((refused as ApiError).headers["Retry-After"])).toBeGreaterThan(45);
    expect(await h().count(u.upstreamKey, postImages)).toBe(2);
  });
});

describe("a task past its deadline", () => {
  it("shows timed out with no next check; “check again” schedules it and it finishes", async () => {
    const u = await h().makeUser();
    // Still running upstream for a while (0.3–1.5 s here) when the tracker first looks.
    const id = await create(u, { ...fox, prompt: "a red fox in the snow [sim:slow]" });
    await h()
      .opened.db.update(tasks)
      .set({ deadlineAt: sql`now() - interval '1 second'` })
      .where(eq(tasks.taskId, id));
    track();
    const stopped = await untilRow(u, id, (r) => r?.trackingState === "timed_out");
    expect(stopped).toMatchObject({
      status: "IN_PROGRESS",
      trackingNote: timedOutNote,
      nextCheckAt: null,
    });
    expect(await listed(u, id)).toMatchObject({
      status: "IN_PROGRESS",
      tracking: { state: "timed_out", next_check_at: null, note: timedOutNote },
    });
    // Stopped means stopped: nothing asks about it any more.
    const asked = await h().count(u.upstreamKey, statusGets);
    expect(asked).toBeLessThanOrEqual(1);
    await sleep(300);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(asked);

    const res = await checkAgain(u, id);
    expect(res.status).toBe(202);
    const { task } = (await res.json()) as { task: TaskListItem };
    expect(task.tracking).toMatchObject({ state: "scheduled", note: null });
    expect(task.tracking.next_check_at).not.toBeNull();
    const done = await untilRow(u, id, (r) => r?.status === "SUCCESS");
    expect(done).toMatchObject({ status: "SUCCESS", trackingState: "done" });
    expect(done!.deadlineAt!.getTime()).toBeGreaterThan(Date.now());
    // The schedule goes on from the checks already made: at this speed gaps of 60, 90, 135, 202,
    // 303 ms… until the (up to 1.5 s) task is done — a handful of checks, never a stream of them.
    expect(await h().count(u.upstreamKey, statusGets)).toBeLessThanOrEqual(asked + 8);
  });

  it("is not called timed out while it only waited for its key's budget: it is asked first", async () => {
    const u = await h().makeUser();
    const id = await create(u);
    const fingerprint = keyFingerprint(u.upstreamKey);
    // The key's other 59 requests of this minute were made 60.5 s ago: status checks get a slot
    // again in about 1.5 s, after this task's ceiling (half a second from now) has passed.
    for (let i = 0; i < 59; i++) {
      await h().opened.db.execute(sql`
        insert into upstream_calls (key_fingerprint, kind, at)
        values (${fingerprint}, 'submit', clock_timestamp() - interval '60.5 seconds')`);
    }
    await h()
      .opened.db.update(tasks)
      .set({ deadlineAt: sql`clock_timestamp() + interval '500 milliseconds'` })
      .where(eq(tasks.taskId, id));
    track();
    const seen = new Set<string>();
    const end = await untilRow(
      u,
      id,
      (r) => {
        if (r) seen.add(r.trackingState);
        return r?.status === "SUCCESS" || r?.trackingState === "timed_out";
      },
      8000,
    );
    // The task finished upstream long ago; nobody had asked. Saying it is "still running upstream
    // long after this model usually finishes" would be wrong.
    expect(seen).toContain("waiting");
    expect(end).toMatchObject({ status: "SUCCESS", trackingState: "done" });
  });
});

describe("a task whose key was removed", () => {
  it("shows unavailable without asking anyone, and resumes once the key is back", async () => {
    const u = await h().makeUser();
    const id = await create(u);
    await deleteUserApiKey(h().opened.db, u.user.id);
    track();
    const waiting = await untilRow(u, id, (r) => r?.trackingState === "unavailable");
    expect(waiting).toMatchObject({ status: "IN_PROGRESS", trackingNote: keyGoneNote });
    // Asked again in about ten minutes, not hammered.
    expect(waiting!.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 8 * 60_000);
    expect(await listed(u, id)).toMatchObject({
      tracking: { state: "unavailable", note: keyGoneNote },
    });
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);
    // The server key belongs to another account: it is never asked about this task.
    expect(await h().count(h().serverKey, statusGets)).toBe(0);

    await saveUserApiKey(h().opened.db, testVaultKey, u.user.id, u.upstreamKey, {
      verified: true,
    });
    expect((await checkAgain(u, id)).status).toBe(202);
    const done = await untilRow(u, id, (r) => r?.status === "SUCCESS");
    expect(done).toMatchObject({ status: "SUCCESS", trackingState: "done", trackingNote: null });
  });
});
