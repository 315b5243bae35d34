// What a newcomer trips on in the generation pages: errors in the form's words, Retry that keeps
// edits, Run always in view, a banner that steps aside, catalog limits, readable names and no
// developer wording. Real browser, real server, the standalone simulator as the upstream.
import { expect, test } from "./fixtures";
import { anonymous, registerThroughUi, uniqueEmail } from "./support/accounts";
import { run, simCount, userWithKey, waitForTask } from "./support/generate";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 90_000 });

/** A body field name ("gpt_description_prompt", "image_urls"): never shown to someone using a form. */
const apiFieldName = /\b[a-z]+_[a-z_]+\b/;

test("music with an empty form says what to fill in the form's words, at that field", async ({
  page,
}) => {
  const key = await userWithKey(page);
  await page.goto("/music");
  await run(page);
  const description = page.getByLabel("Describe the song", { exact: true });
  await expect(description).toBeFocused();
  await expect(description).toHaveAttribute("aria-invalid", "true");
  const error = page.getByTestId("field-error");
  await expect(error).toContainText("Describe the song");
  await expect(error).not.toContainText(apiFieldName);
  await expect(page.locator("body")).not.toContainText("gpt_");
  expect(await simCount(key, "POST /audio/music")).toBe(0);
});

test("every generation form's empty Run names labels, never API fields", async ({ page }) => {
  await userWithKey(page);
  for (const path of ["/images", "/videos", "/music", "/speech", "/tools"]) {
    await page.goto(path);
    await run(page);
    const error = page.getByTestId("field-error");
    await expect(error, path).toBeVisible();
    await expect(error, path).not.toContainText(apiFieldName);
    await expect(page.getByTestId("submit-error"), path).toHaveCount(0);
  }
});

test("Retry asks before replacing edits, and keeps them when told to", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/images");
  const prompt = "A storm over the sea [sim:fail]";
  const field = page.getByLabel("Prompt", { exact: true });
  await field.fill(prompt);
  await run(page);
  await waitForTask(page, "FAILED");
  await field.fill("my own better words");
  const retry = page.getByRole("button", { name: "Retry with these settings" });
  await retry.click();
  const dialog = page.getByRole("alertdialog", { name: "Replace your current settings?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep my edits" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(field).toHaveValue("my own better words");

  await retry.click();
  await dialog.getByRole("button", { name: "Replace" }).click();
  await expect(field).toHaveValue(prompt);
  // Now the form is that run's settings: a second Retry has nothing to lose and does not ask.
  await retry.click();
  await expect(field).toHaveValue(prompt);
  await expect(dialog).toHaveCount(0);
});

test("Run, its cost and today's spend are in view at 1440×900, and Ctrl+Enter runs", async ({
  page,
}) => {
  const key = await userWithKey(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/images");
  const bar = page.getByTestId("form-action-bar");
  await expect(page.getByTestId("run-button")).toBeInViewport({ ratio: 1 });
  await expect(bar.getByTestId("price-estimate")).toBeInViewport();
  await expect(bar.getByTestId("action-bar-spend")).toContainText("Spent today");
  await page.getByLabel("Prompt", { exact: true }).fill("A red fox in the snow");
  await page.getByLabel("Prompt", { exact: true }).press("Control+Enter");
  await expect(bar.getByTestId("last-run-status")).toHaveAttribute("data-state", "started");
  await waitForTask(page);
  expect(await simCount(key, "POST /images/generations")).toBe(1);

  // On a phone too, at the top of the page, Run is on screen (the bar sticks to the bottom).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect
    .poll(async () => {
      const box = await page.getByTestId("run-button").boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 844 + 0.5;
    })
    .toBe(true);
});

test("on a phone the demo banner is one line, can be dismissed and stays dismissed", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await registerThroughUi(page, { email: uniqueEmail("demo"), password: "newcomer password" });
  await page.goto("/images");
  const banner = page.getByTestId("demo-banner");
  await expect(banner).toBeVisible();
  expect((await banner.boundingBox())?.height ?? 0).toBeLessThanOrEqual(48);
  await banner.getByRole("button", { name: "Dismiss the demo notice" }).click();
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("demo-badge")).toBeVisible();
  await expect(banner).toHaveCount(0);
  // Still reachable: the header's Demo pill brings it back.
  await page.getByTestId("demo-badge").click();
  await expect(banner).toBeVisible();
});

test("a video prompt under the catalog minimum is refused in the form and by the server", async ({
  page,
}) => {
  const key = await userWithKey(page);
  await page.goto("/videos");
  const prompt = page.getByLabel("Prompt", { exact: true });
  await expect(page.getByText("At least 3 characters.").first()).toBeVisible();
  await prompt.fill("ab");
  await run(page);
  await expect(prompt).toBeFocused();
  await expect(page.getByTestId("field-error")).toHaveText(
    "Prompt: must be at least 3 characters.",
  );
  const res = await page.request.post("/api/v1/videos/generations", {
    data: { model: "kling-3", prompt: "ab" },
  });
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { error: { param?: string } }).error.param).toBe("prompt");
  expect(await simCount(key, "POST /videos/generations")).toBe(0);
});

test("a download is named after the prompt and the model", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/images");
  await page.getByLabel("Prompt", { exact: true }).fill("A red fox in the snow");
  await run(page);
  await waitForTask(page);
  // The result names the prompt, not the task id, and opens the task's page.
  const link = page.getByTestId("task-link").first();
  await expect(link).toHaveText("A red fox in the snow");
  await link.click();
  await expect(page).toHaveURL(/\/tasks\/[^/]+$/);
  await expect(page.getByTestId("output-download").first()).toHaveAttribute(
    "download",
    /^a-red-fox-in-the-snow_flux-2_1\.png$/,
  );
});

test("generation and settings pages show no env names, field names, flags or server paths", async ({
  page,
}) => {
  await userWithKey(page);
  const developerWords = /PUBLIC_URL|unverified|gpt_|DATA_DIR|\/(tmp|home|var|work|srv)\//i;
  for (const path of ["/images", "/videos", "/music", "/speech", "/tools", "/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("body"), path).not.toContainText(developerWords);
  }
  // The model list too, where a sparsely documented model (Wan 2.6) once said "unverified".
  await page.goto("/videos");
  await page.getByTestId("model-picker").click();
  await expect(page.getByRole("listbox")).toBeVisible();
  await expect(page.getByRole("listbox")).not.toContainText(developerWords);
});
