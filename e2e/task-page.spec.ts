// A task's own page: everything about one task, its code running for real against the simulator,
// and the actions that take it further (form, run again, use as input). Favourite, rename and
// delete: task-page-manage.spec.ts.
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
  // The second step back leaves the task page's document for /images: let it land first, or it
  // interrupts the next navigation.
  await expect(page).toHaveURL(/\/images$/);
  await openTaskPage(page, task.task_id);
  await page.getByTestId("use-as-input").click();
  await page.getByTestId("input-target-kling-3").click();
  await expect(page).toHaveURL(/\/videos$/);
  await expect(page.getByTestId("generate-form")).toHaveAttribute("data-model", "kling-3");
  await expect.poll(() => formHasValue(page, original)).toBe(true);
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
