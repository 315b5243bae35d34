// The gallery: every task a user ran, kept across reloads, filtered by kind, updating while running.
import { expect, test } from "./fixtures";
import {
  anonymous,
  expectImagesShown,
  expectPlayable,
  run,
  userWithKey,
  waitForTask,
} from "./support/generate";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

test("shows each result with its player, by kind, and keeps it after a reload", async ({
  page,
}) => {
  await userWithKey(page);
  await page.goto("/gallery");
  await expect(page.getByTestId("gallery-empty")).toBeVisible();

  await page.goto("/images");
  await page.getByLabel("Prompt").fill("A lighthouse on a cliff at dusk");
  await run(page);
  await waitForTask(page);
  await page.goto("/speech");
  await page.getByLabel("Text for line 1").fill("Welcome to the Studio. Every model, one key.");
  await run(page);
  await waitForTask(page);

  await page.goto("/gallery");
  const items = page.getByTestId("gallery-item");
  await expect(items).toHaveCount(2);
  // Newest first: the dialogue, then the image.
  await expect(items.nth(0)).toContainText("Welcome to the Studio");
  await expect(items.nth(1)).toContainText("A lighthouse on a cliff at dusk");
  await expect(items.nth(1)).toContainText("5 credits");
  await expectImagesShown(page);
  await expectPlayable(page, "output-audio");

  await page.getByRole("tab", { name: "Videos" }).click();
  await expect(page.getByText("No videos yet")).toBeVisible();
  await expect(items).toHaveCount(0);
  await page.getByRole("tab", { name: "Images" }).click();
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("A lighthouse");

  await page.reload();
  await expect(items).toHaveCount(2);
});

test("a running task updates to its result without a reload", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/music");
  // Ten times slower than usual: still running when the gallery first shows it.
  await page.getByLabel("Song description").fill("a slow waltz about rivers [sim:slow]");
  await run(page);
  await expect(page.getByTestId("task-id")).not.toBeEmpty();
  await page.goto("/gallery");
  const item = page.getByTestId("gallery-item");
  await expect(item).toHaveAttribute("data-status", "IN_PROGRESS");
  await expect(item.getByTestId("gallery-status")).toHaveText("Running");
  await expect(item).toHaveAttribute("data-status", "SUCCESS", { timeout: 60_000 });
  await expectPlayable(page, "output-audio", 2);
});
