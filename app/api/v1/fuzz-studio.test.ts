// Volume fuzz of the Studio's own /api/v1 routes that take a body: conversations, chat turns,
// comparisons, app tokens, keys, a task's name and star (query strings, ids and uploads:
// fuzz-params.test.ts).
// Handlers called in-process with an app token, as Next calls them. For every request: never a
// 5xx, every refusal in the one error shape naming the field, the route's own zod schema decides
// accept or refuse, and an upstream call only comes from an accepted request.
//
// FUZZ_BODIES requests per route (200 in npm test, 5,000 in npm run test:hardening); FUZZ_SEED
// replays a failure.
import assert from "node:assert/strict";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { saveKeySchema, createTokenSchema } from "@/lib/schemas/account";
import { chatCreateSchema, chatPatchSchema, chatTurnSchema } from "@/lib/schemas/chat";
import { comparisonCreateSchema, comparisonPatchSchema } from "@/lib/schemas/compare";
import { taskCreatedReplySchema, taskPatchSchema } from "@/lib/schemas/tasks";
import { chatBodyLimitBytes } from "@/lib/server/chat/chat-limits";
import type { RouteHandler } from "@/lib/server/define-route";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { expectError, type Answer } from "@/lib/testing/fuzz/answers";
import {
  anyText,
  bodyProblem,
  goodChatTool,
  json,
  near,
  recordBodyText,
  text,
} from "@/lib/testing/fuzz/bodies";
import {
  fuzzBodies,
  fuzzHandler,
  upstreamCalls,
  type FuzzCase,
} from "@/lib/testing/fuzz/in-process";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import * as chat from "./chats/[id]/route";
import * as chatMessages from "./chats/[id]/messages/route";
import * as chats from "./chats/route";
import * as comparison from "./comparisons/[id]/route";
import * as comparisons from "./comparisons/route";
import { POST as images } from "./images/generations/route";
import * as keys from "./keys/route";
import * as task from "./tasks/[task_id]/route";
import * as tokens from "./tokens/route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0", UPSTREAM_RATE_LIMIT: "100000" } });
const total = fuzzBodies(200);
const timeout = 60_000 + total * 60;

/**
 * A user whose key can pay for everything the fuzz gets accepted: the simulator counts refused
 * requests too, so an empty balance (402s) would read as calls without a creation.
 */
const user = () => h().makeUser({ credits: 1e9 });

interface SchemaTarget {
  handler: RouteHandler;
  method: string;
  path: string;
  params?: Record<string, string>;
  schema: z.ZodType;
  fields: Record<string, fc.Arbitrary<unknown>>;
  valid: Record<string, unknown>;
  /** Statuses an accepted body may get (the first is the usual one). */
  accepted: number[];
  /** The route's body limit when it is not the usual 1 MB. */
  maxBodyBytes?: number;
}

/**
 * Bodies around `valid`, judged by the route's schema: refused → 400 (413 past the size cap)
 * naming a field, nothing charged; accepted → one of `accepted`. Returns the count accepted.
 */
async function fuzzSchemaRoute(u: TestUser, target: SchemaTarget) {
  const accepted: Answer[] = [];
  const cases = recordBodyText(target.fields, target.valid).map((source): FuzzCase => ({
    call: {
      method: target.method,
      path: target.path,
      body: source,
      token: u.token,
      ...(target.params && { params: target.params }),
    },
    check(answer, what) {
      const read = bodyProblem(source, target.maxBodyBytes);
      const ok = !("expected" in read) && target.schema.safeParse(read.value).success;
      if (ok) {
        assert.ok(
          target.accepted.includes(answer.status),
          `${what} → ${answer.status} ${answer.text.slice(0, 300)}`,
        );
        if (answer.status < 300) accepted.push(answer);
      } else {
        const error = expectError(
          answer,
          {
            status: "expected" in read ? read.expected.status : 400,
            type: "invalid_request",
            source: "studio",
            charged: false,
          },
          what,
        );
        assert.ok(error.param, `${what}: names the field`);
      }
    },
  }));
  const tally = await fuzzHandler(target.handler, cases, total);
  expect(accepted.length, "some generated bodies are accepted").toBeGreaterThan(0);
  expect(accepted.length, "and most are not").toBeLessThan(tally.requests);
  return accepted;
}

