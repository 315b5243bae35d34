// Page object for /compare and /compare/[id]: columns, their costs, Run, results and the pick.
import { expect, type Locator, type Page } from "@playwright/test";

export const setupColumns = (page: Page) => page.getByTestId("compare-column");
export const resultColumns = (page: Page) => page.getByTestId("result-column");

/** Picks a model in one setup column (0 = Column A). */
export async function pickColumnModel(page: Page, column: number, label: string) {
  await setupColumns(page).nth(column).getByTestId("model-picker").click();
  await page.getByRole("option", { name: new RegExp(`^${label}`) }).click();
  await expect(setupColumns(page).nth(column).getByTestId("model-picker")).toContainText(label);
}

/** The credits each setup column's estimate shows, in column order. */
export async function columnEstimates(page: Page): Promise<number[]> {
  const values = setupColumns(page).getByTestId("price-value");
  const count = await values.count();
  const credits: number[] = [];
  for (let i = 0; i < count; i++) {
    credits.push(Number(await values.nth(i).getAttribute("data-credits")));
  }
  return credits;
}

export async function totalEstimate(page: Page): Promise<number> {
  return Number(await page.getByTestId("compare-total-value").getAttribute("data-credits"));
}

/** Presses Run and waits for the comparison's own page; returns its id. */
export async function runComparison(page: Page): Promise<string> {
  await page.getByTestId("compare-run").click();
  await page.waitForURL(/\/compare\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

/** Every result column reached `status`, and every image in them decoded. */
export async function waitForResults(page: Page, count: number, status = "SUCCESS") {
  await expect(resultColumns(page)).toHaveCount(count);
  for (const column of await resultColumns(page).all()) {
    await expect(column).toHaveAttribute("data-status", status, { timeout: 45_000 });
  }
}

export async function expectImagesIn(column: Locator) {
  const img = column.getByTestId("output-image").first();
  await expect(img).toBeVisible();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBeGreaterThan(0);
}

/** The names the result columns show, in column order. */
export async function shownNames(page: Page): Promise<string[]> {
  return (await resultColumns(page).getByTestId("column-model").allInnerTexts()).map((t) =>
    t.trim(),
  );
}
