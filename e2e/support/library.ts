// Filling a user's library for the gallery tests: real tasks through the Studio's own API (with
// the signed-in page's session, against the standalone simulator), and — for the ten-thousand-task
// scroll only — synthetic pages in the API's exact shape, answered in the browser, because the
// virtualization under test is the browser's business and the embedded database is the server's.
import { expect, type Page } from "@playwright/test";
import { taskListReplySchema, type TaskListItem } from "../../lib/schemas/tasks";
import { setSimKeyLimits } from "./sim-stats";

export const taskPaths = {
  images: "/api/v1/images/generations",
  videos: "/api/v1/videos/generations",
  music: "/api/v1/audio/music",
  speech: "/api/v1/audio/speech",
  "remove-bg": "/api/v1/images/tools/remove-bg",
} as const;
export type SeedRoute = keyof typeof taskPaths;

/** Lifts the simulator's own per-key limits for a test's key: bursts of creations are the point. */
export function generousKey(key: string): Promise<void> {
  return setSimKeyLimits(key, { credits: 1e12, rateLimitPerMinute: 1_000_000 });
}

/** Creates one task as the page's signed-in user; returns its id. */
export async function createTask(page: Page, route: SeedRoute, body: object): Promise<string> {
  const res = await page.request.post(taskPaths[route], { data: body });
  expect(res.status(), await res.text()).toBe(200);
  const reply = (await res.json()) as { data: { task_id: string } };
  return reply.data.task_id;
}

export const imageTask = (prompt: string) => ({ model: "flux-2", prompt, aspect_ratio: "1:1" });

/** Waits until every task is final in our database; returns their list items by id. */
export async function waitForFinished(
  page: Page,
  ids: readonly string[],
): Promise<Map<string, TaskListItem>> {
  const found = new Map<string, TaskListItem>();
  await expect
    .poll(
      async () => {
        const res = await page.request.get("/api/v1/tasks?limit=100");
        const reply = taskListReplySchema.parse(await res.json());
        for (const task of reply.tasks) found.set(task.task_id, task);
        return ids.filter((id) => {
          const status = found.get(id)?.status;
          return status !== "SUCCESS" && status !== "FAILED";
        }).length;
      },
      { timeout: 60_000, message: "tasks to finish" },
    )
    .toBe(0);
  return found;
}

/** The task ids of the cards in the DOM now, top to bottom as the grid lists them. */
export function cardIds(page: Page): Promise<string[]> {
  return page
    .getByTestId("gallery-item")
    .evaluateAll((cards) => cards.map((c) => c.getAttribute("data-task-id") ?? ""));
}

/** One synthetic task of a large library: a mix of image shapes, audio and failures, newest first. */
export function syntheticTask(index: number, origin: string): TaskListItem {
  const created = new Date(Date.UTC(2026, 10, 30) - index * 60_000).toISOString();
  const failed = index % 7 === 3;
  const shape = syntheticShapes[index % syntheticShapes.length]!;
  return {
    task_id: `synthetic_${index}`,
    route: "images",
    model: "flux-2",
    model_value: "flux-2",
    output: "image",
    kind: "image",
    favorite: index % 11 === 0,
    title: null,
    status: failed ? "FAILED" : "SUCCESS",
    created_at: created,
    started_at: created,
    completed_at: created,
    // One URL per shape, so the browser caches the three images: 10,000 distinct URLs would each
    // pass through the test's route handler and slow the scroll the test measures.
    response: failed ? [] : [`${origin}/__synthetic/${shape}.png`],
    consumed_credits: failed ? null : 5,
    error_message: failed ? "The upstream refused the prompt." : null,
    prompt_preview: `synthetic task number ${index}`,
    inputs: [],
    aspect_ratio: shape.replace("x", ":"),
    original_response: [],
    tracking: { state: "done", next_check_at: null, note: null },
  };
}

