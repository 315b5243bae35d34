// Spend: the Usage page and the header's "today" add up what the simulator charged, by day and by
// model, follow tasks as they finish, and keep the chosen range in the URL.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { anonymous, run, userWithKey, waitForTask } from "./support/generate";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

/** Creates a task with the signed-in session and waits until it is final; returns its id. */
async function runThroughApi(page: Page, path: string, body: object): Promise<string> {
  const res = await page.request.post(path, { data: body });
  expect(res.status(), await res.text()).toBe(200);
  const { data } = (await res.json()) as { data: { task_id: string } };
  await expect
    .poll(
      async () => {
        const task = await page.request.get(`/api/v1/tasks/${encodeURIComponent(data.task_id)}`);
        return ((await task.json()) as { data: { status: string } }).data.status;
      },
      { timeout: 45_000 },
    )
    .toBe("SUCCESS");
  return data.task_id;
}

const headerSpend = (page: Page) => page.getByTestId("header-spend");
const total = (page: Page, id: "today" | "week" | "month" | "range") =>
  page.getByTestId(`usage-total-${id}`).getByTestId("usage-total-value");

test("someone who has spent nothing sees zero, and where to start", async ({ page }) => {
  await userWithKey(page, "aio_usage");
  await page.goto("/usage");
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  await expect(page.getByTestId("usage-empty")).toContainText("No spend in the last 30 days");
  for (const id of ["today", "week", "month", "range"] as const) {
    await expect(total(page, id)).toHaveText("0");
  }
  await expect(headerSpend(page)).toHaveText("0 credits today");
  await page.getByTestId("usage-empty").getByRole("link", { name: "Create an image" }).click();
  await expect(page).toHaveURL(/\/images$/);
});

test("what the tasks cost adds up on the Usage page and in the header, live", async ({ page }) => {
  await userWithKey(page, "aio_usage");
  await page.goto("/images");
  await expect(headerSpend(page)).toHaveText("0 credits today");

  // Flux 2 at its defaults costs 5 credits: the header follows it finishing, without a reload.
  await page.getByLabel("Prompt").fill("A lighthouse on a cliff at dusk");
  await run(page);
  await waitForTask(page);
  await expect(headerSpend(page)).toHaveText("5 credits today");

  // Seedream 4.5 costs 12, Imagen 4 (standard tier) 8.
  await runThroughApi(page, "/api/v1/images/generations", {
    model: "seedream/4.5-text-to-image",
    prompt: "a paper crane on a desk",
  });
  await runThroughApi(page, "/api/v1/images/generations", {
    model: "imagen4",
    prompt: "a red fox in the snow",
  });

  await headerSpend(page).click();
  await expect(page).toHaveURL(/\/usage$/);
  for (const id of ["today", "week", "month", "range"] as const) {
    await expect(total(page, id)).toHaveText("25");
  }
  await expect(headerSpend(page)).toHaveText("25 credits today");

  const rows = page.getByTestId("usage-model-row");
  await expect(rows).toHaveCount(3);
  // Most credits first, named as the catalog names them: tasks, credits and share of the credits.
  const cells = (i: number) => rows.nth(i).locator("td");
  await expect(rows.nth(0)).toHaveAttribute("data-model", "seedream-4-5");
  await expect(rows.nth(0).getByRole("rowheader")).toHaveText("Seedream 4.5");
  await expect(cells(0)).toHaveText(["1", "12", "48%"]);
  await expect(rows.nth(1).getByRole("rowheader")).toHaveText("Imagen 4");
  await expect(cells(1)).toHaveText(["1", "8", "32%"]);
  await expect(rows.nth(2).getByRole("rowheader")).toHaveText("Flux 2");
  await expect(cells(2)).toHaveText(["1", "5", "20%"]);
  await expect(page.getByTestId("usage-models").locator("tfoot td")).toHaveText([
    "3",
    "25",
    "100%",
  ]);

  // The chart draws today's stack, and says what it shows to those who cannot see it.
  const chart = page.getByTestId("usage-chart");
  await expect(chart.getByRole("application")).toHaveAttribute(
    "aria-label",
    /^Credits by day: 25 credits over the last 30 days; highest on .+ with 25 credits; most on Seedream 4\.5\./,
  );
  await expect(chart.locator(".recharts-bar-rectangle path")).toHaveCount(3);
  // Keyboard: the chart takes focus and the arrow keys bring up a day's figures.
  await chart.getByRole("application").focus();
  await page.keyboard.press("ArrowLeft");
  await expect(chart.locator(".recharts-tooltip-wrapper")).toBeVisible();
});

