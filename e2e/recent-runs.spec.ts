// The running task is never forgotten: the page lists its recent runs from the server, across
// navigation and reload; a failed run shows its reason; and three tabs watching twenty tasks cost
// the upstream no more status checks than nobody watching (the server tracks, the tabs listen).
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { setSimKeyLimits, simKeyStats } from "./support/sim-stats";
import { anonymous, run, simCount, userWithKey } from "./support/generate";

test.use({ storageState: anonymous });

const statusGets = "GET /tasks/{task_id}";

/** Runs `prompt` from the form on `path`; returns its entry, the first of the recent runs. */
async function runPrompt(page: Page, path: string, prompt: string): Promise<Locator> {
  await page.goto(path);
  await page.getByLabel("Prompt").fill(prompt);
  await run(page);
  return page.getByTestId("recent-run").first();
}

test("a running video stays on its page after navigating away and reloading", async ({ page }) => {
  test.setTimeout(120_000);
  await userWithKey(page, "aio_runs");
  // Ten times slower than usual: still running while we wander off.
  const first = await runPrompt(
    page,
    "/videos",
    "A paper boat drifting down a rainy street [sim:slow]",
  );
  await expect(first).toHaveAttribute("data-status", "IN_PROGRESS");
  const taskId = await first.getAttribute("data-task-id");
  expect(taskId).toBeTruthy();

  await page.getByRole("link", { name: "Images" }).first().click();
  await expect(page).toHaveURL(/\/images$/);
  await page.getByRole("link", { name: "Videos" }).first().click();
  const again = page.locator(`[data-testid="recent-run"][data-task-id="${taskId}"]`);
  await expect(again).toBeVisible();
  // The prompt survives too (a draft per page).
  await expect(page.getByLabel("Prompt")).toHaveValue(/A paper boat drifting/);

  await page.reload();
  await expect(again).toBeVisible();
  await expect(again).toHaveAttribute("data-status", "SUCCESS", { timeout: 60_000 });
  await expect(again.getByTestId("run-output-video").first()).toBeVisible();
  // It announced itself while the page was open, without a link to the page it is on.
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: /finished/ });
  await expect(toast).toBeVisible();
  await expect(toast.getByRole("link", { name: "Open Videos" })).toHaveCount(0);
  // Finished while the reader is elsewhere, it says where to find it.
  await page.getByRole("link", { name: "Images" }).first().click();
  await expect(page).toHaveURL(/\/images$/);
  await runPrompt(page, "/videos", "A kite over a windy beach [sim:slow]");
  await expect(page.getByTestId("recent-run")).toHaveCount(2);
  await page.getByRole("link", { name: "Images" }).first().click();
  const away = page.locator("[data-sonner-toast]").filter({ hasText: /kite over a windy beach/ });
  await expect(away.getByRole("link", { name: "Open Videos" })).toBeVisible({ timeout: 60_000 });
});

test("a failed run shows the upstream's reason", async ({ page }) => {
  test.setTimeout(90_000);
  await userWithKey(page, "aio_fail");
  const first = await runPrompt(page, "/images", "A lighthouse that will not render [sim:fail]");
  await expect(first).toHaveAttribute("data-status", "FAILED", { timeout: 45_000 });
  await expect(first).toContainText("Simulated failure");
});

test("three tabs watching twenty tasks: the upstream sees one tracker, not three pollers", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const key = await userWithKey(page, "aio_tabs");
  // The Studio's budget is lifted in these tests; the simulator's must be too, or its 429s pause
  // the key and the count below would measure the pause, not the tabs.
  await setSimKeyLimits(key, { rateLimitPerMinute: 1_000_000 });
  const tabs = [page, await context.newPage(), await context.newPage()];
  for (const tab of tabs) await tab.goto("/images");
  // The tabs are open and listening before the tasks start, so they watch every one run.
  for (let i = 0; i < 20; i++) {
    const res = await page.request.post("/api/v1/images/generations", {
      data: { model: "flux-2", prompt: `a lantern in the fog, number ${i}` },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  for (const tab of tabs) {
    // Each tab lists the runs and sees them finish through its live stream.
    await expect(tab.getByTestId("recent-run")).toHaveCount(8);
    await expect(tab.locator('[data-testid="recent-run"][data-status="SUCCESS"]')).toHaveCount(8, {
      timeout: 60_000,
    });
  }
  // Every task finished; the status checks are the tracker's alone: never two at once for one
  // task, and no more than the schedule makes for a task nobody watches (three checks split a
  // model's typical duration, and the simulator's tasks finish within it). Tabs polling on their
  // own would multiply the count.
  await expect
    .poll(async () => {
      const res = await page.request.get("/api/v1/tasks?route=images&limit=20");
      const body = (await res.json()) as { tasks: { status: string }[] };
      return body.tasks.filter((t) => t.status === "SUCCESS").length;
    })
    .toBe(20);
  const gets = await simCount(key, statusGets);
  expect(gets).toBeGreaterThanOrEqual(20);
  expect(gets / 20).toBeLessThanOrEqual(3);
  const stats = await simKeyStats(key);
  expect(stats.maxConcurrentStatusChecks).toBe(1);
  expect(stats.rateLimited).toBe(0);
});
