// The mirrored task routes and the task list/status routes, called as Next would call them
// (a Request and the segment params), authenticated by app tokens.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as getTask } from "@/app/api/v1/tasks/[task_id]/route";
import { GET as listTasks } from "@/app/api/v1/tasks/route";
import { routes, type RouteId } from "@/lib/catalog";
import { minimalBodies } from "@/lib/catalog/test-bodies";
import { taskListReplySchema, taskStatusReplySchema } from "@/lib/schemas/tasks";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { startTracker } from "@/lib/server/tracker/tracker";
import type { TestUser } from "./test-harness";

const h = setupTaskHarness({ env: { TRACKER_SPEED: "100", MIRROR_OUTPUTS: "0" } });

type Handler = (req: Request, segment: { params: Promise<never> }) => Promise<Response>;

const postRoutes: Record<RouteId, () => Promise<{ POST: Handler }>> = {
  images: () => import("@/app/api/v1/images/generations/route"),
  videos: () => import("@/app/api/v1/videos/generations/route"),
  music: () => import("@/app/api/v1/audio/music/route"),
  speech: () => import("@/app/api/v1/audio/speech/route"),
  "remove-bg": () => import("@/app/api/v1/images/tools/remove-bg/route"),
  "face-swap": () => import("@/app/api/v1/images/tools/face-swap/route"),
  upscale: () => import("@/app/api/v1/images/tools/upscale/route"),
  "video-bg-remover": () => import("@/app/api/v1/videos/tools/bg-remover/route"),
};

const origin = "http://localhost:3000";

function headers(u: TestUser | null, extra: Record<string, string> = {}) {
  return {
    "content-type": "application/json",
    ...(u && { authorization: `Bearer ${u.token}` }),
    ...extra,
  };
}

async function post(
  route: RouteId,
  u: TestUser | null,
  body: unknown,
  extra?: Record<string, string>,
) {
  const { POST } = await postRoutes[route]();
  const req = new Request(`${origin}/api/v1${routes[route].path}`, {
    method: "POST",
    headers: headers(u, extra),
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return POST(req, { params: Promise.resolve({} as never) });
}

function read(u: TestUser | null, taskId: string) {
  const req = new Request(`${origin}/api/v1/tasks/${encodeURIComponent(taskId)}`, {
    headers: headers(u),
  });
  return getTask(req, { params: Promise.resolve({ task_id: taskId }) });
}

function list(u: TestUser, query = "") {
  const req = new Request(`${origin}/api/v1/tasks${query}`, { headers: headers(u) });
  return listTasks(req, { params: Promise.resolve({}) });
}

async function taskIdOf(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: { task_id: string } };
  return body.data.task_id;
}

const fox = { model: "flux-2", prompt: "a red fox in the snow" };

describe("POST /api/v1/<route>", () => {
  it.each(Object.entries(minimalBodies))(
    "creates a task in the upstream's envelope and stores it: %s",
    async (_slug, { route, body }) => {
      const u = await h().makeUser();
      const res = await post(route, u, body);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
      const reply = (await res.json()) as { data: { task_id: string } };
      expect(reply).toEqual({
        code: 200,
        message: "success",
        data: { task_id: expect.any(String), status: "IN_PROGRESS" },
      });
      const status = await read(u, reply.data.task_id);
      expect(status.status).toBe(200);
      const parsed = taskStatusReplySchema.parse(await status.json());
      expect(parsed.data).toMatchObject({ task_id: reply.data.task_id, request: body });
    },
  );

  it("answers 401 without a session or token, and calls nothing upstream", async () => {
    const res = await post("images", null, fox);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { type: "authentication_error", source: "studio", may_have_been_charged: false },
    });
  });

  it("answers 400 naming the field for a bad body, with no upstream call", async () => {
    const u = await h().makeUser();
    const res = await post("images", u, { model: "flux-2", prompt: "x" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 400,
        type: "invalid_request",
        message: expect.stringMatching(/^prompt: /),
        param: "prompt",
        source: "studio",
        may_have_been_charged: false,
        request_id: expect.stringMatching(/^req_/),
      },
    });
    const notJson = await post("images", u, "{nope");
    expect(notJson.status).toBe(400);
    expect(await h().count(u.upstreamKey, "POST /images/generations")).toBe(0);
  });

  it("repeats the first answer for the same Idempotency-Key, marked as replayed", async () => {
    const u = await h().makeUser();
    const key = { "Idempotency-Key": "form-submit-1" };
    const first = await post("images", u, fox, key);
    const again = await post("images", u, fox, key);
    expect(await taskIdOf(again)).toBe(await taskIdOf(first));
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await h().count(u.upstreamKey, "POST /images/generations")).toBe(1);
  });

  it("refuses a malformed Idempotency-Key", async () => {
    const u = await h().makeUser();
    for (const bad of ["", "x".repeat(256), "tab\there"]) {
      const res = await post("images", u, fox, { "Idempotency-Key": bad });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { message: expect.stringMatching(/^Idempotency-Key: /) },
      });
    }
  });

  it("maps a rejected upstream key to 401 marked as coming from the upstream", async () => {
    const u = await h().makeUser({ key: "aio_revoked_route_9f8e7d" });
    const res = await post("images", u, fox);
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { source: "upstream", may_have_been_charged: false },
    });
    expect(text).toContain("API in One rejected your API key");
    expect(text).not.toContain("aio_revoked_route_9f8e7d");
  });

  it("passes a 429's Retry-After through", async () => {
    const u = await h().makeUser();
    await h().setRateLimit(u.upstreamKey, 1);
    await post("images", u, fox);
    const res = await post("images", u, fox);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("never shows the server's key in an answer", async () => {
    const u = await h().makeUser({ key: null });
    const ok = await post("images", u, fox);
    const id = await taskIdOf(ok);
    const all = [
      JSON.stringify(await (await read(u, id)).json()),
      JSON.stringify(await (await list(u)).json()),
      await (await post("images", u, { ...fox, prompt: "a fox [sim:500]" })).text(),
    ].join("\n");
    expect(all).not.toContain(h().serverKey);
  });
});

