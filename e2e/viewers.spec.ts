// Viewing outputs comfortably: zoom and pan on images, keyboard shortcuts on players (only while a
// player has focus), a waveform for audio, and a before/after slider for image tools.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { anonymous, simOutput, userWithKey } from "./support/generate";
import { makeTask, openTaskPage, taskPage } from "./support/task-page";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

const fox = { model: "flux-2", prompt: "A red fox in snow", aspect_ratio: "16:9" };
const song = { model: "chirp-v3-5", gpt_description_prompt: "a calm song about rain" };

const width = async (el: Locator) => (await el.boundingBox())!.width;
const media = <T>(el: Locator, read: (m: HTMLMediaElement) => T) =>
  el.evaluate(read as (m: Element) => T);

async function waitForMetadata(el: Locator) {
  await expect
    .poll(() => media(el, (m) => (m.readyState >= 1 ? m.duration : 0)), { timeout: 15_000 })
    .toBeGreaterThan(0);
}

test("an image zooms with buttons, keys, the wheel and a double-click, and pans by dragging", async ({
  page,
}) => {
  await userWithKey(page);
  const task = await makeTask(page, "/images/generations", fox);
  await openTaskPage(page, task.task_id);
  await page.getByTestId("open-zoom").click();
  const dialog = page.getByTestId("zoom-dialog");
  const image = page.getByTestId("zoom-image");
  await expect(dialog).toHaveAttribute("data-zoom", "fit");
  await expect
    .poll(() => image.evaluate((i: HTMLImageElement) => i.naturalWidth))
    .toBeGreaterThan(0);
  const fitWidth = await width(image);

  await dialog.getByRole("button", { name: "Zoom in" }).click();
  await expect(dialog).not.toHaveAttribute("data-zoom", "fit");
  await expect.poll(() => width(image)).toBeGreaterThan(fitWidth * 1.2);
  await dialog.getByRole("button", { name: "Fit to screen" }).click();
  await expect(dialog).toHaveAttribute("data-zoom", "fit");
  await expect.poll(() => width(image)).toBeCloseTo(fitWidth, 0);

  // Keys: 1 shows real pixels, + and − step, 0 fits.
  await page.keyboard.press("1");
  await expect(dialog).toHaveAttribute("data-zoom", "1");
  await page.keyboard.press("+");
  await expect(dialog).toHaveAttribute("data-zoom", "1.5");
  const natural = await image.evaluate((i: HTMLImageElement) => i.naturalWidth);
  await expect.poll(() => width(image)).toBeCloseTo(natural * 1.5, 0);
  await page.keyboard.press("-");
  await page.keyboard.press("-");
  await expect(dialog).toHaveAttribute("data-zoom", "0.75");
  await expect.poll(() => width(image)).toBeCloseTo(natural * 0.75, 0);
  await page.keyboard.press("0");
  await expect(dialog).toHaveAttribute("data-zoom", "fit");

  // Drag pans the zoomed image by as much as the pointer moved.
  await page.keyboard.press("+");
  await page.keyboard.press("+");
  await expect(dialog).not.toHaveAttribute("data-zoom", "fit");
  await expect.poll(() => width(image)).toBeGreaterThan(fitWidth * 1.4);
  const viewport = page.viewportSize()!;
  const before = (await image.boundingBox())!;
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  await page.mouse.down();
  await page.mouse.move(viewport.width / 2 - 60, viewport.height / 2 - 40, { steps: 8 });
  await page.mouse.move(viewport.width / 2 - 120, viewport.height / 2 - 80, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await image.boundingBox())!.x).toBeLessThan(before.x - 60);
  // The arrow keys pan too.
  const dragged = (await image.boundingBox())!;
  await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => (await image.boundingBox())!.x).toBeGreaterThan(dragged.x + 20);

  // The wheel zooms at the pointer; a double-click fits again, and another zooms in.
  await page.keyboard.press("0");
  await expect.poll(() => width(image)).toBeCloseTo(fitWidth, 0);
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  await page.mouse.wheel(0, -400);
  await expect.poll(() => width(image)).toBeGreaterThan(fitWidth * 1.1);
  await expect(dialog).not.toHaveAttribute("data-zoom", "fit");
  await page.mouse.dblclick(viewport.width / 2, viewport.height / 2);
  await expect(dialog).toHaveAttribute("data-zoom", "fit");
  await page.mouse.dblclick(viewport.width / 2, viewport.height / 2);
  await expect(dialog).not.toHaveAttribute("data-zoom", "fit");
  await expect.poll(() => width(image)).toBeGreaterThan(fitWidth * 1.4);

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("open-zoom")).toBeFocused();
});

