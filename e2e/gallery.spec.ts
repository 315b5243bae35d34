// The gallery as a library: filters and search that live in the URL (reload, back, shared links),
// pages that follow each other without a duplicate or a gap while tasks keep arriving, a grid
// that keeps a bounded DOM over ten thousand tasks, small WebP thumbnails, and live updates.
import { expect, test } from "./fixtures";
import { anonymous, userWithKey } from "./support/generate";
import {
  cardIds,
  createTask,
  scrollToEnd,
  generousKey,
  imageTask,
  serveSyntheticLibrary,
  syntheticImages,
  waitForFinished,
} from "./support/library";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

// A zone whose calendar day differs from UTC's right now: a date filter computed in UTC instead
// of the user's own day would miss today's tasks.
const zone = new Date().getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";

const localDay = (page: import("@playwright/test").Page, addDays = 0) =>
  page.evaluate((add) => {
    const d = new Date();
    d.setDate(d.getDate() + add);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, addDays);

test.describe("filters", () => {
  test.use({ timezoneId: zone });

  test("tabs, pickers, favourites, dates and search drive the URL and the results, and survive reload and back", async ({
    page,
  }) => {
    await generousKey(await userWithKey(page));
    await page.goto("/gallery");
    await expect(page.getByTestId("gallery-empty")).toBeVisible();
    await expect(page.getByRole("link", { name: /^Images/ }).last()).toBeVisible();

    const ids = [
      await createTask(page, "images", imageTask("a red fox sleeping in the snow")),
      await createTask(page, "images", imageTask("a lighthouse on a cliff at dusk")),
      await createTask(page, "videos", { model: "kling-3", prompt: "waves rolling onto a beach" }),
      await createTask(page, "speech", {
        model: "elevenlabs-v3",
        dialogue: [{ text: "Welcome to the studio, said the fox." }],
      }),
    ];
    await waitForFinished(page, ids);

    const cards = page.getByTestId("gallery-item");
    const search = page.getByRole("searchbox", { name: "Search prompts and titles" });
    await page.goto("/gallery");
    await expect(cards).toHaveCount(4);
    // Newest first.
    await expect(cards.first()).toContainText("Welcome to the studio");

    await page.getByRole("tab", { name: "Images" }).click();
    await expect(page).toHaveURL(/\/gallery\?kind=image$/);
    await expect(cards).toHaveCount(2);

    await search.fill("fox");
    await expect(page).toHaveURL(/\/gallery\?kind=image&q=fox$/);
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("a red fox sleeping");

    await page.reload();
    await expect(cards).toHaveCount(1);
    await expect(search).toHaveValue("fox");
    await expect(page.getByRole("tab", { name: "Images" })).toHaveAttribute(
      "aria-selected",
      "true",
    );

    // The search replaced its history entry: one step back is all images, before that everything.
    await page.goBack();
    await expect(page).toHaveURL(/\/gallery$/);
    await expect(cards).toHaveCount(4);
    await expect(search).toHaveValue("");
    await page.goForward();
    await expect(page).toHaveURL(/q=fox/);
    await expect(cards).toHaveCount(1);
    await expect(search).toHaveValue("fox");

    // The search matches the dialogue too, across kinds.
    await page.getByRole("tab", { name: "All" }).click();
    await expect(page).toHaveURL(/\/gallery\?q=fox$/);
    await expect(cards).toHaveCount(2);
    await page.getByTestId("clear-filters").click();
    await expect(page).toHaveURL(/\/gallery$/);
    await expect(cards).toHaveCount(4);

    await page.getByRole("combobox", { name: "Model" }).click();
    await page.getByRole("option", { name: "Kling 3.0" }).click();
    await expect(page).toHaveURL(/model=kling-3/);
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toHaveAttribute("data-kind", "video");
    await page.getByRole("combobox", { name: "Model" }).click();
    await page.getByRole("option", { name: "All models" }).click();

    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Failed" }).click();
    await expect(page).toHaveURL(/status=FAILED/);
    await expect(page.getByTestId("gallery-no-match")).toBeVisible();
    await page
      .getByTestId("gallery-no-match")
      .getByRole("button", { name: "Clear filters" })
      .click();
    await expect(cards).toHaveCount(4);

    const lighthouse = cards.filter({ hasText: "lighthouse" });
    await lighthouse.getByRole("button", { name: /to favourites$/ }).click();
    await expect(lighthouse.getByTestId("favorite-button")).toHaveAttribute("aria-pressed", "true");
    await page.getByTestId("filter-favorite").click();
    await expect(page).toHaveURL(/favorite=true/);
    await expect(cards).toHaveCount(1);
    await page.reload();
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("lighthouse");
    await expect(cards.first().getByTestId("favorite-button")).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await page.getByTestId("clear-filters").click();
    await expect(page).toHaveURL(/\/gallery$/);

    // Dates are the user's own days: today holds all four, tomorrow and yesterday none.
    const today = await localDay(page);
    await page.getByTestId("filter-since").fill(today);
    await expect(page).toHaveURL(new RegExp(`since=${today}`));
    await expect(cards).toHaveCount(4);
    await page.getByTestId("filter-until").fill(today);
    await expect(cards).toHaveCount(4);
    await page.goto(`/gallery?since=${await localDay(page, 1)}`);
    await expect(page.getByTestId("gallery-no-match")).toBeVisible();
    await page.goto(`/gallery?until=${await localDay(page, -1)}`);
    await expect(page.getByTestId("gallery-no-match")).toBeVisible();

    // A link with values the library does not know shows everything, never an error.
    await page.goto("/gallery?kind=pictures&status=done&model=nope&since=2026-13-45&favorite=1");
    await expect(cards).toHaveCount(4);
    await expect(page.getByTestId("clear-filters")).toHaveCount(0);

    // Each card opens its task's page, by keyboard too.
    await cards.first().getByTestId("gallery-link").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/tasks/${ids[3]}$`));
  });
});

test("pages follow each other without a duplicate or a gap while new tasks arrive", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await generousKey(await userWithKey(page));
  const first: string[] = [];
  for (let i = 0; i < 60; i++) {
    first.push(await createTask(page, "images", imageTask(`batch picture number ${i}`)));
  }

  // Pages of 20 (the server's real keyset pages, only smaller): three page boundaries to cross.
  await page.route(
    (url) => url.pathname === "/api/v1/tasks",
    (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set("limit", "20");
      return route.continue({ url: url.toString() });
    },
  );
  // Each page as last read, by its cursor (a page read again replaces its earlier reading).
  const pages = new Map<string, string[]>();
  page.on("response", async (res) => {
    const url = new URL(res.url());
    if (url.pathname !== "/api/v1/tasks" || !res.ok()) return;
    const body = (await res.json()) as { tasks: { task_id: string }[] };
    pages.set(
      url.searchParams.get("cursor") ?? "",
      body.tasks.map((t) => t.task_id),
    );
  });
  await page.goto("/gallery");
  const grid = page.getByTestId("gallery");
  // The first page, or two when the grid asks for the next one before the reader scrolls: a
  // page boundary is still to cross when the new tasks arrive.
  await expect(grid).toHaveAttribute("data-loaded", /^(20|40)$/);

  // Five more while the first pages are on screen: they go on top, and shift no later page.
  const later: string[] = [];
  for (let i = 0; i < 5; i++) {
    later.push(await createTask(page, "images", imageTask(`late arrival number ${i}`)));
  }

  // Half a screen at a time: every card passes through the viewport.
  const report = await scrollToEnd(page, 400);
  expect(report.duplicateFrames, "a task shown on two cards").toBe(0);
  await expect(page.getByText(/^That is everything/)).toBeInViewport();
  const seen = new Set(report.seen);

  expect(pages.size).toBeGreaterThanOrEqual(3);
  const listed = [...pages.values()].flat();
  expect(new Set(listed).size, "a task on two pages").toBe(listed.length);
  expect(
    first.filter((id) => !listed.includes(id)),
    "tasks no page listed",
  ).toEqual([]);
  expect(
    first.filter((id) => !seen.has(id)),
    "tasks never shown",
  ).toEqual([]);

  await page.evaluate(() => window.scrollTo(0, 0));
  for (const id of later) {
    await expect(page.locator(`[data-testid="gallery-item"][data-task-id="${id}"]`)).toBeVisible();
  }
});

test("ten thousand tasks scroll with fewer than 200 cards in the page", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  await userWithKey(page);
  const library = await serveSyntheticLibrary(page, 10_000, await syntheticImages(), baseURL!);
  // Cards fetch their task page when reached for, never as they scroll past.
  const prefetched: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetched.push(new URL(request.url()).pathname);
  });
  await page.goto("/gallery");
  const cards = page.getByTestId("gallery-item");
  await expect(cards.first()).toBeVisible();

  // Straight to the bottom again and again: each arrival there asks for the next page.
  // About a minute alone; twice that beside another worker on two cores.
  const report = await scrollToEnd(page, null, 200_000);
  expect(report.loaded).toBe(10_000);
  expect(report.duplicateFrames).toBe(0);
  const most = Math.max(report.most, await cards.count());
  // Cards measured at the bottom move the end a little: scroll there until it stays in view.
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(page.getByText("That is everything: 10,000 tasks.")).toBeInViewport({
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  // The last task is rendered at the bottom (a masonry's last card need not be the lowest one).
  const last = page.locator('[data-task-id="synthetic_9999"]');
  await expect(last).toBeAttached();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  expect(most).toBeGreaterThan(10);
  expect(most).toBeLessThan(200);
  expect(library.pages()).toBeGreaterThanOrEqual(10_000 / 100);

  // The middle of the library, reached by scrolling back: still bounded, still in order.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await expect
    .poll(async () => {
      const ids = await cardIds(page);
      return ids.some((id) => /synthetic_(4|5)\d{3}$/.test(id));
    })
    .toBe(true);
  expect(await cards.count()).toBeLessThan(200);
  expect(prefetched, "task pages prefetched while scrolling").toEqual([]);
  // Pointing at a card fetches its page ahead.
  const pointed = cards.first();
  const pointedId = await pointed.getAttribute("data-task-id");
  await pointed.hover();
  // (One page may take more than one request: its route, then its data.)
  await expect.poll(() => [...new Set(prefetched)]).toEqual([`/tasks/${pointedId}`]);
});

test("image thumbnails load small: ?w= answered with a WebP smaller than the original", async ({
  page,
}) => {
  await generousKey(await userWithKey(page));
  const id = await createTask(page, "images", {
    model: "flux-2",
    prompt: "a small boat on a calm lake",
    aspect_ratio: "16:9",
  });
  await waitForFinished(page, [id]);
  // The output is copied into our storage just after the task finishes.
  let original = "";
  await expect
    .poll(async () => {
      const res = await page.request.get("/api/v1/tasks?limit=1");
      original = ((await res.json()) as { tasks: { response: string[] }[] }).tasks[0]!.response[0]!;
      return original;
    })
    .toMatch(/\/files\/[A-Za-z0-9_-]{43}$/);

  const thumbnail = page.waitForResponse((res) => res.url().startsWith(`${original}?w=`));
  await page.goto("/gallery");
  const res = await thumbnail;
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/webp");
  expect(res.headers()["cache-control"]).toContain("immutable");
  const small = (await res.body()).length;
  const full = (await (await page.request.get(original)).body()).length;
  expect(small).toBeLessThan(full / 2);

  // The card takes the image's own shape: no blank band above or below it.
  const image = page.getByTestId("gallery-image");
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  const box = await image.evaluate((img: HTMLImageElement) => ({
    shown: img.clientWidth / img.clientHeight,
    natural: img.naturalWidth / img.naturalHeight,
    w: img.naturalWidth,
  }));
  expect(box.shown).toBeCloseTo(box.natural, 1);
  expect(box.w).toBeLessThanOrEqual(1024);
});

test("a running task shows its elapsed time and turns into its result without a reload", async ({
  page,
}) => {
  await generousKey(await userWithKey(page));
  // Ten times slower than usual: still running when the gallery first shows it.
  await createTask(page, "music", {
    model: "minimax-music",
    prompt: "a slow waltz about rivers [sim:slow]",
  });
  await page.goto("/gallery");
  const card = page.getByTestId("gallery-item");
  await expect(card).toHaveAttribute("data-status", "IN_PROGRESS");
  await expect(card.getByTestId("gallery-status")).toHaveText("Running");
  await expect(card.getByTestId("gallery-elapsed")).toHaveText(/^\d+ s$/);
  await expect(card).toHaveAttribute("data-status", "SUCCESS", { timeout: 60_000 });
  const audio = card.getByTestId("gallery-audio");
  await expect
    .poll(() => audio.evaluate((m: HTMLMediaElement) => (m.readyState >= 1 ? m.duration : 0)))
    .toBeGreaterThan(0);
});