/** The shapes of the synthetic images, as `<w>x<h>` (served small by serveSyntheticLibrary). */
export const syntheticShapes = ["1x1", "16x9", "3x4"] as const;

/** A small solid PNG of each shape, so every card's media has its real aspect ratio. */
export async function syntheticImages(): Promise<Record<string, Buffer>> {
  const { default: sharp } = await import("sharp");
  const images: Record<string, Buffer> = {};
  for (const shape of syntheticShapes) {
    const [w, h] = shape.split("x").map((n) => Number(n) * 20) as [number, number];
    images[shape] = await sharp({
      create: { width: w, height: h, channels: 3, background: { r: 120, g: 130, b: 160 } },
    })
      .png()
      .toBuffer();
  }
  return images;
}

/**
 * Answers `GET /api/v1/tasks` in the page with a library of `total` synthetic tasks (keyset by
 * index, honouring `limit` and `cursor`), and their images. Returns how many pages were asked for.
 */
export async function serveSyntheticLibrary(
  page: Page,
  total: number,
  images: Record<string, Buffer>,
  base: string,
): Promise<{ pages: () => number }> {
  let pages = 0;
  const origin = new URL(base).origin;
  await page.route(
    (url) => url.pathname === "/api/v1/tasks",
    async (route) => {
      const url = new URL(route.request().url());
      const limit = Number(url.searchParams.get("limit") ?? 20);
      const start = Number(url.searchParams.get("cursor") ?? 0);
      const end = Math.min(total, start + limit);
      pages++;
      const tasks = Array.from({ length: end - start }, (_, i) => syntheticTask(start + i, origin));
      await route.fulfill({
        json: { tasks, next_cursor: end < total ? String(end) : null },
      });
    },
  );
  await page.route(
    (url) => url.pathname.startsWith("/__synthetic/"),
    (route) => {
      const shape = new URL(route.request().url()).pathname.split("/").pop()!.replace(".png", "");
      return route.fulfill({
        contentType: "image/png",
        body: images[shape] ?? Buffer.alloc(0),
        headers: { "Cache-Control": "public, max-age=3600" },
      });
    },
  );
  return { pages: () => pages };
}

export interface ScrollReport {
  /** Every card id the DOM held at some point, in first-seen order. */
  seen: string[];
  /** The most cards the DOM held at once. */
  most: number;
  /** Frames in which one task had two cards. */
  duplicateFrames: number;
  /** Tasks loaded when the scroll ended (the gallery's data-loaded). */
  loaded: number;
}

/**
 * Scrolls the gallery to its very end in the page itself (no round trip per step), `step` pixels
 * at a time (or straight to the bottom when null), looking at the cards after every step, until
 * everything is loaded and the end is on screen, or `timeoutMs` passes.
 */
export function scrollToEnd(page: Page, step: number | null, timeoutMs = 90_000) {
  return page.evaluate(
    async ({ step, timeoutMs }): Promise<ScrollReport> => {
      const grid = document.querySelector('[data-testid="gallery"]')!;
      const root = document.documentElement;
      const seen = new Set<string>();
      let most = 0;
      let duplicateFrames = 0;
      const look = () => {
        const ids = [...document.querySelectorAll('[data-testid="gallery-item"]')].map(
          (card) => card.getAttribute("data-task-id") ?? "",
        );
        most = Math.max(most, ids.length);
        if (new Set(ids).size !== ids.length) duplicateFrames++;
        for (const id of ids) seen.add(id);
      };
      const done = () =>
        document.body.textContent?.includes("That is everything") &&
        window.scrollY + window.innerHeight >= root.scrollHeight - 2;
      const started = performance.now();
      while (performance.now() - started < timeoutMs) {
        look();
        if (done()) break;
        if (step === null) window.scrollTo(0, root.scrollHeight);
        else window.scrollBy(0, step);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      look();
      return {
        seen: [...seen],
        most,
        duplicateFrames,
        loaded: Number(grid.getAttribute("data-loaded")),
      };
    },
    { step, timeoutMs },
  );
}
