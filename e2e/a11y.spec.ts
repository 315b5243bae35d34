// Accessibility: axe (WCAG 2.0 A/AA, 2.1 AA) finds no serious or critical violation on any page
// in light and dark, and the keyboard alone reaches each page's main controls, with a
// visible focus ring on everything it lands on.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, setTheme, test } from "./fixtures";
import { anonymous, userWithKey } from "./support/generate";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 240_000 });

/** A finished Flux 2 task of the signed-in user (the gallery, usage and task page have data). */
async function finishedTask(page: Page): Promise<string> {
  const res = await page.request.post("/api/v1/images/generations", {
    data: { model: "flux-2", prompt: "a red fox asleep in the snow" },
  });
  expect(res.status(), await res.text()).toBe(200);
  const id = ((await res.json()) as { data: { task_id: string } }).data.task_id;
  await expect
    .poll(
      async () => {
        const task = await page.request.get(`/api/v1/tasks/${encodeURIComponent(id)}`);
        return ((await task.json()) as { data: { status: string } }).data.status;
      },
      { timeout: 45_000 },
    )
    .toBe("SUCCESS");
  return id;
}

interface Target {
  name: string;
  path: (taskId: string) => string;
  /** The page has loaded its data when this is visible. */
  ready: (page: Page) => ReturnType<Page["getByTestId"]>;
  /** The page shows a finished task of the user's (gallery, usage, the task page, recent runs). */
  task?: true;
  /** Seen signed out (sign-in and registration). */
  signedOut?: true;
}

const heading = (p: Page) => p.getByRole("main").getByRole("heading", { level: 1 });

/** Every page of the Studio. */
const targets: Target[] = [
  {
    name: "gallery",
    path: () => "/gallery",
    ready: (p) => p.getByTestId("gallery-item").first(),
    task: true,
  },
  {
    name: "usage",
    path: () => "/usage",
    ready: (p) => p.getByTestId("usage-model-row").first(),
    task: true,
  },
  {
    name: "task page",
    path: (id) => `/tasks/${id}`,
    ready: (p) => p.getByRole("main").getByTestId("task-page"),
    task: true,
  },
  {
    name: "images",
    path: () => "/images",
    ready: (p) => p.getByTestId("recent-run").first(),
    task: true,
  },
  { name: "videos", path: () => "/videos", ready: heading },
  { name: "music", path: () => "/music", ready: heading },
  { name: "speech", path: () => "/speech", ready: heading },
  { name: "tools", path: () => "/tools", ready: heading },
  { name: "chat", path: () => "/chat", ready: (p) => p.getByRole("textbox").first() },
  { name: "settings", path: () => "/settings", ready: heading },
  {
    name: "compare",
    path: () => "/compare",
    ready: (p) => p.getByTestId("compare-column").first(),
  },
  {
    name: "sign-in",
    path: () => "/login",
    ready: (p) => p.getByRole("button").first(),
    signedOut: true,
  },
  {
    name: "registration",
    path: () => "/register",
    ready: (p) => p.getByRole("button").first(),
    signedOut: true,
  },
];

/** Serious and critical violations, one readable line per rule and its elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary ?? ""}`).join("\n"),
    );
}

/**
 * Pages checked by one test, which signs up once (and runs one task when a page needs one): the
 * sign-up, not axe, is most of a test's time. Every problem of a group is listed before failing.
 */
const groups: { name: string; pages: string[] }[] = [
  { name: "the library", pages: ["gallery", "usage", "task page", "images"] },
  { name: "the generation forms", pages: ["videos", "music", "speech", "tools"] },
  { name: "chat, compare and settings", pages: ["chat", "compare", "settings"] },
  { name: "the signed-out pages", pages: ["sign-in", "registration"] },
];

test("every page belongs to an axe group", () => {
  expect(groups.flatMap((g) => g.pages).sort()).toEqual(targets.map((t) => t.name).sort());
});

