// POST /api/callbacks/tasks/{id}/{token}, as the simulator calls it: a real HTTP server at
// PUBLIC_URL hands each delivery to the route handler. A callback is a hint to check the task now;
// only the task's own token opens it, and its body is never believed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { RouteId } from "@/lib/catalog";
import { tasks } from "@/lib/server/db/schema";
import { createTaskForUser } from "@/lib/server/tasks/create-task";
import { findTask } from "@/lib/server/tasks/task-repository";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { workOnTask } from "@/lib/server/tracker/check-task";
import { leaseDueTasks, releaseLeases } from "@/lib/server/tracker/queue";
import { startProcessTracker, stopProcessTracker } from "@/lib/server/tracker/tracker";
import { adminPost } from "@/lib/simulator/test-support";
import type { JsonBody } from "@/lib/server/upstream";
import { clientFor, resolveUpstreamTarget } from "@/lib/server/upstream-target";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { timeOutTask } from "@/lib/testing/time-out-task";
import { until } from "@/lib/testing/until";
import { GET, POST } from "./route";

interface Delivery {
  id: string;
  status: number;
}
const deliveries: Delivery[] = [];

function call(id: string, token: string, body: unknown = {}) {
  const req = new Request(`${publicUrl}/api/callbacks/tasks/${id}/${token}`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "api-in-one-simulator" },
    body: JSON.stringify(body),
  });
  return POST(req, { params: Promise.resolve({ id, token }) });
}

