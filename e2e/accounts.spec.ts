// Accounts, the key vault, app tokens and per-user isolation, through the real UI and API.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ports } from "../playwright.config";
import { expect, test } from "./fixtures";
import {
  anonymous,
  openAccountMenu,
  registerThroughUi,
  signInThroughUi,
  uniqueEmail,
} from "./support/accounts";

const password = "a long enough password";
const closedBase = `http://localhost:${ports.closedApp}`;

test.use({ storageState: anonymous });

async function newUser(page: Page) {
  const email = uniqueEmail();
  await registerThroughUi(page, { email, password });
  return email;
}

async function saveKey(page: Page, key: string) {
  await page.goto("/settings");
  const vault = page.getByTestId("key-vault");
  await vault.getByLabel(/key/i).fill(key);
  await vault.getByRole("button", { name: "Check & save" }).click();
}

async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/settings");
  const card = page.getByTestId("tokens");
  await card.getByLabel("New token").fill(name);
  await card.getByRole("button", { name: "Create" }).click();
  return (await card.getByTestId("new-token-value").textContent())!.trim();
}

test.describe("sign-in", () => {
  test("a new user signs up, signs out and signs in again", async ({ page }) => {
    const email = await newUser(page);
    await expect(await openAccountMenu(page)).toHaveText(email);
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/gallery");
    await expect(page).toHaveURL(/\/login/);
    await signInThroughUi(page, { email, password });
    await expect(page.getByRole("heading", { level: 1, name: "Images" })).toBeVisible();
  });

  test("a wrong password gets one clear message and no session", async ({ page }) => {
    const email = await newUser(page);
    await page.context().clearCookies();
    await signInThroughUi(page, { email, password: "not the password" });
    await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
    await page.goto("/images");
    await expect(page).toHaveURL(/\/login/);
  });

  test("repeated failures for one account are throttled, even with the right password", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const email = await newUser(page);
    await page.context().clearCookies();
    for (let i = 0; i < 5; i++) {
      await signInThroughUi(page, { email, password: `wrong-${i}-password` });
      await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
    }
    await signInThroughUi(page, { email, password });
    await expect(page.getByTestId("form-error")).toContainText(
      "Too many failed attempts. Try again in",
    );
    await page.goto("/images");
    await expect(page).toHaveURL(/\/login/);
  });

  test("registration validates its fields and refuses a taken email", async ({ page }) => {
    const email = await newUser(page);
    await page.context().clearCookies();
    await page.goto("/register");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#email-error")).toBeVisible();
    await expect(page.locator("#password-error")).toContainText("8");
    await page.getByLabel("Email").fill(email.toUpperCase());
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#email-error")).toContainText("already exists");
  });
});

test.describe("registration closed, with OpenID Connect", () => {
  test.describe.configure({ mode: "serial" });
  const setIdentity = (email: string, name: string) =>
    fetch(`http://127.0.0.1:${ports.oidcControl}`, {
      method: "POST",
      body: JSON.stringify({ email, name }),
    });

  test("the register page says registration is closed", async ({ page }) => {
    await page.goto(`${closedBase}/register`);
    await expect(page.getByText("Registration is closed on this server")).toBeVisible();
    await expect(page.getByRole("button", { name: "Create account" })).toHaveCount(0);
  });

  test("the first person signs in through OIDC and becomes the admin", async ({ page }) => {
    await setIdentity("founder@example.com", "Founder");
    await page.goto(`${closedBase}/login`);
    await page.getByRole("button", { name: "Continue with Mock SSO" }).click();
    await expect(page).toHaveURL(`${closedBase}/images`);
    await expect(await openAccountMenu(page)).toHaveText("founder@example.com");
    await expect(page.getByText("Administrator")).toBeVisible();
  });

  test("a new OIDC identity is refused while registration is closed", async ({ page }) => {
    await setIdentity("stranger@example.com", "Stranger");
    await page.goto(`${closedBase}/login`);
    await page.getByRole("button", { name: "Continue with Mock SSO" }).click();
    await expect(page).toHaveURL(/\/login\?error=registration_closed/);
    await expect(page.getByTestId("form-error")).toContainText("Registration is closed");
  });
});

test.describe("key vault", () => {
  test("without a key the user is in demo mode", async ({ page }) => {
    await newUser(page);
    await expect(page.getByTestId("demo-banner")).toBeVisible();
    await page.goto("/settings");
    await expect(page.getByTestId("key-mode")).toHaveText("Demo — built-in simulator");
  });

  test("a valid key is checked, saved, shown masked, and ends demo mode", async ({ page }) => {
    await newUser(page);
    const key = `aio_e2e_${randomUUID().replace(/-/g, "")}`;
    await saveKey(page, key);
    await expect(page.getByTestId("masked-key")).toHaveText(`aio_…${key.slice(-4)}`);
    await expect(page.getByTestId("key-mode")).toHaveText("Your key");
    await expect(page.getByTestId("demo-banner")).toHaveCount(0);
    await expect(page.getByTestId("upstream-status")).toHaveText("Reachable · key accepted");
    // Removing it returns to demo mode.
    await page.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByTestId("key-mode")).toHaveText("Demo — built-in simulator");
    await expect(page.getByTestId("demo-banner")).toBeVisible();
  });

  test("a key the upstream rejects is not saved, with a readable reason", async ({ page }) => {
    await newUser(page);
    await saveKey(page, "aio_revoked_e2e_key");
    await expect(page.getByTestId("key-error")).toContainText("API in One rejected this key");
    await expect(page.getByTestId("masked-key")).toHaveCount(0);
    await saveKey(page, "sk-not-an-aio-key");
    await expect(page.getByTestId("key-error")).toContainText("starts with aio_");
  });
});

test.describe("app tokens", () => {
  test("a token is shown once, authenticates API calls, and stops working when revoked", async ({
    page,
    request,
  }) => {
    const email = await newUser(page);
    const token = await createToken(page, "ci script");
    expect(token).toMatch(/^ais_/);
    const auth = { Authorization: `Bearer ${token}` };
    const ok = await request.get("/api/v1/tokens", { headers: auth });
    expect(ok.status()).toBe(200);
    const listed = (await ok.json()) as { tokens: { name: string }[] };
    expect(listed.tokens.map((t) => t.name)).toEqual(["ci script"]);
    expect(JSON.stringify(listed)).not.toContain(token);

    // After a reload the token is not shown again, only its prefix.
    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await expect(page.getByTestId("tokens")).toContainText(token.slice(0, 10));

    await page.getByRole("button", { name: "Revoke ci script" }).click();
    await expect(page.getByTestId("tokens")).toContainText("No tokens yet.");
    const denied = await request.get("/api/v1/tokens", { headers: auth });
    expect(denied.status()).toBe(401);
    expect((await denied.json()).error.type).toBe("authentication_error");
    expect(email).toContain("@");
  });
});

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
