import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const anonymous = { cookies: [], origins: [] };

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Fills the real registration form; lands signed in on /images. */
export async function registerThroughUi(
  page: Page,
  { email, password, base = "" }: { email: string; password: string; base?: string },
) {
  await page.goto(`${base}/register`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Hashing the password and the first render take a while on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: "Images" })).toBeVisible({
    timeout: 30_000,
  });
}

/**
 * Opens the header's account menu and returns the email it shows. The button is in the server's
 * HTML before React hydrates it, so a click that lands first does nothing: click until it opens.
 */
export async function openAccountMenu(page: Page) {
  const email = page.getByTestId("signed-in-email");
  await expect(async () => {
    // Never a second click on an open menu: it would wait behind the menu's modal layer.
    if (!(await email.isVisible()))
      await page.getByRole("button", { name: "Account menu" }).click();
    await expect(email).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return email;
}

/**
 * Registers the way a browser without JavaScript does: the register page's form posted as is
 * (Next renders server-action forms with their hidden fields), so the session cookie lands in the
 * page's context. Setup for tests about something else: no page is loaded, the page stays where
 * it was. The form itself is tested through the UI (accounts.spec, auth.setup).
 */
export async function registerOverHttp(
  from: Page | APIRequestContext,
  { email, password, base = "" }: { email: string; password: string; base?: string },
) {
  const request = "request" in from ? from.request : from;
  const form = await request.get(`${base}/register`);
  expect(form.status()).toBe(200);
  const fields: Record<string, string> = {};
  for (const [, name, value] of (await form.text()).matchAll(
    /<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g,
  )) {
    fields[unescapeHtml(name!)] = unescapeHtml(value ?? "");
  }
  expect(Object.keys(fields).some((name) => name.startsWith("$ACTION"))).toBe(true);
  const res = await request.post(`${base}/register`, {
    multipart: { ...fields, email, password },
    // A browser's form post names its origin; Next checks it against the host.
    headers: { origin: new URL(form.url()).origin },
    maxRedirects: 0,
  });
  // Signed in: Auth.js sends the browser on to the Images page.
  expect(res.status(), await res.text()).toBe(303);
  expect(res.headers()["location"]).toMatch(/\/images$/);
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export async function signInThroughUi(
  page: Page,
  { email, password, base = "" }: { email: string; password: string; base?: string },
) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The password of the users the account specs register. */
export const accountPassword = "a long enough password";

/** A new user registered through the form; returns the email, signed in on /images. */
export async function newUser(page: Page) {
  const email = uniqueEmail();
  await registerThroughUi(page, { email, password: accountPassword });
  return email;
}

/** Types a key into Settings' key vault and asks to check and save it. */
export async function saveKey(page: Page, key: string) {
  await page.goto("/settings");
  const vault = page.getByTestId("key-vault");
  await vault.getByLabel(/key/i).fill(key);
  await vault.getByRole("button", { name: "Check & save" }).click();
}

/** Creates an app token in Settings and returns its value, shown once. */
export async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/settings");
  const card = page.getByTestId("tokens");
  await card.getByLabel("New token").fill(name);
  await card.getByRole("button", { name: "Create" }).click();
  return (await card.getByTestId("new-token-value").textContent())!.trim();
}