async function expectShortcuts(page: Page, player: Locator, focus: Locator) {
  await waitForMetadata(player);
  const duration = await media(player, (m) => m.duration);
  // Nothing happens while the player has no focus: Space is the page's again.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("k");
  await page.keyboard.press("m");
  expect(await media(player, (m) => m.paused)).toBe(true);
  expect(await media(player, (m) => m.muted)).toBe(false);

  await focus.focus();
  await page.keyboard.press("m");
  await expect.poll(() => media(player, (m) => m.muted)).toBe(true);
  await page.keyboard.press("k");
  await expect.poll(() => media(player, (m) => m.paused)).toBe(false);
  await page.keyboard.press(" ");
  await expect.poll(() => media(player, (m) => m.paused)).toBe(true);
  await player.evaluate((m: HTMLMediaElement) => (m.currentTime = 0));
  await page.keyboard.press("ArrowRight");
  await expect
    .poll(() => media(player, (m) => m.currentTime))
    .toBeCloseTo(Math.min(5, duration), 1);
  await page.keyboard.press("j");
  await expect.poll(() => media(player, (m) => m.currentTime)).toBeCloseTo(0, 1);
  await page.keyboard.press("l");
  await expect.poll(() => media(player, (m) => m.currentTime)).toBeGreaterThan(1);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => media(player, (m) => m.currentTime)).toBeCloseTo(0, 1);
  await page.keyboard.press("m");
  await expect.poll(() => media(player, (m) => m.muted)).toBe(false);
}

test("video shortcuts on the task page act only while the player has focus", async ({ page }) => {
  await userWithKey(page);
  const task = await makeTask(page, "/videos/generations", {
    model: "kling-3",
    prompt: "a dancer",
  });
  await openTaskPage(page, task.task_id);
  const video = taskPage(page).getByTestId("output-video");
  await expectShortcuts(page, video, video);
  await taskPage(page).getByTestId("player-shortcuts-button").click();
  await expect(page.getByTestId("player-shortcuts")).toBeVisible();
  await expect(page.getByTestId("player-shortcuts")).toContainText("full screen");
  await page.keyboard.press("Escape");
  // F makes the video full screen, and again leaves it.
  await video.focus();
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName)).toBe("VIDEO");
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
});

