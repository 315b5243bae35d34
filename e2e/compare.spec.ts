// Compare: one prompt on three image models side by side, blind, against the simulator over real
// HTTP — the cost of each column and the total before Run, one task per column, results in place,
// names hidden until a favourite is picked, and the link showing all of it after a reload.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, setTheme, test } from "./fixtures";
import {
  columnEstimates,
  expectImagesIn,
  pickColumnModel,
  resultColumns,
  runComparison,
  setupColumns,
  shownNames,
  totalEstimate,
  waitForResults,
} from "./support/compare";
import { anonymous, simCount, userWithKey } from "./support/generate";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

const prompt = "A lighthouse on a cliff at dusk, oil painting";
const creates = "POST /images/generations";
const chosen = ["Flux 2", "Seedream 4.5", "Imagen 4"];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("three image models, blind: costs before Run, results in place, names after the pick", async ({
  page,
}) => {
  const key = await userWithKey(page, "aio_compare");
  await page.goto("/compare");
  await expect(page.getByRole("heading", { level: 1, name: "Compare" })).toBeVisible();
  await expect(page.getByTestId("comparisons-empty")).toBeVisible();

  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  await expect(setupColumns(page)).toHaveCount(3);
  await pickColumnModel(page, 2, "Imagen 4");
  for (const [i, label] of chosen.entries()) {
    await expect(setupColumns(page).nth(i).getByTestId("model-picker")).toContainText(label);
  }

  // The cost of each column and of the whole run, before anything runs.
  const estimates = await columnEstimates(page);
  expect(estimates).toHaveLength(3);
  for (const credits of estimates) expect(credits).toBeGreaterThan(0);
  await expect(page.getByTestId("column-cost")).toHaveCount(3);
  for (const [i, credits] of estimates.entries()) {
    await expect(page.getByTestId("column-cost").nth(i)).toContainText(`${credits} credit`);
  }
  expect(await totalEstimate(page)).toBe(estimates.reduce((a, b) => a + b, 0));
  await expect(page.getByTestId("compare-total")).toContainText(
    `${estimates.reduce((a, b) => a + b, 0)} credits`,
  );
  expect(await simCount(key, creates)).toBe(0);

  const blind = page.getByRole("switch", { name: "Blind comparison" });
  await blind.click();
  await expect(blind).toHaveAttribute("aria-checked", "true");
  const id = await runComparison(page);

  // Names hidden while the results arrive, each in its own column.
  await expect(page.getByTestId("blind-state")).toContainText("names hidden");
  await waitForResults(page, 3);
  for (const column of await resultColumns(page).all()) await expectImagesIn(column);
  expect(await shownNames(page)).toEqual(["Model A", "Model B", "Model C"]);
  for (const label of chosen) await expect(page.getByRole("main")).not.toContainText(label);
  expect(await simCount(key, creates)).toBe(3);
  // What each column cost, once charged.
  for (const column of await resultColumns(page).all()) {
    await expect(column.getByTestId("column-credits")).toContainText(/\d+ credits?/);
  }

  // The pick reveals every name and is saved.
  await resultColumns(page).nth(1).getByTestId("pick-favorite").click();
  await expect(resultColumns(page).nth(1).getByTestId("favorite-badge")).toBeVisible();
  await expect(page.getByTestId("blind-state")).toContainText("revealed");
  const revealed = await shownNames(page);
  expect([...revealed].sort()).toEqual([...chosen].sort());

  // The link keeps everything.
  await page.reload();
  await expect(page.getByTestId("comparison-prompt")).toHaveText(prompt);
  await waitForResults(page, 3);
  for (const column of await resultColumns(page).all()) await expectImagesIn(column);
  expect(await shownNames(page)).toEqual(revealed);
  await expect(resultColumns(page).nth(1)).toHaveAttribute("data-favorite", "true");
  await expect(page.getByTestId("blind-state")).toContainText("revealed");
  expect(await simCount(key, creates)).toBe(3);

  // And it is the first of my recent comparisons.
  await page.goto("/compare");
  const row = page.getByTestId("comparison-row").first();
  await expect(row).toContainText(prompt);
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/compare/${id}$`));
});

test("a column's problem is shown in that column and nothing is sent", async ({ page }) => {
  const key = await userWithKey(page, "aio_compare");
  await page.goto("/compare");
  await page.getByLabel("Prompt", { exact: true }).fill("x");
  await page.getByTestId("compare-run").click();
  // Too short for every model: said under the prompt, per column, in words.
  await expect(page.getByTestId("prompt-errors").getByRole("listitem")).toHaveCount(3);
  await expect(page.getByTestId("prompt-errors")).not.toContainText("prompt:");
  await expect(page).toHaveURL(/\/compare$/);
  expect(await simCount(key, creates)).toBe(0);
  // Fixing it clears the problem at once.
  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  await expect(page.getByTestId("prompt-errors")).toHaveCount(0);
});

test("another account's comparison is not found", async ({ page, browser }) => {
  await userWithKey(page, "aio_compare");
  const res = await page.request.post("/api/v1/comparisons", {
    data: {
      route: "images",
      prompt,
      columns: [
        { model: "flux-2", prompt },
        { model: "seedream-4-5", prompt },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { comparison } = (await res.json()) as { comparison: { id: string } };
  const other = await browser.newContext({ storageState: anonymous });
  const stranger = await other.newPage();
  await userWithKey(stranger, "aio_compare");
  await stranger.goto(`/compare/${comparison.id}`);
  await expect(stranger.getByTestId("comparison-not-found")).toBeVisible();
  const api = await stranger.request.get(`/api/v1/comparisons/${comparison.id}`);
  expect(api.status()).toBe(404);
  await other.close();
});

test("on a phone the columns stack and fit; axe finds nothing serious, light and dark", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await userWithKey(page, "aio_compare");
  const problems: string[] = [];
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    await page.goto("/compare");
    await expect(setupColumns(page)).toHaveCount(3);
    await page.waitForTimeout(400);
    for (const found of await seriousViolations(page)) problems.push(`[${theme}] ${found}`);
  }
  expect(problems).toEqual([]);
  const boxes = await Promise.all(
    (await setupColumns(page).all()).map(async (c) => (await c.boundingBox())!),
  );
  for (const box of boxes) {
    expect(box.x).toBe(boxes[0]!.x);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(page.getByTestId("compare-run")).toBeInViewport();
});

test("chat: one message with two settings, blind; answers arrive in place, the pick shows the settings", async ({
  page,
}) => {
  const key = await userWithKey(page, "aio_cmpchat");
  await page.goto("/compare");
  await page.getByRole("radio", { name: "Chat" }).click();
  await expect(setupColumns(page)).toHaveCount(2);
  // A Run with no message says so in the form's words and sends nothing.
  await page.getByTestId("compare-run").click();
  await expect(page.getByText("Write the message every column sends.")).toBeVisible();

  const question = "Describe Paris in one short paragraph";
  await page.getByLabel("Message", { exact: true }).fill(question);
  const second = setupColumns(page).nth(1);
  await second.getByRole("switch", { name: "JSON mode" }).click();
  await expect(second).toContainText("High effort · JSON");
  await expect(setupColumns(page).nth(0)).toContainText("Low effort");
  // Chat is billed by the tokens it uses: an approximate price per column and in total.
  await expect(page.getByTestId("column-cost")).toHaveCount(2);
  await expect(page.getByTestId("compare-total")).toContainText("≈");

  await page.getByRole("switch", { name: "Blind comparison" }).click();
  await runComparison(page);
  await waitForResults(page, 2);
  expect(await shownNames(page)).toEqual(["Answer A", "Answer B"]);
  await expect(page.getByRole("main")).not.toContainText("Low effort");
  for (const column of await resultColumns(page).all()) {
    await expect(column.getByTestId("column-answer")).toContainText("Paris");
    await expect(column.getByTestId("column-credits")).toContainText(/\d+ credits?/);
    await expect(column.getByTestId("column-tokens")).toContainText(/\d+ in \/ \d+ out/);
  }
  // Exactly one of the two answers was asked for JSON and shows it checked.
  await expect(page.getByTestId("json-verdict")).toHaveCount(1);
  await expect(page.getByTestId("json-verdict")).toHaveText("Valid JSON");
  expect(await simCount(key, "POST /chat/completions")).toBe(2);

  await resultColumns(page).nth(0).getByTestId("pick-favorite").click();
  await expect(page.getByTestId("blind-state")).toContainText("revealed");
  const subtitles = await resultColumns(page).getByTestId("column-subtitle").allInnerTexts();
  expect([...subtitles].sort()).toEqual(["High effort · JSON", "Low effort"]);

  // After a reload the answers are read from the Studio's database: nothing is asked again.
  await page.reload();
  await waitForResults(page, 2);
  await expect(page.getByTestId("json-verdict")).toHaveCount(1);
  expect(await simCount(key, "POST /chat/completions")).toBe(2);
});
