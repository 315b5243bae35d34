// The tracker's queue (the tasks table with leases) as several instances use it: on embedded
// PGlite always, and on a real Postgres server with two separate pools when TEST_DATABASE_URL is
// set, where SKIP LOCKED and lease expiry decide who works on what.
import { randomBytes, randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/server/accounts/users";
import type { Database } from "@/lib/server/db";
import { tasks, type TaskRow } from "@/lib/server/db/schema";
import { storeTask } from "@/lib/server/tasks/task-fixtures";
import {
  findTask,
  insertTask,
  placeholderTaskId,
  recordCreated,
  submittingStatus,
} from "@/lib/server/tasks/task-repository";
import { describeTwoInstances } from "@/lib/testing/describe-two-instances";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { finishLease, leaseDueTasks, releaseLeases, requestCheckSoon } from "./queue";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });
const target = { mode: "user-key" as const, apiKey: "aio_queue_test_key" };

/** `n` IN_PROGRESS tasks of a new user, due `dueInMs` from now (negative: overdue). */
async function dueTasks(db: Database, userId: string, n: number, dueInMs = -1000) {
  const rows: TaskRow[] = [];
  for (let i = 0; i < n; i++) {
    const row = await storeTask(db, {
      userId,
      taskId: `q_${randomBytes(6).toString("hex")}`,
      target,
    });
    rows.push(row);
  }
  await db
    .update(tasks)
    .set({ nextCheckAt: sql`clock_timestamp() + ${dueInMs} * interval '1 millisecond'` })
    .where(
      inArray(
        tasks.id,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => r.id);
}

const ids = (rows: TaskRow[]) => rows.map((r) => r.id).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const db = () => h().opened.db;

async function rowById(on: Database, id: string) {
  const [row] = await on.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

// Every test starts with nothing due: the queue is the whole table.
afterEach(async () => {
  await db().update(tasks).set({ nextCheckAt: null, leaseOwner: null, leaseUntil: null });
});

describe("leaseDueTasks", () => {
  it("gives two instances leasing at once disjoint tasks, and every due task to one of them", async () => {
    const u = await h().makeUser();
    const due = await dueTasks(db(), u.user.id, 12);
    const [a, b] = await Promise.all([
      leaseDueTasks(db(), "instance-a", 8, 60_000),
      leaseDueTasks(db(), "instance-b", 8, 60_000),
    ]);
    expect(ids(a!).filter((id) => ids(b!).includes(id))).toEqual([]);
    expect([...ids(a!), ...ids(b!)].sort()).toEqual([...due].sort());
    for (const row of a!) expect(row.leaseOwner).toBe("instance-a");
  });

  it("leaves a leased task alone while its lease holds", async () => {
    const u = await h().makeUser();
    const [id] = await dueTasks(db(), u.user.id, 1);
    expect(ids(await leaseDueTasks(db(), "a", 10, 60_000))).toEqual([id]);
    expect(await leaseDueTasks(db(), "b", 10, 60_000)).toEqual([]);
    // Another instance's outcome cannot overwrite the holder's work.
    expect(
      await finishLease(db(), id!, "b", { status: "SUCCESS", nextCheckInMs: null, visible: true }),
    ).toBeNull();
    expect((await rowById(db(), id!))?.status).toBe("IN_PROGRESS");
    const done = await finishLease(db(), id!, "a", {
      checks: 1,
      nextCheckInMs: 5000,
      visible: false,
    });
    expect(done).toMatchObject({ checks: 1, leaseOwner: null, leaseUntil: null });
    expect(done!.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 4000);
  });

  it("takes over a task whose holder died: the old holder's late outcome is dropped", async () => {
    const u = await h().makeUser();
    const [id] = await dueTasks(db(), u.user.id, 1);
    expect(ids(await leaseDueTasks(db(), "dead", 10, 100))).toEqual([id]);
    expect(await leaseDueTasks(db(), "alive", 10, 60_000)).toEqual([]);
    await sleep(150);
    expect(ids(await leaseDueTasks(db(), "alive", 10, 60_000))).toEqual([id]);
    expect(
      await finishLease(db(), id!, "dead", {
        status: "FAILED",
        nextCheckInMs: null,
        visible: true,
      }),
    ).toBeNull();
    const row = await finishLease(db(), id!, "alive", {
      status: "SUCCESS",
      nextCheckInMs: null,
      visible: true,
    });
    expect(row).toMatchObject({ status: "SUCCESS", nextCheckAt: null, leaseOwner: null });
  });

  it("takes the earliest due first, at most `limit`, and nothing not yet due or not tracked", async () => {
    const u = await h().makeUser();
    const later = await dueTasks(db(), u.user.id, 2, -1000);
    const earliest = await dueTasks(db(), u.user.id, 2, -60_000);
    await dueTasks(db(), u.user.id, 2, 60_000);
    const [submitting] = await dueTasks(db(), u.user.id, 1, -120_000);
    await db().update(tasks).set({ status: submittingStatus }).where(eq(tasks.id, submitting!));
    expect(ids(await leaseDueTasks(db(), "a", 2, 60_000))).toEqual([...earliest].sort());
    expect(ids(await leaseDueTasks(db(), "a", 10, 60_000))).toEqual([...later].sort());
    expect(await leaseDueTasks(db(), "a", 10, 60_000)).toEqual([]);
  });
});

describe("releaseLeases", () => {
  it("frees one owner's leases on a graceful stop, or every lease when the process owns the database", async () => {
    const u = await h().makeUser();
    const [one, two] = await dueTasks(db(), u.user.id, 2);
    await leaseDueTasks(db(), "a", 1, 60_000);
    await leaseDueTasks(db(), "b", 1, 60_000);
    const ownerOf = async (id: string) => (await rowById(db(), id))?.leaseOwner ?? null;
    const ofA = (await ownerOf(one!)) === "a" ? one! : two!;
    const ofB = ofA === one ? two! : one!;
    await releaseLeases(db(), { owner: "a" });
    expect(await ownerOf(ofA)).toBeNull();
    expect(await ownerOf(ofB)).toBe("b");
    expect(ids(await leaseDueTasks(db(), "c", 10, 60_000))).toEqual([ofA]);
    await releaseLeases(db(), { all: true });
    expect(await ownerOf(ofA)).toBeNull();
    expect(await ownerOf(ofB)).toBeNull();
    expect(ids(await leaseDueTasks(db(), "d", 10, 60_000))).toEqual([...[one!, two!]].sort());
  });
});

describe("requestCheckSoon", () => {
  it("makes a running task due now; a manual check restarts the ceiling and clears the note", async () => {
    const u = await h().makeUser();
    const [id] = await dueTasks(db(), u.user.id, 1, 600_000);
    await db()
      .update(tasks)
      .set({ trackingState: "timed_out", trackingNote: "Timed out", deadlineAt: new Date(0) })
      .where(eq(tasks.id, id!));
    const soon = await requestCheckSoon(db(), id!);
    expect(soon!.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now() + 50);
    // A callback alone restarts nothing.
    expect(soon).toMatchObject({ trackingState: "timed_out", deadlineAt: new Date(0) });
    const again = await requestCheckSoon(db(), id!, 60_000);
    expect(again).toMatchObject({ trackingState: "scheduled", trackingNote: null });
    expect(again!.deadlineAt!.getTime()).toBeGreaterThan(Date.now() + 55_000);
    expect(ids(await leaseDueTasks(db(), "a", 10, 60_000))).toEqual([id]);
  });

  it("does nothing to a finished task", async () => {
    const u = await h().makeUser();
    const [id] = await dueTasks(db(), u.user.id, 1, 600_000);
    await db().update(tasks).set({ status: "SUCCESS", nextCheckAt: null }).where(eq(tasks.id, id!));
    expect(await requestCheckSoon(db(), id!, 60_000)).toBeNull();
    expect(await rowById(db(), id!)).toMatchObject({ nextCheckAt: null, status: "SUCCESS" });
  });

  it("keeps a callback that beat the creation answer: the task is checked at once, not at its schedule", async () => {
    const u = await h().makeUser();
    const created = async (early: boolean) => {
      const rowId = randomUUID();
      await insertTask(db(), {
        id: rowId,
        userId: u.user.id,
        taskId: placeholderTaskId(rowId),
        route: "images",
        modelSlug: "flux-2",
        request: { model: "flux-2", prompt: "a red fox" },
        status: submittingStatus,
        upstreamMode: "user-key",
        keyFingerprint: "0123456789abcdef",
        pollable: false,
      });
      if (early) expect(await requestCheckSoon(db(), rowId)).not.toBeNull();
      // Not work yet: nobody can ask about a task without its upstream id.
      expect(await leaseDueTasks(db(), "a", 10, 60_000)).toEqual([]);
      const taskId = `up_${randomBytes(4).toString("hex")}`;
      await recordCreated(
        db(),
        rowId,
        { taskId, status: "IN_PROGRESS", response: [], pollable: true },
        { nextCheckInMs: 120_000, ceilingMs: 900_000, trackingState: "scheduled" },
      );
      return (await findTask(db(), u.user.id, taskId))!;
    };
    const plain = await created(false);
    expect(plain.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 110_000);
    const early = await created(true);
    expect(early.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(ids(await leaseDueTasks(db(), "a", 10, 60_000))).toEqual([early.id]);
  });
});

describeTwoInstances("the queue on a shared Postgres server", (pg) => {
  let userId: string;
  beforeAll(async () => {
    userId = (await createUser(pg().one.db, { email: `queue-${pg().schema}@example.test` })).id;
  });

  it("two instances leasing over and over never hold the same task at once", async () => {
    const { one, two } = pg();
    const due = await dueTasks(one.db, userId, 60);
    const held = new Map<string, string>();
    const clashes: string[] = [];
    const worked = new Map<string, number>();
    const byInstance = new Map<string, number>();
    const worker = async (name: string, on: Database) => {
      for (;;) {
        const rows = await leaseDueTasks(on, name, 4, 60_000);
        if (rows.length === 0) return;
        for (const row of rows) {
          if (held.has(row.id)) clashes.push(row.id);
          held.set(row.id, name);
          worked.set(row.id, (worked.get(row.id) ?? 0) + 1);
          byInstance.set(name[0]!, (byInstance.get(name[0]!) ?? 0) + 1);
        }
        await sleep(5);
        for (const row of rows) {
          held.delete(row.id);
          // Worked once: nothing more to do for this task.
          await finishLease(on, row.id, name, {
            checks: row.checks + 1,
            nextCheckInMs: null,
            visible: false,
          });
        }
      }
    };
    await Promise.all([
      worker("a1", one.db),
      worker("a2", one.db),
      worker("b1", two.db),
      worker("b2", two.db),
    ]);
    expect(clashes).toEqual([]);
    expect([...worked.values()]).toEqual(Array<number>(60).fill(1));
    // Both instances took a share of the work.
    expect(byInstance.get("a")).toBeGreaterThan(0);
    expect(byInstance.get("b")).toBeGreaterThan(0);
    const rows = await one.db.select().from(tasks).where(inArray(tasks.id, due));
    // Each task worked exactly once, and none left behind.
    expect(rows.map((r) => r.checks)).toEqual(Array<number>(60).fill(1));
    expect(rows.filter((r) => r.nextCheckAt !== null || r.leaseOwner !== null)).toEqual([]);
  });

  it("another instance takes over an expired lease", async () => {
    const { one, two } = pg();
    const [id] = await dueTasks(one.db, userId, 1);
    expect(ids(await leaseDueTasks(one.db, "dead", 10, 100))).toEqual([id]);
    expect(await leaseDueTasks(two.db, "alive", 10, 60_000)).toEqual([]);
    await sleep(200);
    expect(ids(await leaseDueTasks(two.db, "alive", 10, 60_000))).toEqual([id]);
    expect(
      await finishLease(one.db, id!, "dead", {
        status: "FAILED",
        nextCheckInMs: null,
        visible: true,
      }),
    ).toBeNull();
  });
});
