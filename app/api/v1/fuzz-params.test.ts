// Volume fuzz of what the /api/v1 routes read besides a JSON body: every list's query string,
// every id in a path, and upload bodies. Handlers called in-process with an app token, as Next
// calls them. Never a 5xx; refusals in the one error shape; the list's own zod schema decides a
// query; an id that names nothing of the user's is 404 and reaches nothing upstream.
//
// FUZZ_BODIES requests per route (200 in npm test, 5,000 in npm run test:hardening); FUZZ_SEED
// replays a failure.
import assert from "node:assert/strict";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { chatListQuerySchema } from "@/lib/schemas/chat";
import { comparisonListQuerySchema } from "@/lib/schemas/compare";
import { taskListQuerySchema } from "@/lib/schemas/tasks";
import { usageQuerySchema } from "@/lib/schemas/usage";
import type { RouteHandler } from "@/lib/server/define-route";
import { expectError } from "@/lib/testing/fuzz/answers";
import { anyText, json } from "@/lib/testing/fuzz/bodies";
import {
  callHandler,
  fuzzBodies,
  fuzzHandler,
  upstreamCalls,
  type FuzzCase,
} from "@/lib/testing/fuzz/in-process";
import { segment } from "@/lib/testing/fuzz/probes";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import * as chat from "./chats/[id]/route";
import * as chats from "./chats/route";
import * as comparison from "./comparisons/[id]/route";
import * as comparisons from "./comparisons/route";
import { POST as images } from "./images/generations/route";
import * as task from "./tasks/[task_id]/route";
import * as taskCheck from "./tasks/[task_id]/check/route";
import * as tasks from "./tasks/route";
import * as token from "./tokens/[id]/route";
import * as uploads from "./uploads/route";
import * as usage from "./usage/route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0", UPSTREAM_RATE_LIMIT: "100000" } });
const total = fuzzBodies(200);
const timeout = 60_000 + total * 60;

const user = () => h().makeUser({ credits: 1e9 });

/** One image task, so the lists have something to list. */
async function newTask(token: string): Promise<void> {
  const body = JSON.stringify({ model: "flux-2", prompt: "a red fox in the snow" });
  const path = "/api/v1/images/generations";
  const answer = await callHandler(images, { method: "POST", path, body, token });
  expect(answer.status, answer.text).toBe(200);
}

/** Query strings: the schema's own keys and near values, any text, repeats and junk. */
function queries(keys: string[], values: string[]): fc.Arbitrary<string> {
  const pair = fc.tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: anyText }),
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: anyText },
    ),
  );
  return fc.array(pair, { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString());
}

const listValues = ["1", "20", "50", "100", "0", "101", "-1", "1.5", "1e2", "abc", "", "true"];
const lists: {
  name: string;
  handler: RouteHandler;
  path: string;
  schema: z.ZodType;
  keys: string[];
  values: string[];
}[] = [
  {
    name: "tasks",
    handler: tasks.GET,
    path: "/api/v1/tasks",
    schema: taskListQuerySchema,
    keys: [
      "route",
      "output",
      "kind",
      "model",
      "status",
      "q",
      "favorite",
      "since",
      "until",
      "cursor",
      "limit",
    ],
    values: [
      ...listValues,
      "images",
      "image",
      "flux-2",
      "SUCCESS",
      "IN_PROGRESS",
      "fox",
      "2026-11-01T00:00:00Z",
      "2026-11-01",
      "yesterday",
    ],
  },
  {
    name: "chats",
    handler: chats.GET,
    path: "/api/v1/chats",
    schema: chatListQuerySchema,
    keys: ["q", "cursor", "limit"],
    values: [...listValues, "trip", "%"],
  },
  {
    name: "comparisons",
    handler: comparisons.GET,
    path: "/api/v1/comparisons",
    schema: comparisonListQuerySchema,
    keys: ["limit"],
    values: listValues,
  },
  {
    name: "usage",
    handler: usage.GET,
    path: "/api/v1/usage",
    schema: usageQuerySchema,
    keys: ["days", "tz"],
    values: [
      ...listValues,
      "366",
      "367",
      "UTC",
      "Europe/Paris",
      "Mars/Olympus",
      "America/New_York",
    ],
  },
];