const title = near(fc.constantFrom("Trip ideas", "Queue in TypeScript", "", " "), text);
const settings = near(
  fc.record(
    {
      system_prompt: near(fc.constantFrom("Answer briefly.", ""), text),
      reasoning_effort: near(fc.constantFrom("low", "high", "max")),
      include_thoughts: near(fc.boolean()),
      json_mode: near(fc.boolean()),
      tools: near(fc.constant([goodChatTool]), fc.constant([]), fc.array(json, { maxLength: 2 })),
    },
    { requiredKeys: [] },
  ),
);

async function newChat(u: TestUser): Promise<string> {
  const req = new Request("http://localhost:3000/api/v1/chats", {
    method: "POST",
    headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
    body: "{}",
  });
  const res = await chats.POST(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function newTask(u: TestUser): Promise<string> {
  const req = new Request("http://localhost:3000/api/v1/images/generations", {
    method: "POST",
    headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "flux-2", prompt: "a red fox in the snow" }),
  });
  const res = await images(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return taskCreatedReplySchema.parse(await res.json()).data.task_id;
}

describe("bodies", () => {
  it(
    `POST /api/v1/chats: ${total} bodies, decided by the conversation schema`,
    async () => {
      const u = await user();
      await fuzzSchemaRoute(u, {
        handler: chats.POST,
        method: "POST",
        path: "/api/v1/chats",
        schema: chatCreateSchema,
        fields: { title, settings },
        valid: { title: "Trip ideas" },
        accepted: [201],
      });
      expect(await upstreamCalls(h().sim, u.upstreamKey)).toEqual({});
    },
    timeout,
  );

  it(
    `PATCH /api/v1/chats/{id}: ${total} bodies; a branch that is not the chat's is refused`,
    async () => {
      const u = await user();
      const id = await newChat(u);
      await fuzzSchemaRoute(u, {
        handler: chat.PATCH,
        method: "PATCH",
        path: `/api/v1/chats/${id}`,
        params: { id },
        schema: chatPatchSchema,
        fields: { title, settings, active_leaf_id: near(fc.uuid()) },
        valid: { title: "Renamed" },
        // An unknown active_leaf_id is the user's mistake about this chat: 400 or 404.
        accepted: [200, 400, 404],
      });
      expect(await upstreamCalls(h().sim, u.upstreamKey)).toEqual({});
    },
    timeout,
  );

  it(
    `POST /api/v1/chats/{id}/messages: ${total} turns; one upstream call per turn answered`,
    async () => {
      const u = await user();
      const id = await newChat(u);
      const answered = await fuzzSchemaRoute(u, {
        handler: chatMessages.POST,
        method: "POST",
        path: `/api/v1/chats/${id}/messages`,
        params: { id },
        schema: chatTurnSchema,
        fields: {
          parent_id: near(fc.constant(null), fc.uuid()),
          message: near(
            fc.record(
              {
                role: near(fc.constantFrom("user", "tool", "assistant")),
                content: near(fc.constantFrom("Hello", ""), text),
                tool_call_id: near(fc.constantFrom("call_1", "")),
              },
              { requiredKeys: [] },
            ),
          ),
        },
        valid: { parent_id: null, message: { role: "user", content: "Hello" } },
        // A parent that is not in this chat, or a tool result with no call to answer: 4xx.
        accepted: [200, 400, 404, 409],
        maxBodyBytes: chatBodyLimitBytes,
      });
      const calls = await upstreamCalls(h().sim, u.upstreamKey);
      expect(calls, JSON.stringify(calls)).toEqual(
        answered.length > 0 ? { "POST /chat/completions": answered.length } : {},
      );
    },
    timeout,
  );

  it(
    `POST /api/v1/comparisons: ${total} bodies; upstream tasks only for the columns created`,
    async () => {
      const u = await user();
      const good = fc.constantFrom(
        { model: "flux-2", prompt: "a red fox" },
        { model: "seedream-4-5", prompt: "a red fox" },
      );
      const column = near(
        good,
        fc.constantFrom(
          { model: "flux-2", prompt: "" },
          { model: "no-such-model", prompt: "a red fox" },
        ),
        fc.dictionary(anyText, json, { maxKeys: 3 }),
      );
      const created = await fuzzSchemaRoute(u, {
        handler: comparisons.POST,
        method: "POST",
        path: "/api/v1/comparisons",
        schema: comparisonCreateSchema,
        fields: {
          route: near(fc.constantFrom("images", "videos", "music", "speech", "chat", "Images")),
          prompt: near(fc.constantFrom("a red fox", "", " "), text),
          blind: near(fc.boolean()),
          columns: near(
            fc.array(good, { minLength: 2, maxLength: 4 }),
            fc.array(column, { maxLength: 5 }),
          ),
        },
        valid: {
          route: "images",
          prompt: "a red fox",
          columns: [
            { model: "flux-2", prompt: "a red fox" },
            { model: "seedream-4-5", prompt: "a red fox" },
          ],
        },
        // A column the route's own rules refuse is named: 400, and nothing is created.
        accepted: [201, 400],
      });
      const columns = created.flatMap(
        (a) =>
          (a.json as { comparison: { columns: { task_id: string | null }[] } }).comparison.columns,
      );
      const tasksCreated = columns.filter((c) => c.task_id !== null).length;
      const calls = await upstreamCalls(h().sim, u.upstreamKey);
      const taskPosts = Object.entries(calls)
        .filter(([route]) => route.startsWith("POST ") && route !== "POST /chat/completions")
        .reduce((n, [, count]) => n + count, 0);
      expect(taskPosts, JSON.stringify(calls)).toBe(tasksCreated);
    },
    timeout,
  );

  it(
    `PATCH /api/v1/comparisons/{id}: ${total} bodies, decided by the favourite's schema`,
    async () => {
      const u = await user();
      const req = new Request("http://localhost:3000/api/v1/comparisons", {
        method: "POST",
        headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
        body: JSON.stringify({
          route: "images",
          prompt: "a red fox",
          columns: [
            { model: "flux-2", prompt: "a red fox" },
            { model: "seedream-4-5", prompt: "a red fox" },
          ],
        }),
      });
      const res = await comparisons.POST(req, { params: Promise.resolve({}) });
      expect(res.status).toBe(201);
      const id = ((await res.json()) as { comparison: { id: string } }).comparison.id;
      await fuzzSchemaRoute(u, {
        handler: comparison.PATCH,
        method: "PATCH",
        path: `/api/v1/comparisons/${id}`,
        params: { id },
        schema: comparisonPatchSchema,
        fields: { favorite_column: near(fc.integer({ min: -1, max: 4 }), fc.constant(null)) },
        valid: { favorite_column: 0 },
        // Column 2 or 3 of a two-column comparison: 400 naming favorite_column.
        accepted: [200, 400],
      });
    },
    timeout,
  );

  it(
    `POST /api/v1/tokens: ${total} bodies, decided by the token schema`,
    async () => {
      const u = await user();
      await fuzzSchemaRoute(u, {
        handler: tokens.POST,
        method: "POST",
        path: "/api/v1/tokens",
        schema: createTokenSchema,
        fields: { name: near(fc.constantFrom("ci", "laptop", "", " "), text) },
        valid: { name: "ci" },
        accepted: [201],
      });
    },
    timeout,
  );

  it(
    `PUT /api/v1/keys: ${total} bodies; only a well-formed key is ever checked upstream`,
    async () => {
      const u = await user();
      const saved = await fuzzSchemaRoute(u, {
        handler: keys.PUT,
        method: "PUT",
        path: "/api/v1/keys",
        schema: saveKeySchema,
        fields: {
          key: near(
            fc
              .tuple(
                fc.constantFrom("aio_fz_", "aio_revoked_fz_", " aio_fz_", "sk-"),
                fc.string({
                  unit: fc.constantFrom(..."abcXYZ0189_-"),
                  minLength: 2,
                  maxLength: 24,
                }),
              )
              .map(([a, b]) => a + b),
          ),
        },
        valid: { key: "aio_fz_valid_key_1" },
        // A key the upstream refuses (revoked): 400 naming the key, nothing saved.
        accepted: [200, 400],
      });
      expect(saved.length).toBeGreaterThan(0);
    },
    timeout,
  );

  it(
    `PATCH /api/v1/tasks/{task_id}: ${total} bodies, decided by the task's schema`,
    async () => {
      const u = await user();
      const id = await newTask(u);
      await fuzzSchemaRoute(u, {
        handler: task.PATCH,
        method: "PATCH",
        path: `/api/v1/tasks/${id}`,
        params: { task_id: id },
        schema: taskPatchSchema,
        fields: {
          favorite: near(fc.boolean()),
          title: near(fc.constantFrom("Fox", "", null), text),
        },
        valid: { favorite: true },
        accepted: [200],
      });
    },
    timeout,
  );
});
