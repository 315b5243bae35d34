// Hardening: script in what a user (or an attacker with their token) types — a prompt, a task's
// title — stays inert text on every page that shows it. (Model answers in the chat:
// chat-failures.spec.ts; upload file names never reach a page: files are served under tokens.)
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { anonymous, userWithKey } from "./support/generate";

test.use({ storageState: anonymous });

const img = `<img src=x onerror="window.__xss=1">`;
const script = "<script>window.__xss=1</script>";
const svg = `<svg onload="window.__xss=1">`;

/** Nothing the payloads could have made: no flag, no handler attribute, no script in the page. */
async function expectInert(page: Page, where: string) {
  const found = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    onerror: document.querySelectorAll("[onerror], [onload]").length,
    scripts: [...document.querySelectorAll("main script, main svg")].filter((el) =>
      (el.textContent ?? "").includes("__xss"),
    ).length,
    injectedImages: document.querySelectorAll('main img[src="x"]').length,
  }));
  expect(found, where).toEqual({ xss: undefined, onerror: 0, scripts: 0, injectedImages: 0 });
}

test("script in a prompt and a title stays text on every page that shows it", async ({ page }) => {
  test.setTimeout(120_000);
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await userWithKey(page, "aio_xss");
  const created = await page.request.post("/api/v1/images/generations", {
    data: { model: "flux-2", prompt: `A lantern ${img} ${script} ${svg}` },
  });
  expect(created.status(), await created.text()).toBe(200);
  const taskId = ((await created.json()) as { data: { task_id: string } }).data.task_id;
  const renamed = await page.request.patch(`/api/v1/tasks/${taskId}`, {
    data: { title: `Title ${img} ${script}` },
  });
  expect(renamed.status(), await renamed.text()).toBe(200);
  // The recent runs under the form.
  await page.goto("/images");
  const run = page.locator(`[data-testid="recent-run"][data-task-id="${taskId}"]`);
  await expect(run).toContainText(img);
  await expectInert(page, "/images");

  // The gallery, and its search for the payload itself.
  await page.goto("/gallery");
  await expect(page.getByText(`Title ${img} ${script}`).first()).toBeVisible();
  await expectInert(page, "/gallery");
  await page.goto(`/gallery?q=${encodeURIComponent("lantern")}`);
  await expect(page.getByText(`Title ${img} ${script}`).first()).toBeVisible();
  await expectInert(page, "/gallery?q=");

  // The task's own page: title, prompt, parameters and the raw JSON.
  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Title ${img}`);
  await expect(page.getByText(svg).first()).toBeAttached();
  await expectInert(page, "/tasks/<id>");

  // Usage lists what was spent, by task.
  await page.goto("/usage");
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  await expectInert(page, "/usage");
});
