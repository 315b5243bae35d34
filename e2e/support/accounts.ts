import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

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

export async function signInThroughUi(
  page: Page,
  { email, password, base = "" }: { email: string; password: string; base?: string },
) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