test("a song's waveform draws, seeks on click, and takes the shortcuts; fields keep their keys", async ({
  page,
}) => {
  await userWithKey(page);
  const task = await makeTask(page, "/audio/music", song);
  await openTaskPage(page, task.task_id);
  const audio = taskPage(page).getByTestId("output-audio").first();
  const wave = taskPage(page).getByTestId("waveform").first();
  await expect(taskPage(page).locator("[data-player=audio]").first()).toHaveAttribute(
    "data-waveform",
    "ready",
    { timeout: 30_000 },
  );
  const canvasWidth = () =>
    wave.evaluate((el) => {
      const host = el.querySelector("div");
      const canvas = host?.shadowRoot?.querySelector("canvas");
      return canvas
        ? canvas.getBoundingClientRect().width * canvas.getBoundingClientRect().height
        : 0;
    });
  await expect.poll(canvasWidth).toBeGreaterThan(1000);
  await waitForMetadata(audio);
  const duration = await media(audio, (m) => m.duration);

  const box = (await wave.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
  await expect
    .poll(async () => (await media(audio, (m) => m.currentTime)) / duration)
    .toBeGreaterThan(0.4);
  expect((await media(audio, (m) => m.currentTime)) / duration).toBeLessThan(0.6);
  await expect(taskPage(page).getByTestId("audio-time").first()).toContainText(
    `/ ${Math.floor(duration / 60)}:`,
  );

  await taskPage(page).getByRole("button", { name: /^Play/ }).first().click();
  await expect.poll(() => media(audio, (m) => m.paused)).toBe(false);
  await taskPage(page)
    .getByRole("button", { name: /^Pause/ })
    .first()
    .click();
  await expect.poll(() => media(audio, (m) => m.paused)).toBe(true);

  await expectShortcuts(page, audio, wave);

  // Typing in a field is never a shortcut.
  await page.getByTestId("rename").click();
  await page.getByTestId("rename-input").press("m");
  await page.getByTestId("rename-input").press("k");
  await expect(page.getByTestId("rename-input")).toHaveValue(/mk$/);
  expect(await media(audio, (m) => m.muted)).toBe(false);
  expect(await media(audio, (m) => m.paused)).toBe(true);
});

test("the music page's result panel has the waveform and the shortcuts", async ({ page }) => {
  await userWithKey(page);
  await makeTask(page, "/audio/music", song);
  await page.goto("/music");
  const panel = page.getByTestId("result-panel");
  await expect(panel.getByTestId("task-result")).toHaveAttribute("data-status", "SUCCESS");
  await expect(panel.locator("[data-player=audio]").first()).toHaveAttribute(
    "data-waveform",
    "ready",
    { timeout: 30_000 },
  );
  const audio = panel.getByTestId("output-audio").first();
  await expectShortcuts(page, audio, panel.getByTestId("waveform").first());
  // Keys typed in the form stay in the form.
  const field = page.getByTestId("generate-form").locator("textarea").first();
  await field.fill("");
  await field.pressSequentially("mk l");
  await expect(field).toHaveValue("mk l");
  expect(await media(audio, (m) => m.muted)).toBe(false);
  expect(await media(audio, (m) => m.paused)).toBe(true);
});

test("a removed background compares with its input on a slider, by keyboard and pointer", async ({
  page,
}) => {
  const key = await userWithKey(page);
  const input = await simOutput(key, "/images/generations", {
    model: "flux-2",
    prompt: "a portrait of a cat",
  });
  const task = await makeTask(page, "/images/tools/remove-bg", { image: input });
  await openTaskPage(page, task.task_id);
  const frame = taskPage(page).getByTestId("before-after");
  const handle = frame.getByRole("slider");
  await expect(frame.getByText("Before", { exact: true })).toBeVisible();
  await expect(frame.getByText("After", { exact: true })).toBeVisible();
  for (const id of ["before-image", "output-image"]) {
    await expect
      .poll(() => frame.getByTestId(id).evaluate((i: HTMLImageElement) => i.naturalWidth))
      .toBeGreaterThan(0);
  }
  expect(await frame.getByTestId("before-image").getAttribute("src")).toBe(input);
  // The cut-out sits on a checkerboard.
  const behindResult = await frame
    .getByTestId("output-image")
    .evaluate((i) => getComputedStyle(i.parentElement!).backgroundImage);
  expect(behindResult).toContain("conic-gradient");

  await expect(handle).toHaveAttribute("aria-valuenow", "50");
  await handle.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(handle).toHaveAttribute("aria-valuenow", "40");
  await page.keyboard.press("End");
  await expect(handle).toHaveAttribute("aria-valuenow", "100");
  await page.keyboard.press("Home");
  await expect(handle).toHaveAttribute("aria-valuenow", "0");

  const box = (await frame.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
  await expect
    .poll(async () => Number(await handle.getAttribute("aria-valuenow")))
    .toBeCloseTo(75, -1);
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect
    .poll(async () => Number(await handle.getAttribute("aria-valuenow")))
    .toBeCloseTo(25, -1);
  // Left of the divider is the input: at 25 % only a quarter of it shows.
  await expect
    .poll(() =>
      frame
        .getByTestId("before-image")
        .evaluate((i) => getComputedStyle(i.parentElement!).clipPath),
    )
    .toMatch(/inset\(0(px)? 7\d(\.\d+)?% 0(px)? 0(px)?\)/);
  // The divider and the value it announces agree.
  expect(Number(await handle.getAttribute("aria-valuenow"))).toBeCloseTo(25, -1);

  await frame.getByTestId("open-zoom").click();
  await expect(page.getByTestId("zoom-dialog")).toBeVisible();
});
