// Deletions on the live feed, against the real schema: a task deleted here or on another instance
// (which only the database tells this one about) reaches its owner's listeners once, nobody
// else's, and the record of it does not pile up.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "@/lib/server/accounts/users";
import { setDatabaseForTests, type Database } from "@/lib/server/db";
import { taskDeletions, type TaskRow } from "@/lib/server/db/schema";
import { deleteTaskForUser, deleteTaskRecord } from "@/lib/server/tasks/delete-task";
import { storeTask } from "@/lib/server/tasks/task-fixtures";
import { describeTwoInstances } from "@/lib/testing/describe-two-instances";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { feedPollMs, publishTaskChange, subscribeToTaskChanges } from "./task-feed";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });
const db = () => h().opened.db;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** The ids of the tasks the feed tells `userId`'s listener were deleted, and the rows it sends. */
function listen(userId: string): { deleted: string[]; changed: TaskRow[] } {
  const heard = { deleted: [] as string[], changed: [] as TaskRow[] };
  stops.push(
    subscribeToTaskChanges(
      userId,
      (row) => heard.changed.push(row),
      (taskId) => heard.deleted.push(taskId),
    ),
  );
  return heard;
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the feed");
    await sleep(25);
  }
}

async function taskOf(on: Database, userId: string): Promise<TaskRow> {
  return storeTask(on, {
    userId,
    taskId: `del_${randomUUID()}`,
    target: { mode: "user-key", apiKey: "aio_deletions_test_key" },
  });
}

async function deletionsOf(on: Database, userId: string): Promise<string[]> {
  const rows = await on
    .select({ taskId: taskDeletions.taskId })
    .from(taskDeletions)
    .where(eq(taskDeletions.userId, userId));
  return rows.map((r) => r.taskId);
}

describe("deletions on the task feed", () => {
  it("tells the owner's listeners once of a delete made here, though the poller reads it too", async () => {
    const [owner, other] = [await h().makeUser(), await h().makeUser()];
    const row = await taskOf(db(), owner.user.id);
    const heard = listen(owner.user.id);
    const otherHeard = listen(other.user.id);
    await deleteTaskForUser(db(), owner.user.id, row.taskId);
    expect(heard.deleted).toEqual([row.taskId]);
    // The record stays inside the re-read window for a while: several reads see it.
    await sleep(feedPollMs * 3);
    expect(heard.deleted).toEqual([row.taskId]);
    expect(otherHeard.deleted).toEqual([]);
  });

  it("tells them once of a delete only the database knows of (another instance made it)", async () => {
    const [owner, other] = [await h().makeUser(), await h().makeUser()];
    const row = await taskOf(db(), owner.user.id);
    const heard = listen(owner.user.id);
    const otherHeard = listen(other.user.id);
    await sleep(feedPollMs / 2);
    await deleteTaskRecord(db(), owner.user.id, row.taskId);
    await until(() => heard.deleted.length > 0);
    await sleep(feedPollMs * 3);
    expect(heard.deleted).toEqual([row.taskId]);
    expect(otherHeard.deleted).toEqual([]);
  });

  it("does not bring a deleted task back with a version read before the delete", async () => {
    const u = await h().makeUser();
    const row = await taskOf(db(), u.user.id);
    const heard = listen(u.user.id);
    await deleteTaskForUser(db(), u.user.id, row.taskId);
    publishTaskChange({ ...row, status: "SUCCESS" });
    expect(heard.changed).toEqual([]);
  });

  it("records nothing when there was no such task", async () => {
    const u = await h().makeUser();
    await expect(deleteTaskRecord(db(), u.user.id, "del_missing")).rejects.toMatchObject({
      type: "not_found",
    });
    expect(await deletionsOf(db(), u.user.id)).toEqual([]);
  });

  it("prunes deletions older than an hour when it records one", async () => {
    const u = await h().makeUser();
    const stamped = (ago: string) => sql`now() - ${ago}::interval`;
    await db()
      .insert(taskDeletions)
      .values([
        { userId: u.user.id, taskId: "del_two_hours_ago", deletedAt: stamped("2 hours") },
        { userId: u.user.id, taskId: "del_half_an_hour_ago", deletedAt: stamped("30 minutes") },
      ]);
    const row = await taskOf(db(), u.user.id);
    await deleteTaskRecord(db(), u.user.id, row.taskId);
    expect((await deletionsOf(db(), u.user.id)).sort()).toEqual(
      ["del_half_an_hour_ago", row.taskId].sort(),
    );
  });
});

describeTwoInstances("deletions between two instances on one Postgres server", (pg) => {
  it("a delete on instance one reaches a listener on instance two once, and nobody else", async () => {
    const { one, two } = pg();
    const owner = await createUser(one.db, { email: `del-owner-${pg().schema}@example.test` });
    const other = await createUser(one.db, { email: `del-other-${pg().schema}@example.test` });
    const row = await taskOf(one.db, owner.id);
    // This process's feed is instance two: it polls through its own pool. Instance one's delete
    // reaches it through the database only (one's own publish would go to one's listeners).
    setDatabaseForTests(two);
    try {
      const heard = listen(owner.id);
      const otherHeard = listen(other.id);
      await sleep(feedPollMs / 2);
      await deleteTaskRecord(one.db, owner.id, row.taskId);
      await until(() => heard.deleted.length > 0);
      await sleep(feedPollMs * 3);
      expect(heard.deleted).toEqual([row.taskId]);
      expect(otherHeard.deleted).toEqual([]);
    } finally {
      for (const stop of stops.splice(0)) stop();
      setDatabaseForTests(h().opened);
    }
  });
});
