// Accounts, the key vault and app tokens, through the real UI and API (per-user isolation and the
// leak sweep: accounts-isolation.spec.ts).
import { randomUUID } from "node:crypto";
import { ports } from "../playwright.config";
import { expect, test } from "./fixtures";
import {
  accountPassword,
  anonymous,
  createToken,
  newUser,
  openAccountMenu,
  saveKey,
  signInThroughUi,
} from "./support/accounts";

const password = accountPassword;
const closedBase = `http://localhost:${ports.closedApp}`;

test.use({ storageState: anonymous });

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
