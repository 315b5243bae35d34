// The task feed against the real embedded database: changes published in this process and
// changes only the database knows of (another instance wrote them) each reach the owner once.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { tasks, type TaskRow } from "@/lib/server/db/schema";
import { storeTask } from "@/lib/server/tasks/task-fixtures";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import {
  feedOverlapMs,
  feedPollMs,
  publishTaskChange,
  subscribeToTaskChanges,
  taskFeedStats,
} from "./task-feed";

const h = setupTaskHarness();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** Every row the feed hands `u`'s subscriber, in order. */
function collect(u: TestUser): TaskRow[] {
  const seen: TaskRow[] = [];
  stops.push(subscribeToTaskChanges(u.user.id, (row) => seen.push(row)));
  return seen;
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the feed");
    await sleep(25);
  }
}

/** A stored task last changed a minute ago: outside the window the first read reaches back to. */
async function oldTask(u: TestUser): Promise<TaskRow> {
  const row = await storeTask(h().opened.db, {
    userId: u.user.id,
    taskId: `feed_${randomUUID()}`,
    target: { mode: "user-key", apiKey: u.upstreamKey },
  });
  const [aged] = await h()
    .opened.db.update(tasks)
    .set({ updatedAt: sql`now() - interval '1 minute'` })
    .where(eq(tasks.id, row.id))
    .returning();
  return aged!;
}

/** What another instance does: change the row in the database, tell nobody here. */
async function changeElsewhere(row: TaskRow, values: Partial<TaskRow>, updatedAt = sql`now()`) {
  const [changed] = await h()
    .opened.db.update(tasks)
    .set({ ...values, updatedAt })
    .where(eq(tasks.id, row.id))
    .returning();
  return changed!;
}

describe("task feed", () => {
  it("delivers a change another instance wrote, to its owner only", async () => {
    const [owner, other] = [await h().makeUser(), await h().makeUser()];
    const [mine, theirs] = [await oldTask(owner), await oldTask(other)];
    const seen = collect(owner);
    const otherSeen = collect(other);
    await sleep(feedPollMs / 2);
    await changeElsewhere(mine, { status: "SUCCESS", response: ["https://cdn.example/1.png"] });
    await until(() => seen.length > 0);
    expect(seen.map((r) => [r.taskId, r.status])).toEqual([[mine.taskId, "SUCCESS"]]);
    expect(otherSeen.map((r) => r.taskId)).not.toContain(mine.taskId);
    await changeElsewhere(theirs, { status: "FAILED" });
    await until(() => otherSeen.length > 0);
    expect(seen).toHaveLength(1);
  });

  it("sends a change published here once, though the poller reads the same row again", async () => {
    const u = await h().makeUser();
    const row = await oldTask(u);
    const seen = collect(u);
    publishTaskChange(await changeElsewhere(row, { trackingState: "waiting" }));
    expect(seen).toHaveLength(1);
    // The row stays inside the re-read window for feedOverlapMs: several reads see it.
    await sleep(feedPollMs * 3);
    expect(seen).toHaveLength(1);
  });

  it("does not miss a commit that lands after later-stamped ones", async () => {
    const u = await h().makeUser();
    const [late, early] = [await oldTask(u), await oldTask(u)];
    const seen = collect(u);
    await changeElsewhere(early, { status: "SUCCESS" });
    await until(() => seen.length === 1);
    await sleep(feedPollMs * 2);
    // Stamped (transaction start) before the change already delivered, committed only now.
    const stampedEarlier = sql`now() - ${Math.round(feedOverlapMs / 2)} * interval '1 millisecond'`;
    await changeElsewhere(late, { status: "FAILED" }, stampedEarlier);
    await until(() => seen.length === 2);
    expect(seen.map((r) => [r.taskId, r.status])).toEqual([
      [early.taskId, "SUCCESS"],
      [late.taskId, "FAILED"],
    ]);
  });

  it("sends nothing older than what it already sent about a task", async () => {
    const u = await h().makeUser();
    const row = await oldTask(u);
    const seen = collect(u);
    // The database holds a version stamped now; this process has published a newer one (as when
    // a read started before the publish and answers after it).
    const stored = await changeElsewhere(row, { trackingState: "waiting" });
    publishTaskChange({
      ...stored,
      status: "SUCCESS",
      updatedAt: new Date(stored.updatedAt.getTime() + 1_000),
    });
    await sleep(feedPollMs * 3);
    expect(seen.map((r) => r.status)).toEqual(["SUCCESS"]);
  });

  it("sends a second version written within the same millisecond", async () => {
    const u = await h().makeUser();
    const row = await oldTask(u);
    const seen = collect(u);
    const first = await changeElsewhere(row, { trackingNote: "first" });
    publishTaskChange(first);
    publishTaskChange({ ...first, trackingNote: "second" });
    expect(seen.map((r) => r.trackingNote)).toEqual(["first", "second"]);
  });

  it("keeps publishing when a subscriber throws", async () => {
    const u = await h().makeUser();
    const row = await oldTask(u);
    stops.push(
      subscribeToTaskChanges(u.user.id, () => {
        throw new Error("a closed stream");
      }),
    );
    const seen = collect(u);
    expect(() => publishTaskChange({ ...row, updatedAt: new Date() })).not.toThrow();
    expect(seen).toHaveLength(1);
  });

  it("polls the database only while someone listens", async () => {
    const u = await h().makeUser();
    expect(taskFeedStats()).toEqual({ subscribers: 0, polling: false });
    const stopA = subscribeToTaskChanges(u.user.id, () => undefined);
    const stopB = subscribeToTaskChanges(u.user.id, () => undefined);
    expect(taskFeedStats()).toEqual({ subscribers: 2, polling: true });
    stopA();
    stopA();
    expect(taskFeedStats()).toEqual({ subscribers: 1, polling: true });
    stopB();
    expect(taskFeedStats()).toEqual({ subscribers: 0, polling: false });
    // Nothing is sent to nobody, and nothing is remembered for later.
    const row = await oldTask(u);
    publishTaskChange({ ...row, updatedAt: new Date() });
    const seen = collect(u);
    await sleep(feedPollMs * 2);
    expect(seen).toHaveLength(0);
  });
});
