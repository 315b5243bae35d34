// Lighthouse on the pages a person opens first, signed in, against the production build: the
// performance and accessibility scores, with Lighthouse's desktop preset (the Studio is a
// developer's desktop tool; the mobile preset's simulated phone is not who uses it), in Debian's
// Chromium headless. Lighthouse 12.2 is pinned: the last release that runs on Node 20.
import fs from "node:fs";
import { chromium, type BrowserContext } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { log } from "./app-server";
import { round, type Verdict } from "./report";

export const lighthouseRoutes = ["/", "/images", "/gallery", "/chat", "/compare"] as const;
export const lighthouseTargets = { performance: 90, accessibility: 100 } as const;
/** Scored runs per page (BENCH_LIGHTHOUSE_RUNS); the median counts. */
const lighthouseRuns = positiveOdd(process.env.BENCH_LIGHTHOUSE_RUNS, 5);

function positiveOdd(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n % 2 === 0) {
    throw new Error(`BENCH_LIGHTHOUSE_RUNS must be a positive odd number (a median), got "${raw}"`);
  }
  return n;
}

export interface LighthouseScore {
  route: string;
  /** 0–100, Lighthouse's category scores: the median run's performance, the worst accessibility. */
  performance: number;
  accessibility: number;
  /** The lowest and highest performance score of the runs. */
  performanceRange: [number, number];
  runs: number;
  /** Where the page ended (a redirect from / lands on the default page). */
  finalPath: string;
  /** The failing accessibility audits, by id: what to fix first. */
  accessibilityFailures: string[];
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

const flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"];

/** A cookie of the signed-in session, as Playwright's storage state holds it. */
export type SessionCookie = Parameters<BrowserContext["addCookies"]>[0][number];

/**
 * Runs Lighthouse on each route, signed in with the given session cookies: one unscored warm-up
 * visit, then the median of several runs.
 */
export async function measureLighthouse(
  origin: string,
  cookies: SessionCookie[],
): Promise<LighthouseScore[]> {
  const systemChromium = "/usr/bin/chromium";
  const chrome = await chromeLauncher.launch({
    ...(fs.existsSync(systemChromium) && { chromePath: systemChromium }),
    chromeFlags: flags,
  });
  try {
    // The session goes into the browser's cookie jar, as after signing in: a Cookie header in
    // Lighthouse's extraHeaders is not sent again after a redirect (/ → /images ended on /login).
    // Lighthouse clears caches and storage between runs, never cookies.
    const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    await cdp.contexts()[0]!.addCookies(cookies);
    await cdp.close();
    const scores: LighthouseScore[] = [];
    for (const route of lighthouseRoutes) {
      const run = async (): Promise<LighthouseScore> => {
        const result = await lighthouse(
          `${origin}${route}`,
          {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility"],
          },
          desktopConfig,
        );
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`lighthouse: no result for ${route}`);
        if (lhr.runtimeError) throw new Error(`lighthouse ${route}: ${lhr.runtimeError.message}`);
        const score = (id: "performance" | "accessibility") =>
          Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
        const a11yRefs = lhr.categories.accessibility?.auditRefs ?? [];
        const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
        if (finalPath === "/login") throw new Error(`lighthouse ${route}: ended on /login`);
        return {
          route,
          performance: score("performance"),
          accessibility: score("accessibility"),
          performanceRange: [score("performance"), score("performance")],
          runs: 1,
          finalPath,
          accessibilityFailures: a11yRefs
            .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => ref.id),
          lcpMs: audit("largest-contentful-paint"),
          tbtMs: audit("total-blocking-time"),
          cls: audit("cumulative-layout-shift"),
        };
      };
      // One unscored visit warms the server and the disk cache; then the run with the median
      // performance score of several counts (one run's score swings by twenty points on two shared
      // cores, mostly through the blocking time), as Lighthouse's own docs advise.
      await run();
      const runs: LighthouseScore[] = [];
      for (let i = 0; i < lighthouseRuns; i++) runs.push(await run());
      runs.sort((a, b) => a.performance - b.performance);
      const median = runs[Math.floor(runs.length / 2)]!;
      const entry: LighthouseScore = {
        ...median,
        performanceRange: [runs[0]!.performance, runs[runs.length - 1]!.performance],
        runs: runs.length,
        // Accessibility does not depend on timing: the worst run counts, with every run's failures.
        accessibility: Math.min(...runs.map((r) => r.accessibility)),
        accessibilityFailures: [...new Set(runs.flatMap((r) => r.accessibilityFailures))],
      };
      log(
        `lighthouse: ${route} performance ${entry.performance} (median of ${runs.length}: ${runs.map((r) => r.performance).join(" ")}), accessibility ${entry.accessibility}`,
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
      run: `Lighthouse 12.2 desktop preset, headless Chromium, signed in; ${category === "performance" ? `median of ${s.runs} runs` : `worst of ${s.runs} runs`}`,
      figure:
        category === "performance" && s.runs > 1
          ? `${s.performance} (runs ${s.performanceRange[0]}–${s.performanceRange[1]})`
          : String(s[category]),
      target: category === "performance" ? `≥ ${lighthouseTargets.performance}` : "100",
      met: s[category] >= lighthouseTargets[category],
    })),
  );
}

export function lighthouseSection(scores: LighthouseScore[]): string[] {
  return [
    "## Lighthouse",
    "",
    `Setup: the same server and signed-in user as above; Lighthouse 12.2 with its desktop preset (simulated throttling) in headless Chromium, each page visited once unscored, then run ${scores[0]?.runs ?? lighthouseRuns} times (\`BENCH_LIGHTHOUSE_RUNS\`, odd): the run with the median performance score is the one shown (its LCP, TBT and CLS), with the range of the scores; accessibility is the worst run's, with every run's failed audits. Targets: performance ≥ 90, accessibility 100.`,
    "",
    "| page | ends on | performance (median) | runs' range | accessibility | LCP ms | TBT ms | CLS | accessibility audits failed |",
    "|---|---|---|---|---|---|---|---|---|",
    ...scores.map(
      (s) =>
        `| ${s.route} | ${s.finalPath} | ${s.performance} | ${s.performanceRange[0]}–${s.performanceRange[1]} | ${s.accessibility} | ${Math.round(s.lcpMs)} | ${Math.round(s.tbtMs)} | ${s.cls.toFixed(3)} | ${s.accessibilityFailures.join(", ") || "none"} |`,
    ),
    "",
  ];
}
