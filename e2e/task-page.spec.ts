// A task's own page: everything about one task, its code running for real against the simulator,
// and the actions that take it further (form, run again, use as input, favourite, rename, delete).
import type { Page } from "@playwright/test";
import { simOrigin } from "../playwright.config";
import { expect, test } from "./fixtures";
import { anonymous, userWithKey } from "./support/generate";
import {
  appToken,
  formHasValue,
  makeTask,
  openTaskPage,
  runSnippet,
  snippet,
  taskPage,
} from "./support/task-page";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

const fox = { model: "flux-2", prompt: "A red fox in snow", aspect_ratio: "16:9" };

test("shows the outputs, every parameter, timings, credits and the raw JSON", async ({ page }) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  await openTaskPage(page, task.task_id);

  await expect(page.getByTestId("task-title")).toHaveText("A red fox in snow");
  await expect(page.getByTestId("task-status")).toHaveText(/Succeeded/);
  await expect(page.getByTestId("param-prompt")).toHaveText("A red fox in snow");
  await expect(page.getByTestId("param-aspect_ratio")).toHaveText("16:9");
  await expect(page.getByTestId("task-parameters")).toContainText("Aspect ratio");
  await expect(page.getByTestId("task-credits")).toHaveText("5 credits");
  await expect(page.getByTestId("task-submitted").locator("time")).toHaveAttribute("datetime", /T/);
  await expect(page.getByTestId("task-finished").locator("time")).toHaveAttribute("datetime", /T/);
  await expect(page.getByTestId("task-duration")).toHaveText(/\d s$/);
  await expect(page.getByTestId("task-upstream-id")).toHaveText(task.task_id);

  const answer = page.getByTestId("raw-answer");
  await answer.getByText("Answer").click();
  const json = JSON.parse((await answer.locator("pre").textContent()) ?? "") as {
    data: { task_id: string; response: string[] };
    original_response: string[];
  };
  expect(json.data.task_id).toBe(task.task_id);
  expect(json.data.response).toEqual(task.response);
  expect(json.original_response[0]).toContain(simOrigin);
  await page.getByTestId("raw-request").getByText("Request").click();
  await expect(page.getByTestId("raw-request").locator("pre")).toContainText(
    '"aspect_ratio": "16:9"',
  );

  // The download is named after the prompt and the model, and served as an attachment.
  const download = page.getByTestId("output-download");
  await expect(download).toHaveAttribute("download", "a-red-fox-in-snow_flux-2_1.png");
  const res = await page.request.get((await download.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toContain("attachment");
  expect(res.headers()["content-disposition"]).toContain("a-red-fox-in-snow_flux-2_1");
});

test("zooms an image: click toggles fit and 100 %, +/- step, Escape closes", async ({ page }) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  await openTaskPage(page, task.task_id);
  const opener = page.getByTestId("open-zoom");
  await opener.click();
  const dialog = page.getByTestId("zoom-dialog");
  await expect(dialog).toHaveAttribute("data-zoom", "fit");
  await page.getByRole("button", { name: "Show at 100 %" }).click();
  await expect(dialog).toHaveAttribute("data-zoom", "1");
  await page.keyboard.press("+");
  await expect(dialog).toHaveAttribute("data-zoom", "1.5");
  await page.keyboard.press("-");
  await page.keyboard.press("-");
  await expect(dialog).toHaveAttribute("data-zoom", "0.75");
  await page.keyboard.press("0");
  await expect(dialog).toHaveAttribute("data-zoom", "fit");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test("the curl and TypeScript code run, wait for the task and print its output", async ({
  page,
}) => {
  const key = await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  await openTaskPage(page, task.task_id);
  const upstream = { AIO_API_KEY: key, AIO_BASE_URL: `${simOrigin}/api/v1` };

  const curl = await snippet(page, "upstream", "curl");
  expect(curl).toContain("https://apiin.one/api/v1");
  expect(curl).not.toContain(key);
  const [status, url] = await runSnippet("curl", curl, upstream);
  expect(status).toBe("SUCCESS");
  expect(url).toMatch(new RegExp(`^${simOrigin}/`));
  expect((await fetch(url!)).ok).toBe(true);

  const ts = await snippet(page, "upstream", "typescript");
  const tsLines = await runSnippet("typescript", ts, upstream);
  expect(tsLines[0]?.trim()).toBe("SUCCESS");
  expect(tsLines[1]).toMatch(new RegExp(`^${simOrigin}/`));

  // Through the Studio with an app token: the new task is kept here, its output is our copy.
  const token = await appToken(page);
  const studioCurl = await snippet(page, "studio", "curl");
  expect(studioCurl).not.toContain(token);
  const studioLines = await runSnippet("curl", studioCurl, { STUDIO_TOKEN: token });
  expect(studioLines[0]).toBe("SUCCESS");
  // Our copy, never the upstream's URL: the task reads SUCCESS only once the copy is made.
  expect(studioLines[1]).toMatch(/^http:\/\/localhost:\d+\/files\//);
  expect((await page.request.get(studioLines[1]!)).ok()).toBe(true);
  const studioTs = await snippet(page, "studio", "typescript");
  const studioTsLines = await runSnippet("typescript", studioTs, { STUDIO_TOKEN: token });
  expect(studioTsLines[0]?.trim()).toBe("SUCCESS");
});

test("Open in form lands in the model's form with the task's settings", async ({ page }) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", {
    ...fox,
    prompt: "A fox under the northern lights",
  });
  await openTaskPage(page, task.task_id);
  await page.getByTestId("open-in-form").click();
  await expect(page).toHaveURL(/\/images$/);
  const form = page.getByTestId("generate-form");
  await expect(form).toHaveAttribute("data-model", "flux-2");
  await expect(page.getByLabel("Prompt")).toHaveValue("A fox under the northern lights");
  await expect(form.getByRole("radio", { name: "Aspect ratio 16:9" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
});

test("Use as input opens remove-bg and an image-to-video model with the image", async ({
  page,
}) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  await openTaskPage(page, task.task_id);
  const answer = await (await page.request.get(`/api/v1/tasks/${task.task_id}`)).json();
  expect(answer.data.response).toHaveLength(1);
  const json = page.getByTestId("raw-answer");
  await json.getByText("Answer").click();
  const original = (
    JSON.parse((await json.locator("pre").textContent()) ?? "") as { original_response: string[] }
  ).original_response[0]!;

  await page.getByTestId("use-as-input").click();
  await page.getByTestId("input-target-bg-remover").click();
  await expect(page).toHaveURL(/\/tools$/);
  await expect(page.getByTestId("generate-form")).toHaveAttribute("data-route", "remove-bg");
  await expect.poll(() => formHasValue(page, original)).toBe(true);

  await page.goBack();
  await page.goBack();
  await openTaskPage(page, task.task_id);
  await page.getByTestId("use-as-input").click();
  await page.getByTestId("input-target-kling-3").click();
  await expect(page).toHaveURL(/\/videos$/);
  await expect(page.getByTestId("generate-form")).toHaveAttribute("data-model", "kling-3");
  await expect.poll(() => formHasValue(page, original)).toBe(true);
});

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

test("another user's task, or an unknown id, is the not-found page", async ({ page, browser }) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  const other = await browser.newContext({ storageState: anonymous });
  const otherPage = await other.newPage();
  await userWithKey(otherPage);
  await otherPage.goto(`/tasks/${task.task_id}`);
  await expect(otherPage.getByTestId("task-not-found")).toBeVisible();
  await expect(otherPage.getByText("A red fox in snow")).toHaveCount(0);
  await other.close();
  await page.goto("/tasks/no_such_task");
  await expect(page.getByTestId("task-not-found")).toBeVisible();
});

test("a song: both takes play, with keyboard shortcuts", async ({ page }) => {
  await userWithKey(page);
  const task = await makeTask(page, "/audio/music", {
    model: "chirp-v3-5",
    gpt_description_prompt: "a calm song about rain",
  });
  await openTaskPage(page, task.task_id);
  const players = page.getByTestId("output-audio");
  await expect(players).toHaveCount(2);
  await expect(page.getByTestId("player-shortcuts").first()).toContainText("Space");
  await expect(page.getByTestId("output-download")).toHaveCount(2);
  await expect(page.getByTestId("output-download").nth(1)).toHaveAttribute(
    "download",
    /^a-calm-song-about-rain_suno_2\./,
  );
  const first = players.first();
  // The shortcuts act on the player that has focus (here the first one's waveform).
  await page.getByTestId("waveform").first().focus();
  await page.keyboard.press("m");
  await expect.poll(() => first.evaluate((a: HTMLAudioElement) => a.muted)).toBe(true);
  await page.keyboard.press("Space");
  await expect.poll(() => first.evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
  await page.keyboard.press("Space");
  await expect.poll(() => first.evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);
  // Typing in a field is never a shortcut.
  await page.getByTestId("rename").click();
  await page.getByTestId("rename-input").press("m");
  await expect.poll(() => first.evaluate((a: HTMLAudioElement) => a.muted)).toBe(true);
  await expect(page.getByTestId("rename-input")).toHaveValue(/m$/);
});

test("Run again shows the price and opens the new task's page", async ({ page }) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  await openTaskPage(page, task.task_id);
  await page.getByTestId("run-again").click();
  await expect(page.getByTestId("run-again-price")).toContainText("5 credits");
  await page.getByTestId("run-again-confirm").click();
  await expect(page).not.toHaveURL(new RegExp(`/tasks/${task.task_id}$`));
  await expect(page).toHaveURL(/\/tasks\/[^/]+$/);
  await expect(taskPage(page)).toHaveAttribute("data-status", "SUCCESS", {
    timeout: 45_000,
  });
  await expect(page.getByTestId("param-prompt")).toHaveText("A red fox in snow");
});
