// The gallery as a library: filters and search that live in the URL (reload, back, shared links),
// small WebP thumbnails, and live updates. Scrolling and paging: gallery-scroll.spec.ts.
import { expect, test } from "./fixtures";
import { anonymous, userWithKey } from "./support/generate";
import { createTask, generousKey, imageTask, waitForFinished } from "./support/library";

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