describe("GET /api/v1/tasks/{task_id}", () => {
  it("answers 404 for another user's task and for an unknown one", async () => {
    const owner = await h().makeUser();
    const other = await h().makeUser();
    const id = await taskIdOf(await post("images", owner, fox));
    for (const res of [await read(other, id), await read(owner, "no-such-task")]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        error: { code: 404, type: "not_found", message: "Task not found", param: null },
      });
    }
    expect((await read(null, id)).status).toBe(401);
  });

  it("shows what the tracker stored, and reading never asks the upstream", async () => {
    const u = await h().makeUser();
    const id = await taskIdOf(await post("images", u, fox));
    await new Promise((r) => setTimeout(r, 200));
    // Finished upstream, but nobody has checked yet: reading shows the stored state, asks nothing.
    const before = taskStatusReplySchema.parse(await (await read(u, id)).json());
    expect(before.data.status).toBe("IN_PROGRESS");
    expect(await h().count(u.upstreamKey, "GET /tasks/{task_id}")).toBe(0);

    const tracker = startTracker(h().opened.db, { tickMs: 20 });
    try {
      await h().opened.db.execute(
        sql`update tasks set next_check_at = now() where task_id = ${id}`,
      );
      await expect
        .poll(async () => taskStatusReplySchema.parse(await (await read(u, id)).json()).data.status)
        .toBe("SUCCESS");
    } finally {
      await tracker.stop();
    }
    const reply = taskStatusReplySchema.parse(await (await read(u, id)).json());
    expect(reply.data).toMatchObject({ status: "SUCCESS", error_message: null });
    expect(reply.data.response).toHaveLength(1);
    expect(reply.data.consumed_credits).toBeGreaterThan(0);
    const checks = await h().count(u.upstreamKey, "GET /tasks/{task_id}");
    expect(checks).toBe(1);
    for (let i = 0; i < 5; i++) await read(u, id);
    expect(await h().count(u.upstreamKey, "GET /tasks/{task_id}")).toBe(checks);
  });
});

describe("GET /api/v1/tasks", () => {
  it("lists the user's own tasks newest first, filtered", async () => {
    const u = await h().makeUser();
    const other = await h().makeUser();
    await post("images", other, fox);
    const img = await taskIdOf(await post("images", u, fox));
    const vid = await taskIdOf(await post("videos", u, { model: "kling-3", prompt: "a fox runs" }));
    const cut = await taskIdOf(await post("remove-bg", u, minimalBodies["bg-remover"]?.body));
    await h().opened.db.execute(sql`update tasks set status = 'SUCCESS' where task_id = ${img}`);

    const all = taskListReplySchema.parse(await (await list(u)).json());
    expect(all.tasks.map((t) => t.task_id)).toEqual([cut, vid, img]);
    expect(all.tasks[2]).toMatchObject({
      route: "images",
      model: "flux-2",
      model_value: "flux-2",
      output: "image",
      prompt_preview: fox.prompt,
    });
    const ids = async (q: string) =>
      taskListReplySchema.parse(await (await list(u, q)).json()).tasks.map((t) => t.task_id);
    expect(await ids("?route=videos")).toEqual([vid]);
    expect(await ids("?output=image")).toEqual([cut, img]);
    expect(await ids("?output=image&status=SUCCESS")).toEqual([img]);
    expect(await ids("?route=videos&output=image")).toEqual([]);
    expect(await ids("?limit=1")).toEqual([cut]);
  });

  it("refuses unknown filters with 400", async () => {
    const u = await h().makeUser();
    for (const q of ["?route=chat", "?status=done", "?limit=0", "?limit=1000", "?output=text"]) {
      const res = await list(u, q);
      expect(res.status).toBe(400);
    }
  });
});
