// Lighthouse on the pages a person opens first, signed in, against the production build: the
// performance and accessibility scores, with Lighthouse's desktop preset (the Studio is a
// developer's desktop tool; the mobile preset's simulated phone is not who uses it), in Debian's
// Chromium headless. Lighthouse 12.2 is pinned: the last release that runs on Node 20.
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { log } from "./app-server";
import { round, type Verdict } from "./report";

export const lighthouseRoutes = ["/", "/images", "/gallery", "/chat", "/compare"] as const;
export const lighthouseTargets = { performance: 90, accessibility: 100 } as const;

export interface LighthouseScore {
  route: string;
  /** 0–100, Lighthouse's category scores. */
  performance: number;
  accessibility: number;
  /** Where the page ended (a redirect from / lands on the default page). */
  finalPath: string;
  /** The failing accessibility audits, by id: what to fix first. */
  accessibilityFailures: string[];
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

const flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"];

/**
 * Runs Lighthouse once per route (after one unscored warm-up visit each), signed in with the
 * given Cookie header.
 */
export async function measureLighthouse(
  origin: string,
  cookie: string,
): Promise<LighthouseScore[]> {
  const systemChromium = "/usr/bin/chromium";
  const chrome = await chromeLauncher.launch({
    ...(fs.existsSync(systemChromium) && { chromePath: systemChromium }),
    chromeFlags: flags,
  });
  try {
    const scores: LighthouseScore[] = [];
    for (const route of lighthouseRoutes) {
      const run = () =>
        lighthouse(
          `${origin}${route}`,
          {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility"],
            extraHeaders: { Cookie: cookie },
          },
          desktopConfig,
        );
      await run();
      const result = await run();
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse: no result for ${route}`);
      if (lhr.runtimeError) throw new Error(`lighthouse ${route}: ${lhr.runtimeError.message}`);
      const score = (id: "performance" | "accessibility") =>
        Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      const a11yRefs = lhr.categories.accessibility?.auditRefs ?? [];
      const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
      if (finalPath === "/login") throw new Error(`lighthouse ${route}: ended on /login`);
      const entry: LighthouseScore = {
        route,
        performance: score("performance"),
        accessibility: score("accessibility"),
        finalPath,
        accessibilityFailures: a11yRefs
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => ref.id),
        lcpMs: audit("largest-contentful-paint"),
        tbtMs: audit("total-blocking-time"),
        cls: audit("cumulative-layout-shift"),
      };
      log(
        `lighthouse: ${route} performance ${entry.performance}, accessibility ${entry.accessibility}`,
      );
      scores.push(entry);
    }
    return scores;
  } finally {
    chrome.kill();
  }
}

const routeName = (route: string) => route.replace(/^\//, "") || "home";

export function lighthouseVerdicts(scores: LighthouseScore[]): Verdict[] {
  return scores.flatMap((s) =>
    (["performance", "accessibility"] as const).map((category) => ({
      name: `lighthouse.${routeName(s.route)}.${category}`,
      value: round(s[category]),
      unit: "score",
      measure: `Lighthouse ${category} of ${s.route}`,
      run: "Lighthouse 12.2 desktop preset, headless Chromium, signed in",
      figure: String(s[category]),
      target: category === "performance" ? `≥ ${lighthouseTargets.performance}` : "100",
      met: s[category] >= lighthouseTargets[category],
    })),
  );
}

export function lighthouseSection(scores: LighthouseScore[]): string[] {
  return [
    "## Lighthouse",
    "",
    "Setup: the same server and signed-in user as above; Lighthouse 12.2 with its desktop preset (simulated throttling) in headless Chromium, each page run twice and the second counted. Targets: performance ≥ 90, accessibility 100.",
    "",
    "| page | ends on | performance | accessibility | LCP ms | TBT ms | CLS | accessibility audits failed |",
    "|---|---|---|---|---|---|---|---|",
    ...scores.map(
      (s) =>
        `| ${s.route} | ${s.finalPath} | ${s.performance} | ${s.accessibility} | ${Math.round(s.lcpMs)} | ${Math.round(s.tbtMs)} | ${s.cls.toFixed(3)} | ${s.accessibilityFailures.join(", ") || "none"} |`,
    ),
    "",
  ];
}
