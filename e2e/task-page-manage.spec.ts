// A task's own page, what a person keeps or removes: favourite and rename (persisted, refused with
// a reason), delete with Undo and without, and the way back to the gallery's filters.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { anonymous, userWithKey } from "./support/generate";
import { makeTask, openTaskPage, taskPage } from "./support/task-page";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

const fox = { model: "flux-2", prompt: "A red fox in snow", aspect_ratio: "16:9" };

test("favourite and rename persist across a reload; Escape cancels a rename", async ({ page }) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  await openTaskPage(page, task.task_id);

  const star = page.getByTestId("favorite");
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");

  await page.getByTestId("rename").click();
  await page.getByTestId("rename-input").fill("Winter fox");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("task-title")).toHaveText("Winter fox");
  await expect(page.getByTestId("rename")).toBeFocused();

  await page.getByTestId("rename").click();
  await page.getByTestId("rename-input").fill("Something else");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("task-title")).toHaveText("Winter fox");

  await page.reload();
  await expect(page.getByTestId("task-title")).toHaveText("Winter fox");
  await expect(page.getByTestId("favorite")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("output-download")).toHaveAttribute(
    "download",
    "winter-fox_flux-2_1.png",
  );
});

test("a rename that cannot be saved says why and keeps the typed name in focus", async ({
  page,
}) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  await openTaskPage(page, task.task_id);
  // Deleted in another tab meanwhile.
  expect((await page.request.delete(`/api/v1/tasks/${task.task_id}`)).ok()).toBe(true);
  await page.getByTestId("rename").click();
  const input = page.getByTestId("rename-input");
  await input.fill("Winter fox");
  await input.press("Enter");
  await expect(page.getByText("This task was deleted elsewhere.")).toBeVisible();
  await expect(input).toBeFocused();
  await expect(input).toHaveValue("Winter fox");
});

/** The gallery card of a task (none while it is hidden). */
const card = (page: Page, taskId: string) =>
  page.locator(`[data-testid="gallery-item"][data-task-id="${taskId}"]`);

test("the way back keeps the gallery's filters; a deleted task stays out of it until Undo", async ({
  page,
}) => {
  await userWithKey(page);
  const other = await makeTask(page, "/images/generations", { ...fox, prompt: "Another fox" });
  const kept = await makeTask(page, "/images/generations", { ...fox, prompt: "A fox to keep" });
  const filtered = "/gallery?kind=image&status=SUCCESS";
  await page.goto(filtered);
  await card(page, kept.task_id).getByTestId("gallery-link").click();
  await expect(taskPage(page)).toBeVisible();
  await page.getByTestId("back-to-gallery").click();
  await expect(page).toHaveURL(/\/gallery\?kind=image&status=SUCCESS$/);
  await expect(card(page, kept.task_id)).toBeVisible();

  await card(page, kept.task_id).getByTestId("gallery-link").click();
  await page.getByTestId("delete-task").click();
  // Back in the same filtered view, which the server still lists the task in: not shown.
  await expect(page).toHaveURL(/\/gallery\?kind=image&status=SUCCESS$/);
  await expect(card(page, other.task_id)).toBeVisible();
  await expect(card(page, kept.task_id)).toHaveCount(0);
  // Reading the toast takes longer than its 6 s: it stays while hovered, and so does Undo.
  const toast = page.getByTestId("delete-toast");
  await toast.hover();
  await page.waitForTimeout(7000);
  await expect(card(page, kept.task_id)).toHaveCount(0);
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toBeHidden();
  await expect(card(page, kept.task_id)).toBeVisible();
  expect((await page.request.get(`/api/v1/tasks/${kept.task_id}`)).status()).toBe(200);
});

test("delete without Undo: the task and its file are gone once the toast closes", async ({
  page,
}) => {
  await userWithKey(page);
  const gone = await makeTask(page, "/images/generations", { ...fox, prompt: "A fox to forget" });
  const fileUrl = gone.response[0]!;
  expect((await page.request.get(fileUrl)).status()).toBe(200);
  await openTaskPage(page, gone.task_id);
  await page.getByTestId("delete-task").click();
  await expect(page).toHaveURL(/\/gallery$/);
  const toast = page.getByTestId("delete-toast");
  await expect(toast).toContainText("Deleted “A fox to forget”");
  await expect(card(page, gone.task_id)).toHaveCount(0);
  await page.mouse.move(0, 0);
  await expect(toast).toBeHidden({ timeout: 15_000 });
  await expect
    .poll(async () => (await page.request.get(`/api/v1/tasks/${gone.task_id}`)).status(), {
      timeout: 15_000,
    })
    .toBe(404);
  expect((await page.request.get(fileUrl)).status()).toBe(404);
  await page.goto(`/tasks/${gone.task_id}`);
  await expect(page.getByTestId("task-not-found")).toBeVisible();
});

test("leaving the page during the undo window still deletes the task", async ({ page }) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  await openTaskPage(page, task.task_id);
  await page.getByTestId("delete-task").click();
  await expect(page).toHaveURL(/\/gallery$/);
  await page.goto("about:blank");
  await expect
    .poll(async () => (await page.request.get(`/api/v1/tasks/${task.task_id}`)).status())
    .toBe(404);
});
