// /api/v1/comparisons: every column is checked before any task exists, each column becomes one
// task through the mirrored routes' own path, and a comparison is only ever its owner's. Called as
// Next would call the handlers, authenticated by app tokens, against the simulator over HTTP.
import { describe, expect, it } from "vitest";
import {
  comparisonListReplySchema,
  comparisonReplySchema,
  type Comparison,
} from "@/lib/schemas/compare";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET as list, POST } from "./route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

const origin = "http://localhost:3000";
const creates = "POST /images/generations";
const prompt = "a lighthouse on a cliff at dusk";

function headers(u: TestUser | null) {
  return {
    "content-type": "application/json",
    ...(u && { authorization: `Bearer ${u.token}` }),
  };
}

const three = [
  { model: "flux-2", prompt },
  { model: "seedream-4-5", prompt },
  { model: "gpt-image-1.5-official", prompt },
];

function create(u: TestUser | null, body: unknown) {
  const req = new Request(`${origin}/api/v1/comparisons`, {
    method: "POST",
    headers: headers(u),
    body: JSON.stringify(body),
  });
  return POST(req, { params: Promise.resolve({}) });
}

async function created(u: TestUser, body: unknown): Promise<Comparison> {
  const res = await create(u, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return comparisonReplySchema.parse(await res.json()).comparison;
}

function one(u: TestUser | null, id: string, init: RequestInit = {}) {
  const req = new Request(`${origin}/api/v1/comparisons/${id}`, { headers: headers(u), ...init });
  const handler = init.method === "PATCH" ? PATCH : init.method === "DELETE" ? DELETE : getOne;
  return handler(req, { params: Promise.resolve({ id }) });
}

const pick = (u: TestUser, id: string, column: number | null) =>
  one(u, id, { method: "PATCH", body: JSON.stringify({ favorite_column: column }) });

describe("POST /api/v1/comparisons", () => {
  it("creates one task per column and stores their ids with the comparison", async () => {
    const u = await h().makeUser();
    const comparison = await created(u, { route: "images", prompt, columns: three });
    expect(comparison).toMatchObject({
      route: "images",
      prompt,
      blind: false,
      favorite_column: null,
    });
    expect(comparison.columns.map((c) => c.model)).toEqual(three.map((b) => b.model));
    for (const column of comparison.columns) {
      expect(column.error).toBeNull();
      expect(column.task_id).toEqual(expect.any(String));
      expect(column.task).toMatchObject({ task_id: column.task_id, route: "images" });
    }
    expect(await h().count(u.upstreamKey, creates)).toBe(3);
    // The link shows the same comparison.
    const res = await one(u, comparison.id);
    expect(res.status).toBe(200);
    const again = comparisonReplySchema.parse(await res.json()).comparison;
    expect(again.columns.map((c) => c.task_id)).toEqual(comparison.columns.map((c) => c.task_id));
  });

  it("refuses a bad column naming it, before any task is created", async () => {
    const u = await h().makeUser();
    const res = await create(u, {
      route: "images",
      prompt,
      columns: [three[0], { model: "seedream-4-5", prompt: "x" }, three[2]],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 400,
        type: "invalid_request",
        message: expect.stringMatching(/^columns\[1\]\.prompt: /),
        param: "columns[1].prompt",
        source: "studio",
        may_have_been_charged: false,
        request_id: expect.stringMatching(/^req_/),
      },
    });
    // A model of another kind, and a field the model does not take, are refused the same way.
    const wrongKind = await create(u, {
      route: "images",
      prompt,
      columns: [three[0], { model: "kling-3", prompt }],
    });
    expect(wrongKind.status).toBe(400);
    expect(await wrongKind.json()).toMatchObject({ error: { param: "columns[1].model" } });
    const unknownField = await create(u, {
      route: "images",
      prompt,
      columns: [{ ...three[0], colour: "red" }, three[1]],
    });
    expect(await unknownField.json()).toMatchObject({ error: { param: "columns[0].colour" } });
    expect(await h().count(u.upstreamKey, creates)).toBe(0);
    const listed = await list(
      new Request(`${origin}/api/v1/comparisons`, { headers: headers(u) }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(comparisonListReplySchema.parse(await listed.json()).comparisons).toEqual([]);
  });

  it("refuses one column, or more than four", async () => {
    const u = await h().makeUser();
    const single = await create(u, { route: "images", prompt, columns: [three[0]] });
    expect(await single.json()).toMatchObject({ error: { param: "columns" } });
    const five = await create(u, {
      route: "images",
      prompt,
      columns: [...three, ...three.slice(0, 2)],
    });
    expect(await five.json()).toMatchObject({ error: { param: "columns" } });
    expect(await h().count(u.upstreamKey, creates)).toBe(0);
  });

  it("keeps a column whose task the upstream refused, with the reason, and runs the others", async () => {
    const u = await h().makeUser();
    const comparison = await created(u, {
      route: "images",
      prompt,
      columns: [three[0], { ...three[1], prompt: `${prompt} [sim:500]` }],
    });
    expect(comparison.columns[0]).toMatchObject({ error: null, task_id: expect.any(String) });
    expect(comparison.columns[1]).toMatchObject({
      task_id: null,
      task: null,
      error: { type: "server_error", message: expect.any(String) },
    });
    const reread = comparisonReplySchema.parse(await (await one(u, comparison.id)).json());
    expect(reread.comparison.columns[1]?.error?.type).toBe("server_error");
  });

  it("answers 401 without a session or token", async () => {
    const res = await create(null, { route: "images", prompt, columns: three });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: "authentication_error" } });
  });
});

