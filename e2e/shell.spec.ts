import { expect, pages, setTheme, test } from "./fixtures";

const viewports = [
  { name: "narrow", width: 390, height: 844 },
  { name: "wide", width: 1440, height: 900 },
] as const;

// One test per page, its four looks as steps: loaded once per width, the colour scheme switched
// live (the page follows the system's light or dark as it changes, no reload needed).
for (const { path, heading } of pages) {
  test(`${path} renders narrow and wide, light and dark`, async ({ page }) => {
    for (const viewport of viewports) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await setTheme(page, "light");
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      for (const theme of ["light", "dark"] as const) {
        await test.step(`${viewport.name}, ${theme}`, async () => {
          await setTheme(page, theme);
          await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
          await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
          await expect(page.getByTestId("demo-banner")).toBeVisible();
          // The page has a real body, not a bare title.
          expect((await page.locator("main").innerText()).length).toBeGreaterThan(60);
          const nav = page.getByRole("navigation", { name: "Main" });
          if (viewport.name === "wide") {
            await expect(nav).toBeVisible();
            await expect(nav.getByRole("link", { name: heading })).toHaveAttribute(
              "aria-current",
              "page",
            );
          } else {
            await expect(nav).toBeHidden();
            await expect(page.getByRole("button", { name: "Open navigation" })).toBeVisible();
          }
          // Nothing spills sideways on a phone.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow, "horizontal overflow").toBeLessThanOrEqual(0);
        });
      }
    }
  });
}

test("the home page opens the Images page, sent on before anything renders", async ({ page }) => {
  // A redirect, not a page: the browser gets no layout or skeleton to draw first.
  const res = await page.request.get("/", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers()["location"]).toBe("/images");
  await page.goto("/");
  await expect(page).toHaveURL(/\/images$/);
});

test("mobile navigation opens, navigates and closes", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/images");
  await page.getByRole("button", { name: "Open navigation" }).click();
  const dialog = page.getByRole("dialog", { name: "Navigation" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("link", { name: "Gallery" }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Gallery" })).toBeVisible();
});

test("a section is prefetched when the pointer reaches its link, not on every page view", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const prefetched: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetched.push(new URL(request.url()).pathname);
  });
  await page.goto("/images");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Images" })).toHaveAttribute("aria-current", "page");
  await page.waitForLoadState("networkidle");
  expect(prefetched, "prefetches on sight").toEqual([]);

  await nav.getByRole("link", { name: "Usage" }).hover();
  await expect.poll(() => prefetched).toContain("/usage");
  expect(new Set(prefetched)).toEqual(new Set(["/usage"]));
  await nav.getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
});

test("the theme toggle switches to dark and the choice survives a reload", async ({ page }) => {
  await setTheme(page, "light");
  await page.goto("/gallery");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.getByRole("button", { name: "Change theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});

test("keyboard users see a focus ring on navigation links", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/images");
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Videos" });
  await link.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const shadow = await link.evaluate((el) => getComputedStyle(el).boxShadow);
  expect(shadow).not.toBe("none");
});

test("the settings page shows the embedded database and demo mode", async ({ page }) => {
  await page.goto("/settings");
  const facts = page.getByTestId("server-facts");
  await expect(facts).toContainText("Built into this Studio");
  await expect(page.getByTestId("key-mode")).toHaveText("Demo — built-in simulator");
  // The app really talks to its embedded simulator: a no-cost key check answers.
  await expect(page.getByTestId("upstream-status")).toHaveText("Reachable · key accepted");
});

test("GET /api/health answers ok once the database is ready, and says where calls go", async ({
  request,
}) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    ok: true,
    database: { ok: true, kind: "pglite" },
    upstream: { mode: "demo", ok: true },
  });
});