// Where the upstream reaches the Studio: every POST goes to the route handler, unchanged.
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const match = /^\/api\/callbacks\/tasks\/([^/]+)\/([^/]+)$/.exec(req.url ?? "");
    if (!match || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    const [, id = "", token = ""] = match;
    call(id, token, JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"))
      .then(async (answer) => {
        deliveries.push({ id, status: answer.status });
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(await answer.text());
      })
      .catch(() => res.writeHead(500).end());
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const publicUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

// A real-time schedule: a flux-2 task's first check is ~9 s away, its callback ~0.1 s.
const h = setupTaskHarness({
  publicUrl,
  env: { TRACKER_SPEED: "1", MIRROR_OUTPUTS: "0" },
});

afterEach(async () => {
  await stopProcessTracker();
  await h().opened.db.update(tasks).set({ nextCheckAt: null });
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const fox = { model: "flux-2", prompt: "a red fox in the snow" };
/** Runs 6–18 s on the simulator: its own callback comes long after these tests are done. */
const slowVideo = { model: "kling-3", prompt: "a fox runs through snow [sim:slow]" };
const statusGets = "GET /tasks/{task_id}";

/** Creates a task, noting the callback URL the upstream was given. */
async function create(u: TestUser, body: Record<string, unknown>, route: RouteId = "images") {
  let sent: JsonBody | undefined;
  const { reply } = await createTaskForUser(h().opened.db, u.user, route, body, {
    resolveUpstream: async (userId) => {
      const target = await resolveUpstreamTarget(userId);
      const real = clientFor(target);
      return {
        target,
        client: {
          ...real,
          createTask: (path, sentBody, options) => {
            sent = sentBody;
            return real.createTask(path, sentBody, options);
          },
        },
      };
    },
  });
  const row = (await findTask(h().opened.db, u.user.id, reply.data.task_id))!;
  const url = typeof sent?.callback_url === "string" ? new URL(sent.callback_url) : undefined;
  return { row, url, token: url?.pathname.split("/").at(-1) ?? "" };
}

const reread = async (u: TestUser, taskId: string) =>
  (await findTask(h().opened.db, u.user.id, taskId))!;

describe("POST /api/callbacks/tasks/{id}/{token}", () => {
  it("the simulator's callback makes the task due at once; one status check then finishes it", async () => {
    const u = await h().makeUser();
    const { row, url } = await create(u, fox);
    expect(url?.origin).toBe(publicUrl);
    expect(url?.pathname.startsWith(`/api/callbacks/tasks/${row.id}/`)).toBe(true);
    expect(row.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 5000);

    const delivery = await until(
      async () => deliveries.find((d) => d.id === row.id),
      (d) => d !== undefined,
    );
    expect(delivery?.status).toBe(200);
    const hinted = await reread(u, row.taskId);
    expect(hinted.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    // The callback said SUCCESS, with outputs; nothing of it was believed.
    expect(hinted).toMatchObject({ status: "IN_PROGRESS", response: [] });
    expect(await h().count(u.upstreamKey, statusGets)).toBe(0);

    await startProcessTracker(h().opened.db, false);
    const done = await until(
      () => reread(u, row.taskId),
      (r) => r.status === "SUCCESS",
    );
    expect(done).toMatchObject({ status: "SUCCESS", trackingState: "done" });
    expect(done.response).toHaveLength(1);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
  });

  it("with the tracker running, a task finishes on its callback, seconds before its first scheduled check", async () => {
    await startProcessTracker(h().opened.db, false);
    const u = await h().makeUser();
    const started = Date.now();
    const { row } = await create(u, fox);
    const scheduled = row.nextCheckAt!.getTime();
    const done = await until(
      () => reread(u, row.taskId),
      (r) => r.status === "SUCCESS",
    );
    expect(done.status).toBe("SUCCESS");
    expect(done.completedAt!.getTime()).toBeLessThan(scheduled - 4000);
    expect(done.completedAt!.getTime() - started).toBeLessThan(5000);
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
  });

  it("answers 404 and checks nothing for a wrong token, another task's token, a malformed token or an unknown id", async () => {
    const u = await h().makeUser();
    const mine = await create(u, slowVideo, "videos");
    const other = await create(u, { ...slowVideo, prompt: "a wolf runs [sim:slow]" }, "videos");
    const stranger = await create(await h().makeUser(), slowVideo, "videos");
    expect(mine.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const attempts: [string, string][] = [
      [mine.row.id, `${mine.token.slice(0, 42)}${mine.token.endsWith("A") ? "B" : "A"}`],
      [mine.row.id, other.token],
      [mine.row.id, stranger.token],
      [mine.row.id, mine.token.slice(1)],
      [mine.row.id, `${mine.token}=`],
      [mine.row.id, "x"],
      ["5d0f1d4e-4a43-4a55-9b0c-1f0d6b1f6b1a", mine.token],
      ["not-a-uuid", mine.token],
    ];
    for (const [id, token] of attempts) {
      const res = await call(id, token, { task_id: mine.row.taskId, status: "SUCCESS" });
      expect(res.status, `${id}/${token}`).toBe(404);
      const body = (await res.json()) as { error: { type: string } };
      expect(body.error.type).toBe("not_found");
    }
    const after = await reread(u, mine.row.taskId);
    expect(after.nextCheckAt?.getTime()).toBe(mine.row.nextCheckAt?.getTime());
    expect(after.status).toBe("IN_PROGRESS");

    // The right token on the right task does it.
    expect((await call(mine.row.id, mine.token)).status).toBe(200);
    expect((await reread(u, mine.row.taskId)).nextCheckAt!.getTime()).toBeLessThanOrEqual(
      Date.now(),
    );
    // …for that task only.
    expect((await reread(u, other.row.taskId)).nextCheckAt?.getTime()).toBe(
      other.row.nextCheckAt?.getTime(),
    );
  });

  it("never believes the body: a callback saying SUCCESS for a running task changes no status", async () => {
    const u = await h().makeUser();
    const { row, token } = await create(u, slowVideo, "videos");
    const lie = {
      code: 200,
      message: "success",
      data: {
        task_id: row.taskId,
        status: "SUCCESS",
        consumed_credits: 0,
        error_message: null,
        response: ["https://evil.example.com/x.mp4"],
      },
    };
    const res = await call(row.id, token, lie);
    expect(res.status).toBe(200);
    expect(await reread(u, row.taskId)).toMatchObject({ status: "IN_PROGRESS", response: [] });

    // The tracker asks the upstream instead, which says the task is still running.
    await startProcessTracker(h().opened.db, false);
    const checked = await until(
      () => reread(u, row.taskId),
      (r) => r.checks > 0,
    );
    expect(checked).toMatchObject({
      status: "IN_PROGRESS",
      response: [],
      consumedCredits: null,
      trackingState: "scheduled",
    });
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
  });

  it("answers a finished task's callback without checking it again", async () => {
    const u = await h().makeUser();
    const { row, token } = await create(u, slowVideo, "videos");
    await h()
      .opened.db.update(tasks)
      .set({ status: "SUCCESS", nextCheckAt: null, trackingState: "done" })
      .where(eq(tasks.id, row.id));
    expect((await call(row.id, token)).status).toBe(200);
    expect((await reread(u, row.taskId)).nextCheckAt).toBeNull();
  });

  it("a task finishing after the tracker stopped asking (timed out) is checked when its callback comes", async () => {
    await startProcessTracker(h().opened.db, false);
    const u = await h().makeUser();
    // Finishes upstream in 0.3–1.5 s; before that the tracker gives up on it.
    const { row } = await create(u, { ...fox, prompt: "a red fox in the snow [sim:slow]" });
    await timeOutTask(h().opened.db, row.taskId);
    const delivery = await until(
      async () => deliveries.find((d) => d.id === row.id),
      (d) => d !== undefined,
    );
    expect(delivery?.status).toBe(200);
    // API in One said the task changed: ask it once, whatever our ceiling said.
    const after = await until(
      () => reread(u, row.taskId),
      (r) => r.status === "SUCCESS",
      3000,
    );
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
    expect(after).toMatchObject({ status: "SUCCESS", trackingState: "done" });
  });

  it("a callback that arrives while the task's status check is in flight is not lost", async () => {
    const u = await h().makeUser();
    const { row, token } = await create(u, slowVideo, "videos");
    // The status answer takes a while, as a busy upstream's does.
    await adminPost(h().sim, `/keys/${u.upstreamKey}`, { statusDelayMs: 300 });
    await h()
      .opened.db.update(tasks)
      .set({ nextCheckAt: sql`now()` })
      .where(eq(tasks.id, row.id));
    const owner = "tracker-under-test";
    const leased = (await leaseDueTasks(h().opened.db, owner, 100, 60_000)).find(
      (r) => r.id === row.id,
    );
    await releaseLeases(h().opened.db, { owner }).catch(() => undefined);
    expect(leased).toBeDefined();
    await h()
      .opened.db.update(tasks)
      .set({ leaseOwner: owner, leaseUntil: sql`now() + interval '1 minute'` })
      .where(eq(tasks.id, row.id));
    const checking = workOnTask({ db: h().opened.db, owner }, leased!);
    await new Promise((r) => setTimeout(r, 100));
    // The task changes upstream and its callback lands while that check is still on its way.
    expect((await call(row.id, token)).status).toBe(200);
    await checking;
    expect(await h().count(u.upstreamKey, statusGets)).toBe(1);
    const after = await reread(u, row.taskId);
    expect(after.checks).toBe(1);
    // The callback asked for a check now: the check that was already in flight cannot have
    // seen what the callback announced, so another one is due at once, not at the schedule.
    expect(after.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("takes POST only", async () => {
    const res = await GET(new Request(`${publicUrl}/api/callbacks/tasks/x/y`), {
      params: Promise.resolve({ id: "x", token: "y" }),
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("POST");
  });
});
