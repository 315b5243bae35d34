#!/usr/bin/env node
// Screenshots of every page in light and dark, narrow and wide, for looking at what we built.
// Usage: node scripts/screenshots.mjs [baseURL] [outDir] [paths...]
import fs from "node:fs";
import { chromium } from "@playwright/test";

const [base = "http://localhost:3000", out = "tmp/screenshots", ...paths] = process.argv.slice(2);
const targets = paths.length
  ? paths
  : ["/images", "/videos", "/music", "/speech", "/tools", "/chat", "/gallery", "/settings"];
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
for (const theme of ["light", "dark"]) {
  for (const [name, width, height] of [
    ["narrow", 390, 844],
    ["wide", 1440, 900],
  ]) {
    const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
    for (const p of targets) {
      await page.goto(base + p, { waitUntil: "networkidle" });
      const file = `${out}/${p.replace(/\//g, "_").replace(/^_/, "") || "home"}-${name}-${theme}.png`;
      await page.screenshot({ path: file, fullPage: name === "narrow" });
      console.log(file);
    }
    await page.close();
  }
}
await browser.close();