describe("a saved comparison", () => {
  it("keeps the favourite, and lists the newest first", async () => {
    const u = await h().makeUser();
    const first = await created(u, { route: "images", prompt, blind: true, columns: three });
    const second = await created(u, {
      route: "images",
      prompt: "a fox",
      columns: three.slice(0, 2).map((b) => ({ ...b, prompt: "a red fox" })),
    });
    expect(first.blind).toBe(true);
    // Blind columns are shuffled, but each keeps its own model and task.
    expect(first.columns.map((c) => c.model).sort()).toEqual(three.map((b) => b.model).sort());
    for (const c of first.columns) expect(c.task?.model).toBe(c.model);

    const res = await pick(u, first.id, 2);
    expect(res.status).toBe(200);
    expect(comparisonReplySchema.parse(await res.json()).comparison.favorite_column).toBe(2);
    const reread = comparisonReplySchema.parse(await (await one(u, first.id)).json()).comparison;
    expect(reread.favorite_column).toBe(2);

    const tooFar = await pick(u, second.id, 3);
    expect(tooFar.status).toBe(400);
    expect(await tooFar.json()).toMatchObject({ error: { param: "favorite_column" } });

    const listed = await list(
      new Request(`${origin}/api/v1/comparisons`, { headers: headers(u) }),
      {
        params: Promise.resolve({}),
      },
    );
    const { comparisons } = comparisonListReplySchema.parse(await listed.json());
    expect(comparisons.map((c) => c.id)).toEqual([second.id, first.id]);
    expect(comparisons[1]?.favorite_column).toBe(2);
  });

  it("is 404 for another user (read, pick, delete) and 401 without a session", async () => {
    const owner = await h().makeUser();
    const stranger = await h().makeUser();
    const comparison = await created(owner, {
      route: "images",
      prompt,
      columns: three.slice(0, 2),
    });
    for (const res of [
      await one(stranger, comparison.id),
      await pick(stranger, comparison.id, 0),
      await one(stranger, comparison.id, { method: "DELETE" }),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { type: "not_found" } });
    }
    expect((await one(null, comparison.id)).status).toBe(401);
    const stillMine = comparisonReplySchema.parse(await (await one(owner, comparison.id)).json());
    expect(stillMine.comparison.favorite_column).toBeNull();
    const strangersList = await list(
      new Request(`${origin}/api/v1/comparisons`, { headers: headers(stranger) }),
      { params: Promise.resolve({}) },
    );
    expect(comparisonListReplySchema.parse(await strangersList.json()).comparisons).toEqual([]);
  });

  it("deletes the comparison but keeps its tasks", async () => {
    const u = await h().makeUser();
    const comparison = await created(u, { route: "images", prompt, columns: three.slice(0, 2) });
    const res = await one(u, comparison.id, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: comparison.id, deleted: true });
    expect((await one(u, comparison.id)).status).toBe(404);
    const { GET: getTask } = await import("@/app/api/v1/tasks/[task_id]/route");
    const taskId = comparison.columns[0]?.task_id ?? "";
    const task = await getTask(
      new Request(`${origin}/api/v1/tasks/${taskId}`, { headers: headers(u) }),
      { params: Promise.resolve({ task_id: taskId }) },
    );
    expect(task.status).toBe(200);
  });
});

