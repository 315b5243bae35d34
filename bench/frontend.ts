// Front end: the JavaScript a first visit to each page downloads, measured in Chromium against the
// production build (every script the page loads until the network is idle, gzip-compressed as
// `next build` counts "First Load JS"), for a signed-in user on a fresh browser cache.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { log, startStudio } from "./app-server";
import { startFloor } from "./floor";
import {
  lighthouseSection,
  lighthouseVerdicts,
  measureLighthouse,
  type SessionCookie,
  type LighthouseScore,
} from "./lighthouse";
import { round, type Verdict } from "./report";

export const firstLoadTargetKiB = 150;

/** The pages a person opens first, signed in; /login signed out. */
export const frontendRoutes = [
  "/images",
  "/videos",
  "/music",
  "/speech",
  "/tools",
  "/compare",
  "/chat",
  "/gallery",
  "/usage",
  "/settings",
  "/login",
] as const;

export interface RouteLoad {
  route: string;
  scripts: number;
  /** Scripts requested after the load event (chunks loaded on use): not counted. */
  lateScripts: number;
  /** Sum of each script gzip-compressed, KiB. */
  gzipKiB: number;
  /** Sum of the scripts as served uncompressed, KiB. */
  rawKiB: number;
}

export interface FrontendResult {
  routes: RouteLoad[];
  /** An App Router page with no code of its own (bench/floor-app): the framework's share. */
  floor: RouteLoad;
  lighthouse: LighthouseScore[];
}

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

async function measureRoute(
  browser: Browser,
  origin: string,
  route: string,
  storageState: string | undefined,
): Promise<RouteLoad> {
  const context = await browser.newContext(storageState ? { storageState } : {});
  const page = await context.newPage();
  const bodies = new Map<string, Promise<Buffer | null>>();
  const late = new Set<string>();
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script" || bodies.has(res.url())) return;
    bodies.set(
      res.url(),
      res.body().catch(() => null),
    );
  });
  // Until the load event: what the page needs to start. Later requests are chunks loaded on use
  // (links prefetch only when reached for, so a page view prefetches nothing).
  let loaded = false;
  page.on("load", () => {
    loaded = true;
  });
  page.on("request", (req) => {
    if (loaded && req.resourceType() === "script") late.add(req.url());
  });
  await page.goto(`${origin}${route}`, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  if (new URL(page.url()).pathname !== route) {
    throw new Error(`${route} ended on ${page.url()}: not signed in?`);
  }
  let gzip = 0;
  let raw = 0;
  for (const [url, pending] of bodies) {
    const body = await pending;
    if (!body || late.has(url)) continue;
    raw += body.byteLength;
    gzip += gzipSync(body).byteLength;
  }
  await context.close();
  return {
    route,
    scripts: bodies.size - late.size,
    lateScripts: late.size,
    gzipKiB: gzip / 1024,
    rawKiB: raw / 1024,
  };
}

export async function measureFrontend(opts: {
  appDir: string;
  work: string;
}): Promise<FrontendResult> {
  // Demo mode (no key): the pages need no upstream to render.
  const studio = await startStudio({
    appDir: opts.appDir,
    dataDir: path.join(opts.work, "data-frontend"),
    env: { AIO_API_KEY: "" },
    label: "studio frontend",
  });
  const systemChromium = "/usr/bin/chromium";
  const browser = await chromium.launch({
    ...(fs.existsSync(systemChromium) && { executablePath: systemChromium }),
    args: chromiumArgs,
  });
  try {
    // Auth.js builds its URLs on localhost: browse there, as a person would.
    const origin = studio.url.replace("127.0.0.1", "localhost");
    const signUp = await browser.newContext();
    const page = await signUp.newPage();
    await page.goto(`${origin}/register`);
    await page.getByLabel("Email").fill(`bench-${Date.now()}@example.test`);
    await page.getByLabel("Password").fill("bench password 1234");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/images$/, { timeout: 60_000 });
    const state = path.join(opts.work, "frontend-session.json");
    await signUp.storageState({ path: state });
    await signUp.close();

    const routes: RouteLoad[] = [];
    for (const route of frontendRoutes) {
      // Twice, the first only to let the server compile and warm its caches; the second counts.
      const signedIn = route === "/login" ? undefined : state;
      await measureRoute(browser, origin, route, signedIn);
      const load = await measureRoute(browser, origin, route, signedIn);
      log(`first-load: ${route} ${load.gzipKiB.toFixed(1)} KiB gzip in ${load.scripts} scripts`);
      routes.push(load);
    }
    const floor = await measureFloor(browser);
    const session = JSON.parse(fs.readFileSync(state, "utf8")) as { cookies: SessionCookie[] };
    return { routes, floor, lighthouse: await measureLighthouse(origin, session.cookies) };
  } finally {
    await browser.close();
    await studio.stop();
  }
}

