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
