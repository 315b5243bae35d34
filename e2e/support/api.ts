// The /api/v1 contract as an integrator meets it: a user with an app token (and, to count upstream
// calls, their own key on the standalone simulator), plain HTTP calls, the one error shape checked
// on every non-2xx answer, and the simulator's per-key request counters.
import { randomUUID } from "node:crypto";
import { expect, type Browser } from "@playwright/test";
import { ports, simOrigin } from "../../playwright.config";
import { test as base } from "../fixtures";
import { readAnswer, type Answer } from "../../lib/testing/fuzz/answers";
import { anonymous, registerOverHttp, uniqueEmail } from "./accounts";

export {
  expectError,
  expectErrorShape,
  knownPaths,
  taskRoutes,
  type Answer,
  type ExpectedError,
  type TaskRoute,
} from "../../lib/testing/fuzz/answers";

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
  return readAnswer(res, method);
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
