// Shared Playwright fixtures: every test fails on a console error or an uncaught page error.
import { test as base, expect, type Page } from "@playwright/test";

export const pages = [
  { path: "/images", heading: "Images" },
  { path: "/videos", heading: "Videos" },
  { path: "/music", heading: "Music" },
  { path: "/speech", heading: "Speech" },
  { path: "/tools", heading: "Tools" },
  { path: "/chat", heading: "Chat" },
  { path: "/compare", heading: "Compare" },
  { path: "/gallery", heading: "Gallery" },
  { path: "/usage", heading: "Usage" },
  { path: "/settings", heading: "Settings" },
] as const;

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        // Error answers our API gives on purpose (bad input, 401, 404) are asserted by the tests
        // themselves; the browser logs them too.
        const expectedApiError =
          /status of [45]\d\d/.test(msg.text()) && msg.location().url.includes("/api/");
        if (!expectedApiError) errors.push(`${msg.text()} (${msg.location().url})`);
      });
      page.on("pageerror", (err) => errors.push(err.message));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export async function setTheme(page: Page, theme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: theme });
}

export { expect };