for (const group of groups) {
  const members = targets.filter((t) => group.pages.includes(t.name));
  test(`axe: ${group.name} (${group.pages.join(", ")}) have no serious or critical violation, light and dark`, async ({
    page,
  }) => {
    if (!members.some((t) => t.signedOut)) await userWithKey(page, "aio_a11y");
    const taskId = members.some((t) => t.task) ? await finishedTask(page) : "";
    const problems: string[] = [];
    for (const target of members) {
      for (const theme of ["light", "dark"] as const) {
        await setTheme(page, theme);
        await page.goto(target.path(taskId));
        await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
        await expect(target.ready(page)).toBeVisible({ timeout: 30_000 });
        // Let entrance transitions settle: axe measures colours as they are painted.
        await page.waitForTimeout(400);
        for (const found of await seriousViolations(page)) {
          problems.push(`${target.path(taskId)} [${theme}] ${found}`);
        }
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

interface Stop {
  label: string;
  /** A visible focus indicator: an outline or a ring (box-shadow). */
  ring: boolean;
}

/** Presses Tab `times` times from the top of the page; what got focus, and how it showed it. */
async function tabThrough(page: Page, times: number): Promise<Stop[]> {
  await page.locator("body").focus();
  const stops: Stop[] = [];
  for (let i = 0; i < times; i++) {
    await page.keyboard.press("Tab");
    // Rings fade in (a box-shadow transition): read them once they are drawn.
    await page.waitForTimeout(200);
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { label: "(body)", ring: true };
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        // A ring is a shadow with a spread of at least 1px in a colour that is not transparent
        // (Tailwind always lists its ring layers; unfocused they are transparent and 0px).
        const shadows = style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\))/);
        const ring = shadows.some((shadow) => {
          const transparent = /rgba\([^)]*,\s*0\)|transparent/.test(shadow);
          const spread = (shadow.match(/-?[\d.]+px/g) ?? []).map(parseFloat)[3] ?? 0;
          return !transparent && spread >= 1;
        });
        const label =
          el.getAttribute("aria-label") ||
          (el as HTMLElement).innerText?.trim().replace(/\s+/g, " ").slice(0, 40) ||
          el.getAttribute("placeholder") ||
          el.getAttribute("data-testid") ||
          el.tagName.toLowerCase();
        return { label, ring: outline || ring };
      }),
    );
  }
  return stops;
}

const keyboardTargets: { path: string; reach: RegExp[] }[] = [
  {
    path: "/usage",
    reach: [/credits? today/, /^Open navigation$|^Gallery$/, /^30 days$/, /^Credits by day:/],
  },
  { path: "/images", reach: [/^Images$|^Open navigation$/, /^run-button$|^Run/] },
  { path: "/gallery", reach: [/^Gallery$|^Open navigation$/] },
  { path: "/settings", reach: [/^Settings$|^Open navigation$/] },
];

for (const { path, reach } of keyboardTargets) {
  test(`keyboard: Tab reaches ${path}'s main controls, each with a visible focus ring`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await userWithKey(page, "aio_a11y");
    if (path === "/usage") await finishedTask(page);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (path === "/usage") await expect(page.getByTestId("usage-model-row")).toHaveCount(1);
    const stops = await tabThrough(page, 40);
    const labels = stops.map((s) => s.label);
    for (const pattern of reach) {
      expect(
        labels.some((l) => pattern.test(l)),
        `${pattern} among ${labels.join(" | ")}`,
      ).toBe(true);
    }
    const unringed = stops.filter((s) => !s.ring).map((s) => s.label);
    expect(unringed, "focused without a visible focus ring").toEqual([]);
  });
}

// The skeletons show only while data is on its way, too briefly for the page checks above to
// catch every one: hold the Studio's API answers so each page stays in its loading state.
test("axe: the pages' loading states (skeletons held on screen) have no serious or critical violation", async ({
  page,
}) => {
  await userWithKey(page, "aio_a11y");
  await page.route("**/api/v1/**", () => {
    // Never answered: the page keeps its skeleton until it navigates away.
  });
  const problems: string[] = [];
  for (const path of ["/music", "/images", "/gallery", "/usage", "/chat", "/compare"]) {
    await page.goto(path);
    const skeleton = page.locator('[aria-busy="true"], [data-testid$="-loading"], [role="status"]');
    await expect(skeleton.first(), `${path} shows a loading state`).toBeVisible();
    for (const found of await seriousViolations(page)) problems.push(`${path} ${found}`);
  }
  expect(problems, problems.join("\n")).toEqual([]);

  // Someone who asked for less motion (as this suite browses) sees the skeletons still; others
  // see them pulse.
  const pulse = () =>
    page
      .locator('[data-slot="skeleton"]')
      .first()
      .evaluate((el) => getComputedStyle(el).animationIterationCount);
  expect(await pulse()).toBe("1");
  await page.emulateMedia({ reducedMotion: "no-preference" });
  expect(await pulse()).toBe("infinite");
});
