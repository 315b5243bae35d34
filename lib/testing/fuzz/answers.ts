// What an /api/v1 answer must look like, shared by the fuzz over HTTP (Playwright) and the one
// that calls the route handlers in-process (Vitest): the task routes and every known path, and the
// one error shape, checked with node:assert (no test runner's expect, so both runners can use it).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { studioErrorBodySchema, type StudioError } from "../../schemas/api";

/** The task routes: what an integrator POSTs to, and the catalog route each one is. */
export const taskRoutes = [
  { path: "/api/v1/images/generations", route: "images" },
  { path: "/api/v1/videos/generations", route: "videos" },
  { path: "/api/v1/audio/music", route: "music" },
  { path: "/api/v1/audio/speech", route: "speech" },
  { path: "/api/v1/images/tools/remove-bg", route: "remove-bg" },
  { path: "/api/v1/images/tools/face-swap", route: "face-swap" },
  { path: "/api/v1/images/tools/upscale", route: "upscale" },
  { path: "/api/v1/videos/tools/bg-remover", route: "video-bg-remover" },
] as const;
export type TaskRoute = (typeof taskRoutes)[number]["route"];

/** Every /api/v1 path and the methods it really takes (a placeholder id where the path has one). */
export const knownPaths: { path: string; methods: string[] }[] = [
  ...taskRoutes.map((r) => ({ path: r.path, methods: ["POST"] })),
  { path: "/api/v1/keys", methods: ["GET", "PUT", "DELETE"] },
  { path: "/api/v1/tokens", methods: ["GET", "POST"] },
  { path: `/api/v1/tokens/${randomUUID()}`, methods: ["DELETE"] },
  { path: "/api/v1/tasks", methods: ["GET"] },
  { path: "/api/v1/tasks/some-task-id", methods: ["GET", "PATCH", "DELETE"] },
  { path: "/api/v1/tasks/some-task-id/check", methods: ["POST"] },
  { path: "/api/v1/uploads", methods: ["POST"] },
  { path: "/api/v1/usage", methods: ["GET"] },
  { path: "/api/v1/chat/completions", methods: ["POST"] },
  { path: "/api/v1/chats", methods: ["GET", "POST"] },
  { path: `/api/v1/chats/${randomUUID()}`, methods: ["GET", "PATCH", "DELETE"] },
  { path: `/api/v1/chats/${randomUUID()}/messages`, methods: ["POST"] },
  { path: "/api/v1/comparisons", methods: ["GET", "POST"] },
  { path: `/api/v1/comparisons/${randomUUID()}`, methods: ["GET", "PATCH", "DELETE"] },
];

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/** Reads a whole answer: its text, and its JSON when it is JSON. */
export async function readAnswer(res: Response, method = "GET"): Promise<Answer> {
  const text = method === "HEAD" ? "" : await res.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface ExpectedError {
  status: number;
  type?: string;
  /** The field at fault; `null` for none. Left out: not checked. */
  param?: string | null;
  source?: "studio" | "upstream";
  charged?: boolean;
}

/**
 * A non-2xx answer in the one error shape: `{"error":{code,type,message,param,source,
 * may_have_been_charged,request_id}}`, `code` equal to the status, and `X-Request-Id` equal to
 * `request_id`. Returns the error for further checks.
 *
 * Checked with node:assert rather than Playwright's `expect`: the fuzz calls this thousands of
 * times, and every `expect` is recorded as a test step.
 */
export function expectError(answer: Answer, expected: ExpectedError, what = ""): StudioError {
  const context = `${what} → ${answer.status} ${answer.text.slice(0, 300)}`;
  assert.equal(answer.status, expected.status, `${context}: status`);
  const error = expectErrorShape(answer, context);
  if (expected.type !== undefined) assert.equal(error.type, expected.type, `${context}: type`);
  if (expected.param !== undefined) assert.equal(error.param, expected.param, `${context}: param`);
  if (expected.source !== undefined) {
    assert.equal(error.source, expected.source, `${context}: source`);
  }
  if (expected.charged !== undefined) {
    assert.equal(
      error.may_have_been_charged,
      expected.charged,
      `${context}: may_have_been_charged`,
    );
  }
  return error;
}

/** The error shape alone, whatever the status (the fuzz's check for every non-2xx answer). */
export function expectErrorShape(answer: Answer, context = ""): StudioError {
  assert.ok(answer.status >= 400, `${context}: an error status`);
  assert.match(answer.headers.get("content-type") ?? "", /^application\/json/, `${context}: JSON`);
  const parsed = studioErrorBodySchema.safeParse(answer.json);
  assert.ok(parsed.success, `${context}: the error shape (${parsed.error?.message ?? ""})`);
  const error = parsed.data.error;
  assert.equal(error.code, answer.status, `${context}: code = status`);
  assert.ok(error.message.length > 0, `${context}: a message`);
  assert.match(error.request_id, /^req_[A-Za-z0-9_-]+$/, `${context}: request id`);
  assert.equal(answer.headers.get("x-request-id"), error.request_id, `${context}: X-Request-Id`);
  return error;
}