describe("a chat comparison", () => {
  const chats = "POST /chat/completions";
  const question = "Explain a hash map in two sentences.";
  const chatColumn = (extra: Record<string, unknown> = {}) => ({
    model: "gemini",
    messages: [{ role: "user", content: question }],
    include_thoughts: true,
    ...extra,
  });

  /** Reads the comparison until no answer is on its way (they are written as the calls end). */
  async function answered(u: TestUser, id: string): Promise<Comparison> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await one(u, id);
      const comparison = comparisonReplySchema.parse(await res.json()).comparison;
      if (comparison.columns.every((c) => c.answer?.status !== "streaming")) return comparison;
      if (Date.now() > deadline) throw new Error("the answers never arrived");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("answers each column's settings in place, with its cost, and a resend calls nothing again", async () => {
    const u = await h().makeUser();
    const body = {
      route: "chat",
      prompt: question,
      columns: [
        chatColumn({ reasoning_effort: "low" }),
        chatColumn({ reasoning_effort: "high", response_format: { type: "json_object" } }),
      ],
    };
    const send = () =>
      POST(
        new Request(`${origin}/api/v1/comparisons`, {
          method: "POST",
          headers: { ...headers(u), "idempotency-key": "chat-compare-1" },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({}) },
      );
    const res = await send();
    expect(res.status).toBe(201);
    const first = comparisonReplySchema.parse(await res.json()).comparison;
    expect(first.route).toBe("chat");
    // Stored before any answer: each column waits for its own.
    expect(first.columns.map((c) => c.answer?.status)).toEqual(["streaming", "streaming"]);
    expect(first.columns.every((c) => c.body.stream === false)).toBe(true);

    const done = await answered(u, first.id);
    for (const column of done.columns) {
      expect(column.task_id).toBeNull();
      expect(column.answer).toMatchObject({ status: "complete", error: null });
      expect(column.answer?.content).not.toBe("");
      expect(column.answer?.credits).toEqual(expect.any(Number));
      expect(column.answer?.usage?.total_tokens).toBeGreaterThan(0);
    }
    // The JSON-mode column's answer is JSON.
    expect(() => JSON.parse(done.columns[1]!.answer!.content)).not.toThrow();
    expect(await h().count(u.upstreamKey, chats)).toBe(2);

    // The same key again: the same comparison, and no call is paid for twice.
    const replay = await send();
    expect(replay.status).toBe(201);
    expect(comparisonReplySchema.parse(await replay.json()).comparison.id).toBe(first.id);
    expect(await h().count(u.upstreamKey, chats)).toBe(2);
    // The same key with another message is refused: it would not be the same request.
    body.prompt = "Something else";
    const other = await send();
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ error: { param: "Idempotency-Key" } });
    expect(await h().count(u.upstreamKey, chats)).toBe(2);
  });

  it("refuses a bad column naming its field, before any call", async () => {
    const u = await h().makeUser();
    const res = await create(u, {
      route: "chat",
      prompt: question,
      columns: [chatColumn(), chatColumn({ reasoning_effort: "medium" })],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { type: "invalid_request", param: "columns[1].reasoning_effort" },
    });
    expect(await h().count(u.upstreamKey, chats)).toBe(0);
  });

  it("keeps an answer the upstream refused as that column's error", async () => {
    const u = await h().makeUser();
    const comparison = await created(u, {
      route: "chat",
      prompt: question,
      columns: [
        chatColumn(),
        chatColumn({ messages: [{ role: "user", content: `${question} [sim:500]` }] }),
      ],
    });
    const done = await answered(u, comparison.id);
    expect(done.columns[0]?.answer?.status).toBe("complete");
    expect(done.columns[1]?.answer).toMatchObject({
      status: "error",
      error: { type: expect.any(String) },
    });
  });
});