test("the range is chosen in the URL: reload and back keep it; days are the user's", async ({
  page,
}) => {
  await userWithKey(page, "aio_usage");
  await runThroughApi(page, "/api/v1/images/generations", {
    model: "flux-2",
    prompt: "a kite over the dunes",
  });
  await page.goto("/usage");
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const range = page.getByTestId("usage-range");
  await expect(range.getByRole("radio", { name: "30 days" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(page.getByTestId("usage-chart").locator(".recharts-bar-rectangle path")).toHaveCount(
    1,
  );

  const asked = page.waitForRequest(
    (req) => req.url().includes("/api/v1/usage?days=7&") && req.url().includes("tz="),
  );
  await range.getByRole("radio", { name: "7 days" }).click();
  await expect(page).toHaveURL(/\/usage\?days=7$/);
  expect(new URL((await asked).url()).searchParams.get("tz")).toBe(zone);
  await expect(page.getByTestId("usage-total-range")).toContainText("Last 7 days");
  await expect(total(page, "range")).toHaveText("5");

  await page.reload();
  await expect(range.getByRole("radio", { name: "7 days" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(page.getByTestId("usage-total-range")).toContainText("Last 7 days");
  await expect(page.getByTestId("usage-report")).toHaveAttribute("data-days", "7");

  await range.getByRole("radio", { name: "90 days" }).click();
  await expect(page).toHaveURL(/\/usage\?days=90$/);
  await expect(page.getByTestId("usage-report")).toHaveAttribute("data-days", "90");
  await page.goBack();
  await expect(page).toHaveURL(/\/usage\?days=7$/);
  await expect(page.getByTestId("usage-report")).toHaveAttribute("data-days", "7");
});

test.describe("in another time zone", () => {
  test.use({ timezoneId: "Pacific/Kiritimati" });

  test("the page asks for the browser's zone and says whose midnight a day starts at", async ({
    page,
  }) => {
    await userWithKey(page, "aio_usage");
    await runThroughApi(page, "/api/v1/images/generations", {
      model: "flux-2",
      prompt: "a lantern at the end of a pier",
    });
    const asked = page.waitForRequest((req) => req.url().includes("/api/v1/usage?days=30&"));
    await page.goto("/usage");
    expect(new URL((await asked).url()).searchParams.get("tz")).toBe("Pacific/Kiritimati");
    await expect(page.getByText("days start at midnight in Pacific/Kiritimati")).toBeVisible();
    await expect(total(page, "today")).toHaveText("5");
  });
});

test("a task finishing while the Usage page is open updates it, with nothing else loaded", async ({
  page,
}) => {
  await userWithKey(page, "aio_usage");
  // Straight to /usage: no task list is cached in this tab, only the live stream hears the task.
  await page.goto("/usage");
  await expect(page.getByTestId("usage-empty")).toBeVisible();
  await expect(headerSpend(page)).toHaveText("0 credits today");
  await runThroughApi(page, "/api/v1/images/generations", {
    model: "flux-2",
    prompt: "a heron standing in the reeds",
  });
  await expect(total(page, "today")).toHaveText("5");
  await expect(headerSpend(page)).toHaveText("5 credits today");
  await expect(page.getByTestId("usage-model-row")).toHaveCount(1);
});
