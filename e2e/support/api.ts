// The /api/v1 contract as an integrator meets it: a user with an app token (and, to count upstream
// calls, their own key on the standalone simulator), plain HTTP calls, the one error shape checked
// on every non-2xx answer, and the simulator's per-key request counters.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { expect, type Browser } from "@playwright/test";
import { studioErrorBodySchema, type StudioError } from "../../lib/schemas/api";
import { ports, simOrigin } from "../../playwright.config";
import { test as base } from "../fixtures";
import { anonymous, registerOverHttp, uniqueEmail } from "./accounts";

export const appBase = `http://localhost:${ports.app}`;

export interface ApiUser {
  /** The Studio this user lives on, e.g. http://localhost:3100. */
  base: string;
  email: string;
  /** An app token (`ais_…`): every call below authenticates with it, never with a cookie. */
  token: string;
  /** The user's own API in One key on the standalone simulator, or null (demo / server key). */
  key: string | null;
}

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

/** A user's own key: any aio_ key works on the simulator; each test gets its own counters. */
export function freshKey(label = "contract"): string {
  return `aio_${label}_${randomUUID().replace(/-/g, "")}`;
}

/**
 * Registers a new account through the real form on `base`, creates an app token with the signed-in
 * session (a same-origin call, as the Settings page makes it) and, unless `key` is false, saves an
 * own key for it, so its upstream calls land on the standalone simulator under that key.
 */
export async function createApiUser(
  browser: Browser,
  {
    base = appBase,
    key = true,
    label = "api",
  }: { base?: string; key?: boolean; label?: string } = {},
): Promise<ApiUser> {
  const context = await browser.newContext({ storageState: anonymous, baseURL: base });
  try {
    const page = await context.newPage();
    const email = uniqueEmail(label);
    await registerOverHttp(page, { email, password: "contract password", base });
    const created = await page.request.post(`${base}/api/v1/tokens`, {
      data: { name: `${label} token` },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { token } = (await created.json()) as { token: string };
    expect(token).toMatch(/^ais_/);
    const user: ApiUser = { base, email, token, key: null };
    if (!key) return user;

    const ownKey = freshKey(label);
    const saved = await call(user, "PUT", "/api/v1/keys", { json: { key: ownKey } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toMatchObject({ mode: "user-key" });
    // Generous limits on the simulator for this key alone: a test's burst must never meet a 429
    // or an empty balance that has nothing to do with what it checks.
    const limits = await fetch(`${simOrigin}/__sim/keys/${ownKey}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ credits: 1e12, rateLimitPerMinute: 1_000_000 }),
    });
    expect(limits.status).toBe(200);
    return { ...user, key: ownKey };
  } finally {
    await context.close();
  }
}

/** `test` with a fresh API user per test: `apiUser` has its own key, `demoUser` has none. */
export const test = base.extend<{ apiUser: ApiUser; demoUser: ApiUser }>({
  apiUser: async ({ browser }, provide) => provide(await createApiUser(browser, { label: "api" })),
  demoUser: async ({ browser }, provide) =>
    provide(await createApiUser(browser, { key: false, label: "demo" })),
});
export { expect };

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface CallOptions {
  /** Sent as JSON.stringify(json) with Content-Type: application/json. */
  json?: unknown;
  /** Sent as is (bytes or text); Content-Type application/json unless `headers` say otherwise. */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Overrides the user's token (null: no Authorization header). */
  token?: string | null;
}

/** One HTTP call to the Studio as an integrator's client makes it: app token, JSON body. */
export async function call(
  user: Pick<ApiUser, "base" | "token">,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? user.token : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined =
    options.body instanceof Uint8Array ? new Uint8Array(options.body) : options.body;
  if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  Object.assign(headers, options.headers);
  const res = await fetch(`${user.base}${path}`, { method, headers, body, redirect: "manual" });
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

/** Requests the standalone simulator has seen from `key`, by route ("POST /images/generations"). */
export async function simCounts(key: string): Promise<Record<string, number>> {
  const res = await fetch(`${simOrigin}/__sim/stats`);
  expect(res.status).toBe(200);
  const stats = (await res.json()) as { requests: Record<string, Record<string, number>> };
  const counts: Record<string, number> = {};
  for (const [route, perKey] of Object.entries(stats.requests)) {
    const n = perKey[key];
    if (n !== undefined) counts[route] = n;
  }
  return counts;
}

/** How many task creations (any POST) the simulator has seen from `key`. */
export async function simCreations(key: string): Promise<number> {
  const counts = await simCounts(key);
  return Object.entries(counts)
    .filter(([route]) => route.startsWith("POST "))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Calls the standalone simulator directly, as API in One itself would be called. */
export async function callSim(
  key: string,
  method: string,
  path: string,
  json?: unknown,
): Promise<Answer> {
  return call({ base: simOrigin, token: key }, method, path, json === undefined ? {} : { json });
}
