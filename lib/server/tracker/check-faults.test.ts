// Hardening: the upstream misbehaves while the tracker follows tasks — status checks answer 500s,
// 429s, bodies that are not JSON, never answer at all, or trickle in slowly. Every task still ends
// in its real final state, each was created upstream once and charged once (the simulator's own
// records), and while a check fails the task says why instead of failing.
import { afterEach, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/tasks/route";
import { taskListReplySchema, type TaskListItem } from "@/lib/schemas/tasks";
import { tasks } from "@/lib/server/db/schema";
import { createTaskForUser } from "@/lib/server/tasks/create-task";
import { findTask } from "@/lib/server/tasks/task-repository";
import { adminGet } from "@/lib/simulator/test-support";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { until } from "@/lib/testing/until";
import { unreachableNote } from "./check-task";
import { startTracker, type Tracker } from "./tracker";

// A tenth of real time: a status check that hangs (15 s to time out) stays inside the task's
// ceiling (15 min ÷ 10), and the retry after a failed check comes within a second or two.
const h = setupTaskHarness({ env: { TRACKER_SPEED: "10", MIRROR_OUTPUTS: "0" } });
const origin = "http://localhost:3000";

let tracker: Tracker | undefined;
afterEach(async () => {
  await tracker?.stop();
  tracker = undefined;
  await h().opened.db.update(tasks).set({ nextCheckAt: null });
});

interface SimTaskRecord {
  task_id: string;
  prompt: string | null;
  price: number;
  outcome: "SUCCESS" | "FAILED";
}

async function simTasks(key: string): Promise<SimTaskRecord[]> {
  const reply = await adminGet(h().sim, `/keys/${encodeURIComponent(key)}/tasks`);
  return reply.tasks as SimTaskRecord[];
}

async function balance(key: string): Promise<number> {
  return Number((await adminGet(h().sim, `/keys/${encodeURIComponent(key)}`)).balance);
}

async function listed(token: string): Promise<TaskListItem[]> {
  const req = new Request(`${origin}/api/v1/tasks?limit=50`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const res = await listRoute(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return taskListReplySchema.parse(await res.json()).tasks;
}

const cases = [
  { marker: "[sim:check=500x3]", final: "SUCCESS" },
  { marker: "[sim:check=429x3]", final: "SUCCESS" },
  { marker: "[sim:check=malformedx2]", final: "SUCCESS" },
  { marker: "[sim:check=hangx1]", final: "SUCCESS" },
  { marker: "[sim:slow-body]", final: "SUCCESS" },
  { marker: "[sim:slow-body] [sim:check=500x2]", final: "SUCCESS" },
  { marker: "[sim:fail] [sim:check=500x2]", final: "FAILED" },
] as const;

describe("status checks that fail", () => {
  it("every task still ends in its real state, created once and charged once", async () => {
    const u = await h().makeUser();
    const before = await balance(u.upstreamKey);
    const ids = new Map<string, (typeof cases)[number]>();
    for (const c of cases) {
      const prompt = `a lighthouse in a storm ${c.marker}`;
      const { reply } = await createTaskForUser(h().opened.db, u.user, "images", {
        model: "flux-2",
        prompt,
      });
      ids.set(reply.data.task_id, c);
    }
    tracker = startTracker(h().opened.db, { tickMs: 50 });

    // While its checks fail, a task is still running and says the upstream did not answer.
    const flaky = [...ids].find(([, c]) => c.marker === "[sim:check=500x3]")![0];
    const noted = await until(
      () => findTask(h().opened.db, u.user.id, flaky),
      (row) => row?.trackingNote === unreachableNote,
      20_000,
    );
    expect(noted).toMatchObject({ status: "IN_PROGRESS", trackingState: "scheduled" });

    for (const [id, c] of ids) {
      const row = await until(
        () => findTask(h().opened.db, u.user.id, id),
        (r) => r?.status === "SUCCESS" || r?.status === "FAILED",
        60_000,
      );
      expect(row?.status, c.marker).toBe(c.final);
      expect(row?.trackingState, c.marker).toBe("done");
      if (c.final === "SUCCESS") expect(row?.response, c.marker).toHaveLength(1);
      else expect(row?.errorMessage, c.marker).toMatch(/Simulated failure/);
    }

    // The list says the same, and no note of the trouble is left behind.
    const items = await listed(u.token);
    for (const [id, c] of ids) {
      const item = items.find((t) => t.task_id === id);
      expect(item?.status, c.marker).toBe(c.final);
      expect(item?.tracking.note, c.marker).toBeNull();
    }

    // The simulator's records: one creation per prompt, and the credits spent are exactly the
    // prices of the tasks that succeeded (a failed task is refunded).
    const created = await simTasks(u.upstreamKey);
    expect(created).toHaveLength(cases.length);
    expect(new Set(created.map((t) => t.prompt)).size).toBe(cases.length);
    const spent = created.filter((t) => t.outcome === "SUCCESS").reduce((s, t) => s + t.price, 0);
    expect(before - (await balance(u.upstreamKey))).toBe(spent);
  }, 120_000);
});
