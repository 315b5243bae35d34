// Generate: every route with at least one model, against the simulator over real HTTP.
import { execFileSync } from "node:child_process";
import { simOrigin } from "../playwright.config";
import { expect, test } from "./fixtures";
import {
  anonymous,
  expectImagesShown,
  expectPlayable,
  pickModel,
  pickOption,
  run,
  simCount,
  simOutput,
  userWithKey,
  waitForTask,
} from "./support/generate";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 90_000 });

test("an image: Flux 2 renders, with its cost", async ({ page }) => {
  const key = await userWithKey(page);
  await page.goto("/images");
  await page.getByLabel("Prompt").fill("A lighthouse on a cliff at dusk");
  await run(page);
  await waitForTask(page);
  await expectImagesShown(page);
  await expect(page.getByTestId("task-credits")).toContainText("Cost: 5 credits");
  expect(await simCount(key, "POST /images/generations")).toBe(1);
});

test("a video: Kling 3.0 plays", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/videos");
  await pickModel(page, "Kling 3.0");
  await page.getByLabel("Prompt").fill("A paper boat drifting down a rainy street");
  await run(page);
  await waitForTask(page);
  await expectPlayable(page, "output-video");
});

test("a song: Suno yields two playable takes", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/music");
  await page
    .getByLabel("Describe the song", { exact: true })
    .fill("an upbeat synth-pop song about summer trains");
  await run(page);
  await waitForTask(page);
  await expectPlayable(page, "output-audio", 2);
});

test("a dialogue: ElevenLabs speaks it", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/speech");
  await page.getByLabel("Text for line 1").fill("Welcome to the Studio. Every model, one key.");
  await run(page);
  await waitForTask(page);
  await expectPlayable(page, "output-audio");
});

test("each tool produces its output", async ({ page }) => {
  const key = await userWithKey(page);
  const image = await simOutput(key, "/images/generations", {
    model: "flux-2",
    prompt: "a portrait of a cat",
  });
  const face = await simOutput(key, "/images/generations", {
    model: "flux-2",
    prompt: "a smiling face",
  });
  const video = await simOutput(key, "/videos/generations", {
    model: "kling-3",
    prompt: "a dancer",
  });

  await page.goto("/tools");
  await page.getByRole("radio", { name: "Background removal", exact: true }).click();
  await page.getByLabel("Image", { exact: true }).fill(image);
  await run(page);
  await waitForTask(page);
  await expectImagesShown(page);

  await page.getByRole("radio", { name: "Face swap", exact: true }).click();
  await page.getByLabel("Target image", { exact: true }).fill(image);
  await page.getByLabel("Face", { exact: true }).fill(face);
  await run(page);
  await expect(page.getByTestId("task-result")).toContainText("Face Swap");
  await waitForTask(page);
  await expectImagesShown(page);

  await page.getByRole("radio", { name: "Image upscale", exact: true }).click();
  await page.getByLabel("Image", { exact: true }).fill(image);
  await run(page);
  await expect(page.getByTestId("task-result")).toContainText("Image Upscale");
  await waitForTask(page);
  await expectImagesShown(page);

  await page.getByRole("radio", { name: "Video background removal", exact: true }).click();
  await page.getByLabel("Video", { exact: true }).fill(video);
  await run(page);
  await expect(page.getByTestId("task-result")).toContainText("Video Background Remover");
  await waitForTask(page);
  await expectPlayable(page, "output-video");
});

test("invalid input is shown inline and never reaches the upstream", async ({ page }) => {
  const key = await userWithKey(page);
  await page.goto("/images");
  await page.getByLabel("Prompt").fill("ab");
  await run(page);
  await expect(page.getByTestId("field-error").first()).toContainText("at least 3 characters");
  await expect(page.getByLabel("Prompt")).toHaveAttribute("aria-invalid", "true");
  // Our own route refuses it too, before any upstream call.
  const direct = await page.request.post("/api/v1/images/generations", {
    data: { model: "flux-2", prompt: "ab" },
  });
  expect(direct.status()).toBe(400);
  expect((await direct.json()).error.message).toContain("prompt");
  expect(await simCount(key, "POST /images/generations")).toBe(0);
});

