// Playground comforts on the generation forms: example prompts, a prompt history per model, seed
// randomize and "Reuse seed", and images dropped or pasted into media fields (uploaded on a Studio
// that has a public address; refused in plain words on one that has none).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { simOrigin } from "../playwright.config";
import { expect, test } from "./fixtures";
import { registerThroughUi, uniqueEmail } from "./support/accounts";
import { anonymous, pickModel, run, simCount, userWithKey, waitForTask } from "./support/generate";
import { startStudio, stopStudio, type StudioServer } from "./support/server";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 90_000 });

const prompt = (page: Page) => page.getByLabel("Prompt", { exact: true });

async function latestTask(page: Page, base = "") {
  const res = await page.request.get(`${base}/api/v1/tasks?limit=1`);
  expect(res.ok()).toBe(true);
  const { tasks } = (await res.json()) as {
    tasks: { task_id: string; inputs: string[] }[];
  };
  return tasks[0]!;
}

async function requestOf(page: Page, taskId: string): Promise<Record<string, unknown>> {
  const res = await page.request.get(`/api/v1/tasks/${taskId}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { data: { request: Record<string, unknown> } }).data.request;
}

test("an example prompt fills the prompt, shows the cost and runs", async ({ page }) => {
  const key = await userWithKey(page);
  await page.goto("/images");
  const examples = page.getByTestId("prompt-example");
  await expect(examples).toHaveCount(4);
  const chosen = examples.nth(1);
  const text = (await chosen.getAttribute("title"))!;
  await chosen.click();
  await expect(prompt(page)).toHaveValue(text);
  await expect(page.getByTestId("price-value")).toHaveText(/\d/);
  await run(page);
  await waitForTask(page);
  expect(await simCount(key, "POST /images/generations")).toBe(1);
  expect((await requestOf(page, (await latestTask(page)).task_id)).prompt).toBe(text);
});

test("the prompt history lists what was run with this model and fills it", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/images");
  const earlier = "A heron standing in morning mist over a still lake";
  await prompt(page).fill(earlier);
  await run(page);
  await waitForTask(page);
  await prompt(page).fill("something else entirely");
  // Kept in this browser: still there after a reload.
  await page.reload();
  await page.getByTestId("prompt-history").click();
  await page.getByTestId("prompt-history-item").filter({ hasText: earlier }).click();
  await expect(prompt(page)).toHaveValue(earlier);

  // Another model has its own history.
  await pickModel(page, "Imagen 4");
  await page.getByTestId("prompt-history").click();
  await expect(page.getByTestId("prompt-history-item")).toHaveCount(0);
  await expect(page.getByText("Nothing yet")).toBeVisible();
});

test("the dice picks a valid seed that the model accepts", async ({ page }) => {
  const key = await userWithKey(page);
  await page.goto("/images");
  await pickModel(page, "Imagen 4");
  const seed = page.getByLabel("Seed", { exact: true });
  await expect(seed).toHaveValue("");
  const seen = new Set<string>();
  for (let i = 0; i < 3; i++) {
    await page.getByTestId("seed-randomize").click();
    const value = await seed.inputValue();
    expect(value).toMatch(/^\d+$/);
    expect(Number(value)).toBeLessThanOrEqual(4_294_967_295);
    seen.add(value);
  }
  expect(seen.size, "each roll gives another seed").toBeGreaterThan(1);
  await prompt(page).fill("A koi pond seen from above");
  await run(page);
  await waitForTask(page);
  expect(await simCount(key, "POST /images/generations")).toBe(1);
  const sent = await requestOf(page, (await latestTask(page)).task_id);
  expect(String(sent.seed)).toBe(await seed.inputValue());
});

test("Reuse seed opens the form with that seed and keeps every other field", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/images");
  await pickModel(page, "Imagen 4");
  await prompt(page).fill("A lantern festival over a river");
  await page.getByLabel("Seed", { exact: true }).fill("24680");
  await run(page);
  await waitForTask(page);
  const task = await latestTask(page);

  // The user moves on: other words, another seed (kept as this tab's draft).
  await prompt(page).fill("my own words");
  await page.getByLabel("Seed", { exact: true }).fill("111");
  await page.goto(`/tasks/${task.task_id}`);
  const link = await page.getByTestId("reuse-seed").getAttribute("href");
  await page.getByTestId("reuse-seed").click();

  await expect(page).toHaveURL(/\/images$/);
  await expect(page.getByTestId("generate-form")).toHaveAttribute("data-model", "imagen-4");
  await expect(page.getByLabel("Seed", { exact: true })).toHaveValue("24680");
  await expect(prompt(page)).toHaveValue("my own words");

  // The same link loaded as a page of its own (a new tab, a pasted address): the seed still lands
  // on top of the draft, which comes back only after hydration.
  await page.getByLabel("Seed", { exact: true }).fill("111");
  await expect.poll(() => page.evaluate(() => JSON.stringify(sessionStorage))).toContain("111");
  await page.goto(link!);
  await expect(page).toHaveURL(/\/images$/);
  await expect(page.getByLabel("Seed", { exact: true })).toHaveValue("24680");
  await expect(prompt(page)).toHaveValue("my own words");
});

/** Pastes (a ClipboardEvent) or drops (dragenter, dragover, drop) a real 48×32 PNG on `zone`. */
async function sendImage(zone: Locator, how: "paste" | "drop") {
  // A synthetic event sent before React has hydrated the zone is lost (CI: a drop on /images while
  // its script was still starting): wait until React has put its handlers on the element.
  await expect
    .poll(() => zone.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps"))))
    .toBe(true);
  await zone.evaluate(async (el, how) => {
    const canvas = document.createElement("canvas");
    canvas.width = 48;
    canvas.height = 32;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#e8590c";
    ctx.fillRect(0, 0, 48, 32);
    ctx.fillStyle = "#1971c2";
    ctx.fillRect(12, 8, 24, 16);
    const blob = await new Promise<Blob>((resolve) =>
      canvas.toBlob((b) => resolve(b!), "image/png"),
    );
    const data = new DataTransfer();
    data.items.add(new File([blob], "picture.png", { type: "image/png" }));
    const init = { bubbles: true, cancelable: true };
    if (how === "paste") {
      el.dispatchEvent(new ClipboardEvent("paste", { ...init, clipboardData: data }));
      return;
    }
    for (const type of ["dragenter", "dragover", "drop"]) {
      el.dispatchEvent(new DragEvent(type, { ...init, dataTransfer: data }));
    }
  }, how);
}

async function expectPreview(field: Locator, prefix: string) {
  const img = field.getByTestId("media-preview").locator("img").first();
  await expect(img).toHaveAttribute("src", new RegExp(`^${prefix}`));
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBe(48);
}

test("on a Studio without uploads, a pasted image is refused in plain words", async ({ page }) => {
  await userWithKey(page);
  await page.goto("/tools");
  await page.getByRole("radio", { name: "Background removal", exact: true }).click();
  const zone = page.locator('[data-field="image"]').getByTestId("media-drop-zone");
  await sendImage(zone, "paste");
  const alert = zone.getByRole("alert");
  await expect(alert).toContainText("can't be uploaded");
  await expect(alert).not.toContainText(/PUBLIC_URL|[A-Z]{2,}_[A-Z]{2,}/);
  await sendImage(zone, "drop");
  await expect(alert).toContainText("earlier results");
});

test.describe("on a Studio that takes uploads", () => {
  test.describe.configure({ mode: "serial" });
  const port = 3310;
  const base = `http://localhost:${port}`;
  let server: StudioServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    fs.rmSync(path.resolve("tmp/e2e-playground"), { recursive: true, force: true });
    server = await startStudio(port, {
      DATA_DIR: path.resolve("tmp/e2e-playground"),
      NEXT_TELEMETRY_DISABLED: "1",
      AIO_API_KEY: "",
      AIO_BASE_URL: `${simOrigin}/api/v1`,
      DATABASE_URL: "",
      AUTH_SECRET: "",
      DEMO_SIM_SPEED: "50",
      TRACKER_SPEED: "50",
      UPSTREAM_RATE_LIMIT: "100000",
      PUBLIC_URL: base,
    });
  });
  test.afterAll(async () => {
    if (server) await stopStudio(server.proc);
  });

  async function signUp(page: Page) {
    await registerThroughUi(page, { email: uniqueEmail("drop"), password: "drop password", base });
    const key = `aio_drop_${randomUUID().replace(/-/g, "")}`;
    const res = await page.request.put(`${base}/api/v1/keys`, { data: { key } });
    expect(res.ok(), await res.text()).toBe(true);
  }

  test("a pasted image is uploaded, previewed and used by the run", async ({ page }) => {
    await signUp(page);
    await page.goto(`${base}/tools`);
    await page.getByRole("radio", { name: "Background removal", exact: true }).click();
    const field = page.locator('[data-field="image"]');
    await sendImage(field.getByTestId("media-drop-zone"), "paste");
    await expectPreview(field, `${base}/files/`);
    const url = await page.getByLabel("Image", { exact: true }).inputValue();
    await run(page);
    await waitForTask(page);
    expect((await latestTask(page, base)).inputs).toEqual([url]);
  });

  test("a dropped image is uploaded, previewed and used by the run", async ({ page }) => {
    await signUp(page);
    await page.goto(`${base}/images`);
    const field = page.locator('[data-field="input_urls"]');
    await sendImage(field.getByTestId("media-drop-zone"), "drop");
    await expectPreview(field, `${base}/files/`);
    await prompt(page).fill("The same scene, in watercolor");
    await run(page);
    await waitForTask(page);
    const inputs = (await latestTask(page, base)).inputs;
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatch(new RegExp(`^${base}/files/`));
  });
});