describe("query strings", () => {
  it.each(lists)(
    `GET /api/v1/$name: ${total} query strings, decided by the list's schema`,
    async ({ handler, path, schema, keys, values }) => {
      const u = await user();
      await newTask(u.token);
      let accepted = 0;
      const cases = queries(keys, values).map((query): FuzzCase => ({
        call: { method: "GET", path: query ? `${path}?${query}` : path, token: u.token },
        check(answer, what) {
          const params = Object.fromEntries(new URLSearchParams(query));
          if (schema.safeParse(params).success) {
            // A cursor of the right length that no page of ours wrote: 400 naming it.
            if (answer.status === 400 && "cursor" in params) {
              expectError(answer, { status: 400, param: "cursor" }, what);
            } else {
              assert.equal(answer.status, 200, `${what} → ${answer.text.slice(0, 300)}`);
              accepted++;
            }
          } else {
            const error = expectError(answer, { status: 400, type: "invalid_request" }, what);
            assert.ok(error.param, `${what}: names the parameter`);
          }
        },
      }));
      await fuzzHandler(handler, cases, total);
      expect(accepted, "some generated queries are valid").toBeGreaterThan(0);
    },
    timeout,
  );
});

/** Next hands a route the decoded segment; one that does not decode arrives as sent. */
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const idRoutes: {
  name: string;
  handler: RouteHandler;
  method: string;
  path: string;
  param: string;
}[] = [
  {
    name: "GET tasks/{id}",
    handler: task.GET,
    method: "GET",
    path: "/api/v1/tasks/",
    param: "task_id",
  },
  {
    name: "DELETE tasks/{id}",
    handler: task.DELETE,
    method: "DELETE",
    path: "/api/v1/tasks/",
    param: "task_id",
  },
  {
    name: "POST tasks/{id}/check",
    handler: taskCheck.POST,
    method: "POST",
    path: "/api/v1/tasks/",
    param: "task_id",
  },
  { name: "GET chats/{id}", handler: chat.GET, method: "GET", path: "/api/v1/chats/", param: "id" },
  {
    name: "DELETE chats/{id}",
    handler: chat.DELETE,
    method: "DELETE",
    path: "/api/v1/chats/",
    param: "id",
  },
  {
    name: "GET comparisons/{id}",
    handler: comparison.GET,
    method: "GET",
    path: "/api/v1/comparisons/",
    param: "id",
  },
  {
    name: "DELETE tokens/{id}",
    handler: token.DELETE,
    method: "DELETE",
    path: "/api/v1/tokens/",
    param: "id",
  },
];

describe("ids in the path", () => {
  it.each(idRoutes)(
    `$name: ${total} ids that name nothing of the user's are 404, and touch nothing`,
    async ({ handler, method, path, param }) => {
      const u = await user();
      const cases = fc.oneof(segment, fc.uuid()).map((raw): FuzzCase => ({
        call: { method, path: `${path}${raw}`, params: { [param]: decoded(raw) }, token: u.token },
        check(answer, what) {
          expectError(answer, { status: 404, type: "not_found" }, what);
        },
      }));
      await fuzzHandler(handler, cases, total);
      expect(await upstreamCalls(h().sim, u.upstreamKey)).toEqual({});
    },
    timeout,
  );
});

describe("uploads", () => {
  it(
    `POST /api/v1/uploads: ${total} bodies that are not a well-formed upload are refused, never a 5xx`,
    async () => {
      const u = await user();
      const types = fc.constantFrom(
        "application/json",
        "text/plain",
        "multipart/form-data",
        "multipart/form-data; boundary=x",
        "multipart/form-data; boundary=",
        "application/octet-stream",
        "image/png",
        "",
      );
      const bodies = fc.oneof(
        anyText,
        json.map((v) => JSON.stringify(v) ?? ""),
        fc.uint8Array({ maxLength: 256 }),
        fc.constantFrom(
          '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--\r\n',
          '--x\r\nContent-Disposition: form-data; name="file"; filename="../../etc/passwd"\r\nContent-Type: image/png\r\n\r\nabc\r\n--x--\r\n',
          '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n',
        ),
      );
      const cases = fc.tuple(bodies, types).map(([body, type]): FuzzCase => ({
        call: {
          method: "POST",
          path: "/api/v1/uploads",
          body,
          headers: { "content-type": type },
          token: u.token,
        },
        check(answer, what) {
          const error = expectError(answer, { status: answer.status, charged: false }, what);
          assert.ok(answer.status >= 400 && answer.status < 500, what);
          assert.ok(error.type, what);
        },
      }));
      await fuzzHandler(uploads.POST, cases, total);
    },
    timeout,
  );
});