test("the price estimate follows the options, as the catalog prices them", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/images");
  await expect(page.getByTestId("price-value")).toHaveText(/^5 credits/);
  await pickOption(page, "Mode", "flex");
  await pickOption(page, "Resolution", "2K");
  await expect(page.getByTestId("price-value")).toHaveText(/^24 credits/);
});

test("the Code tab's curl command reproduces the same request", async ({ page }) => {
  const key = await userWithKey(page);
  await page.goto("/images");
  const prompt = `Bob's "quoted" café — line one`;
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByTestId("code-tab").click();
  const curl = (await page.getByTestId("code-curl").textContent())!;
  expect(curl).toContain("https://apiin.one/api/v1/images/generations");
  expect(curl).not.toContain(key);
  const before = await simCount(key, "POST /images/generations");
  const out = execFileSync("bash", ["-c", curl.replace("https://apiin.one", simOrigin)], {
    env: { ...process.env, AIO_API_KEY: key },
    encoding: "utf8",
  });
  const created = JSON.parse(out) as { data: { task_id: string } };
  const task = (await (
    await fetch(`${simOrigin}/api/v1/tasks/${created.data.task_id}`, {
      headers: { Authorization: `Bearer ${key}` },
    })
  ).json()) as { data: { request: Record<string, unknown> } };
  expect(task.data.request).toMatchObject({ model: "flux-2", prompt });
  expect(await simCount(key, "POST /images/generations")).toBe(before + 1);
});

test("a double click creates one task", async ({ page }) => {
  const key = await userWithKey(page);
  await page.goto("/images");
  await page.getByLabel("Prompt").fill("A double-clicked teapot");
  await page.getByTestId("run-button").dblclick();
  await waitForTask(page);
  expect(await simCount(key, "POST /images/generations")).toBe(1);
});

test("a failed task shows the upstream's reason and Retry refills the form", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/images");
  const prompt = "A storm over the sea [sim:fail]";
  await page.getByLabel("Prompt").fill(prompt);
  await run(page);
  await waitForTask(page, "FAILED");
  await expect(page.getByTestId("task-error")).not.toBeEmpty();
  await page.getByLabel("Prompt").fill("something else");
  await page.getByRole("button", { name: "Retry with these settings" }).click();
  // The edit was never run: the form asks before replacing it.
  await page.getByRole("alertdialog").getByRole("button", { name: "Replace" }).click();
  await expect(page.getByLabel("Prompt")).toHaveValue(prompt);
});

test.describe("upstream errors become clear messages", () => {
  test("402: not enough credits", async ({ page }) => {
    await userWithKey(page, "aio_nocredits");
    await page.goto("/images");
    await page.getByLabel("Prompt").fill("An expensive painting");
    await run(page);
    await expect(page.getByTestId("submit-error")).toContainText(/credits/i);
    await expect(page.getByTestId("submit-error")).not.toContainText("{");
  });

  test("429: rate limited, with the time to wait", async ({ page }) => {
    const key = await userWithKey(page);
    // Saving the key already spent one request of this minute; allow one more.
    await fetch(`${simOrigin}/__sim/keys/${key}`, {
      method: "POST",
      body: JSON.stringify({ rateLimitPerMinute: 2 }),
    });
    await page.goto("/images");
    await page.getByLabel("Prompt").fill("The first of many");
    await run(page);
    await expect(page.getByTestId("task-link")).toHaveAttribute("data-task-id", /.+/);
    await page.getByLabel("Prompt").fill("One too many");
    await run(page);
    await expect(page.getByTestId("submit-error")).toContainText(/rate limit/i);
    await expect(page.getByTestId("submit-error")).toContainText(/\d+ s/);
  });

  test("5xx: the upstream had a problem", async ({ page }) => {
    await userWithKey(page);
    await page.goto("/images");
    await page.getByLabel("Prompt").fill("A server on fire [sim:500]");
    await run(page);
    // An upstream 500 after a POST may still have created the task: the Studio says so instead
    // of inviting a blind re-run that could charge twice.
    const alert = page.getByTestId("submit-error");
    await expect(alert).toContainText("(500");
    await expect(alert).toContainText(/may have been created/i);
    await expect(alert).toContainText(/charged/i);
    await expect(alert.getByRole("link", { name: /Gallery/ })).toBeVisible();
    await expect(alert).not.toContainText("{");
  });
});
