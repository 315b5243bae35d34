// Per-user isolation (another user's objects are 404, keys and tokens stay per user) and the leak
// sweep: a saved key appears nowhere it should not, through the real UI and API.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { anonymous, createToken, newUser, saveKey } from "./support/accounts";

test.use({ storageState: anonymous });

test.describe("authorization and isolation", () => {
  const routes = [
    ["GET", "/api/v1/keys"],
    ["PUT", "/api/v1/keys"],
    ["DELETE", "/api/v1/keys"],
    ["GET", "/api/v1/tokens"],
    ["POST", "/api/v1/tokens"],
    ["DELETE", `/api/v1/tokens/${randomUUID()}`],
    ["POST", "/api/v1/images/generations"],
    ["POST", "/api/v1/videos/generations"],
    ["POST", "/api/v1/audio/music"],
    ["POST", "/api/v1/audio/speech"],
    ["POST", "/api/v1/images/tools/remove-bg"],
    ["POST", "/api/v1/images/tools/face-swap"],
    ["POST", "/api/v1/images/tools/upscale"],
    ["POST", "/api/v1/videos/tools/bg-remover"],
    ["GET", "/api/v1/tasks"],
    ["GET", "/api/v1/tasks/sim_does_not_matter"],
    ["POST", "/api/v1/uploads"],
  ] as const;

  test("every /api/v1 route answers 401 in the upstream error shape without credentials", async ({
    request,
  }) => {
    for (const [method, url] of routes) {
      for (const headers of [{}, { Authorization: "Bearer ais_not_a_real_token" }] as Record<
        string,
        string
      >[]) {
        const res = await request.fetch(url, {
          method,
          headers,
          data: method === "GET" ? undefined : {},
        });
        expect(res.status(), `${method} ${url}`).toBe(401);
        const body = (await res.json()) as {
          error: { code: number; type: string; message: string };
        };
        expect(body.error).toMatchObject({ code: 401, type: "authentication_error" });
      }
    }
  });

  test("another user's token is 404, never revoked, and keys stay per user", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const alice = await browser.newPage({ storageState: anonymous });
    await newUser(alice);
    const aliceKey = `aio_alice_${randomUUID().replace(/-/g, "")}`;
    await saveKey(alice, aliceKey);
    await expect(alice.getByTestId("masked-key")).toBeVisible();
    await createToken(alice, "alice token");
    const aliceTokens = (await (await alice.request.get("/api/v1/tokens")).json()) as {
      tokens: { id: string }[];
    };
    const aliceTokenId = aliceTokens.tokens[0]!.id;

    const bob = await browser.newPage({ storageState: anonymous });
    await newUser(bob);
    const revoke = await bob.request.delete(`/api/v1/tokens/${aliceTokenId}`);
    expect(revoke.status()).toBe(404);
    expect((await revoke.json()).error.type).toBe("not_found");
    const bobKeys = (await (await bob.request.get("/api/v1/keys")).json()) as {
      key: unknown;
      mode: string;
    };
    expect(bobKeys).toEqual({ key: null, mode: "demo" });
    const bobTokens = (await (await bob.request.get("/api/v1/tokens")).json()) as {
      tokens: unknown[];
    };
    expect(bobTokens.tokens).toEqual([]);

    // Alice's task is hers alone: Bob gets 404, and his list is empty.
    const created = await alice.request.post("/api/v1/images/generations", {
      data: { model: "flux-2", prompt: "Alice's private lighthouse" },
    });
    expect(created.status(), await created.text()).toBe(200);
    const taskId = ((await created.json()) as { data: { task_id: string } }).data.task_id;
    expect((await alice.request.get(`/api/v1/tasks/${taskId}`)).status()).toBe(200);
    const peek = await bob.request.get(`/api/v1/tasks/${taskId}`);
    expect(peek.status()).toBe(404);
    expect(await peek.text()).not.toContain("lighthouse");
    const bobList = (await (await bob.request.get("/api/v1/tasks")).json()) as { tasks: unknown[] };
    expect(bobList.tasks).toEqual([]);

    // Alice's token survived Bob's attempt.
    const again = (await (await alice.request.get("/api/v1/tokens")).json()) as {
      tokens: { revokedAt: string | null }[];
    };
    expect(again.tokens[0]!.revokedAt).toBeNull();
  });

  test("a session cookie planted before sign-in is never adopted: signing in issues a new one", async ({
    page,
  }) => {
    // Learn the session cookie's name and attributes from a real sign-in elsewhere.
    const probe = await page.context().browser()!.newContext({ storageState: anonymous });
    const probePage = await probe.newPage();
    await newUser(probePage);
    const real = (await probe.cookies()).find((c) => /session-token$/.test(c.name))!;
    await probe.close();
    // An attacker plants a session id of their choosing in the victim's browser ...
    const planted = { ...real, value: `fixated-${randomUUID()}` };
    await page.context().addCookies([planted]);
    expect((await page.request.get("/api/v1/tokens")).status()).toBe(401);
    // ... the victim signs up and is signed in ...
    const email = await newUser(page);
    const issued = (await page.context().cookies()).find((c) => c.name === real.name);
    // ... under a cookie the server issued, not the planted one, which still opens nothing.
    expect(issued?.value).toBeTruthy();
    expect(issued?.value).not.toBe(planted.value);
    const session = (await (await page.request.get("/api/auth/session")).json()) as {
      user?: { email?: string };
    };
    expect(session.user?.email).toBe(email);
    await page.context().clearCookies({ name: real.name });
    await page.context().addCookies([planted]);
    expect((await page.request.get("/api/v1/tokens")).status()).toBe(401);
  });

  test("a forged or tampered session cookie is no session", async ({ page }) => {
    await newUser(page);
    const cookie = (await page.context().cookies()).find((c) => /session-token$/.test(c.name))!;
    const tampered = `${cookie.value.slice(0, -4)}${cookie.value.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    for (const value of [tampered, "forged-session-value"]) {
      await page.context().clearCookies({ name: cookie.name });
      await page.context().addCookies([{ ...cookie, value }]);
      expect((await page.request.get("/api/v1/tokens")).status()).toBe(401);
      const session = (await (await page.request.get("/api/auth/session")).json()) as {
        user?: unknown;
      } | null;
      expect(session?.user).toBeUndefined();
    }
  });

  test("a cross-origin request may not change data with the session cookie", async ({ page }) => {
    await newUser(page);
    const res = await page.request.post("/api/v1/tokens", {
      data: { name: "csrf" },
      headers: { Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" },
    });
    expect(res.status()).toBe(403);
    const list = (await (await page.request.get("/api/v1/tokens")).json()) as { tokens: unknown[] };
    expect(list.tokens).toEqual([]);
  });
});

test("leak sweep: a saved key appears in no page, script, API answer, error or database file", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await newUser(page);
  const key = `aio_leak_${randomUUID().replace(/-/g, "")}`;
  const seen: { url: string; body: string }[] = [];
  page.on("response", async (res) => {
    try {
      seen.push({
        url: res.url(),
        body: (await res.body()).toString("latin1") + JSON.stringify(res.headers()),
      });
    } catch {
      // redirects and aborted loads have no body
    }
  });
  await saveKey(page, key);
  await expect(page.getByTestId("masked-key")).toBeVisible();
  for (const p of [
    "/images",
    "/videos",
    "/music",
    "/speech",
    "/tools",
    "/chat",
    "/gallery",
    "/settings",
  ]) {
    await page.goto(p);
    await expect(page.locator("body")).toContainText(/\w/);
  }
  // API answers, including error paths.
  for (const [method, url, data] of [
    ["GET", "/api/v1/keys", undefined],
    ["PUT", "/api/v1/keys", { key: "aio_revoked_leak" }],
    ["PUT", "/api/v1/keys", { key: 42 }],
    ["GET", "/api/v1/tokens", undefined],
    ["DELETE", "/api/v1/tokens/not-a-uuid", undefined],
    ["GET", "/no-such-page", undefined],
    ["POST", "/api/v1/images/generations", { model: "flux-2", prompt: "ab" }],
    ["POST", "/api/v1/images/generations", { model: "flux-2", prompt: "a leak-free fox" }],
    [
      "POST",
      "/api/v1/images/generations",
      { model: "flux-2", prompt: "a broken server [sim:500]" },
    ],
    ["GET", "/api/v1/tasks", undefined],
    ["GET", "/api/v1/tasks/unknown-task", undefined],
  ] as const) {
    const res = await page.request.fetch(url, { method, data });
    seen.push({ url, body: (await res.text()) + JSON.stringify(res.headers()) });
  }
  expect(seen.length).toBeGreaterThan(20);
  for (const s of seen) expect(s.body.includes(key), `key leaked in ${s.url}`).toBe(false);

  // The embedded database stores only ciphertext.
  const needle = Buffer.from(key);
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const files = walk(path.resolve("tmp/e2e-data"));
  expect(files.length).toBeGreaterThan(10);
  // Other tests share the server: an output being copied in (`.part`) may be renamed away
  // between the listing and the read.
  const read = (f: string) => {
    try {
      return fs.readFileSync(f);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return Buffer.alloc(0);
      throw err;
    }
  };
  for (const f of files) expect(read(f).includes(needle), `key in ${f}`).toBe(false);
});