/** The same measure on bench/floor-app's empty page, built with this checkout's Next. */
async function measureFloor(browser: Browser): Promise<RouteLoad> {
  // Its one route that calls upstream is not used here.
  const floor = await startFloor("http://127.0.0.1:9/api/v1");
  try {
    const origin = floor.url.replace("127.0.0.1", "localhost");
    await measureRoute(browser, origin, floorRoute, undefined);
    const load = await measureRoute(browser, origin, floorRoute, undefined);
    log(`first-load: the floor (an empty Next.js page) ${load.gzipKiB.toFixed(1)} KiB gzip`);
    return load;
  } finally {
    await floor.stop();
  }
}

const floorRoute = "/floor-page";

const routeName = (route: string) => route.replace(/^\//, "") || "home";

export function frontendVerdicts(f: FrontendResult): Verdict[] {
  return [...firstLoadVerdicts(f), ...lighthouseVerdicts(f.lighthouse)];
}

function firstLoadVerdicts(f: FrontendResult): Verdict[] {
  const floor = f.floor.gzipKiB;
  return [
    ...f.routes.map((r) => ({
      name: `first-load.${routeName(r.route)}`,
      value: round(r.gzipKiB),
      unit: "KiB",
      measure: `First-load JavaScript of ${r.route} (gzip)`,
      run: `Chromium, fresh cache, ${r.route === "/login" ? "signed out" : "signed in"}; ${r.scripts} scripts`,
      figure: `${r.gzipKiB.toFixed(1)} KiB (${r.rawKiB.toFixed(0)} KiB uncompressed; ${(r.gzipKiB - floor).toFixed(1)} KiB over the framework's floor)`,
      target: `≤ ${firstLoadTargetKiB} KiB`,
      met: r.gzipKiB <= firstLoadTargetKiB,
    })),
    {
      name: "first-load.floor",
      value: round(floor),
      unit: "KiB",
      measure: "First-load JavaScript of an empty Next.js page (gzip): the framework's floor",
      run: `Chromium, fresh cache; bench/floor-app ${floorRoute}, this checkout's Next; ${f.floor.scripts} scripts`,
      figure: `${floor.toFixed(1)} KiB (${f.floor.rawKiB.toFixed(0)} KiB uncompressed): ${(firstLoadTargetKiB - floor).toFixed(1)} KiB of the ${firstLoadTargetKiB} KiB target left for the app`,
      target: "reported, not a target: what every page downloads before its own code",
      met: true,
    },
  ];
}

export function frontendSection(f: FrontendResult): string[] {
  return [
    "## First-load JavaScript per page",
    "",
    "Setup: the production build under `next start` in demo mode; a user signs up in Chromium, then each page is opened twice in a new browser context (fresh cache) and the second visit counts: every script requested before the load event, each compressed with gzip (the measure `next build` calls First Load JS). Scripts requested later (chunks loaded on use) are listed apart and not counted.",
    "",
    "| page | scripts | gzip KiB | uncompressed KiB | requested after load (not counted) |",
    "|---|---|---|---|---|",
    ...[...f.routes, { ...f.floor, route: `${floorRoute} (an empty Next.js page: the floor)` }].map(
      (r) =>
        `| ${r.route} | ${r.scripts} | ${r.gzipKiB.toFixed(1)} | ${r.rawKiB.toFixed(0)} | ${r.lateScripts} |`,
    ),
    "",
    ...lighthouseSection(f.lighthouse),
  ];
}
