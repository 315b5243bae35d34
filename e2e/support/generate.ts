// Page objects for the generation pages, and direct access to the standalone simulator that
// users' own keys talk to in the e2e setup (so tests can count upstream calls).
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { simOrigin } from "../../playwright.config";
import { anonymous, registerOverHttp, uniqueEmail } from "./accounts";

export { anonymous };

/** A fresh user whose own key points at the standalone simulator. Returns that key. */
export async function userWithKey(page: Page, keyPrefix = "aio_gen"): Promise<string> {
  await registerOverHttp(page, { email: uniqueEmail("gen"), password: "generate password" });
  const key = `${keyPrefix}_${randomUUID().replace(/-/g, "")}`;
  const res = await page.request.put("/api/v1/keys", { data: { key } });
  expect(res.ok(), await res.text()).toBe(true);
  // Where a new user lands, as after the form.
  await page.goto("/images");
  return key;
}

/** How many requests the simulator has seen on `route` (e.g. "POST /images/generations") from `key`. */
export async function simCount(key: string, route: string): Promise<number> {
  const stats = (await (await fetch(`${simOrigin}/__sim/stats`)).json()) as {
    requests: Record<string, Record<string, number>>;
  };
  return stats.requests[route]?.[key] ?? 0;
}

/** Creates a task straight on the simulator and returns its first output URL (tool inputs). */
export async function simOutput(key: string, path: string, body: object): Promise<string> {
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  const created = (await (
    await fetch(`${simOrigin}/api/v1${path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    })
  ).json()) as { data: { task_id: string } };
  for (let i = 0; i < 100; i++) {
    const task = (await (
      await fetch(`${simOrigin}/api/v1/tasks/${created.data.task_id}`, { headers })
    ).json()) as { data: { status: string; response: string[] } };
    if (task.data.status === "SUCCESS") return task.data.response[0]!;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("simulator task did not finish");
}

export async function pickModel(page: Page, label: string) {
  await page.getByTestId("model-picker").click();
  await page.getByRole("option", { name: new RegExp(`^${label}`) }).click();
}

export async function pickOption(page: Page, field: string, option: string) {
  await page.getByLabel(field, { exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

export async function run(page: Page) {
  await page.getByTestId("run-button").click();
}

export async function waitForTask(page: Page, status: "SUCCESS" | "FAILED" = "SUCCESS") {
  await expect(page.getByTestId("task-result")).toHaveAttribute("data-status", status, {
    timeout: 45_000,
  });
}

/** Every image in the result decoded (naturalWidth > 0). */
export async function expectImagesShown(page: Page, count = 1) {
  const images = page.getByTestId("output-image");
  await expect(images).toHaveCount(count);
  for (const img of await images.all()) {
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBeGreaterThan(0);
  }
}

/** Every player of that kind loaded its metadata and knows a real duration. */
export async function expectPlayable(
  page: Page,
  testId: "output-video" | "output-audio",
  count = 1,
) {
  const players = page.getByTestId(testId);
  await expect(players).toHaveCount(count);
  for (const el of await players.all()) {
    await expect
      .poll(() => el.evaluate((m: HTMLMediaElement) => (m.readyState >= 1 ? m.duration : 0)), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
  }
}
