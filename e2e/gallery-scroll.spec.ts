// The gallery's scrolling: pages that follow each other without a duplicate or a gap while tasks
// keep arriving, and a grid that keeps a bounded DOM over ten thousand tasks without prefetching
// the pages it scrolls past.
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
} from "./support/library";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

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
