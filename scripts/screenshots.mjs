#!/usr/bin/env node
// `npm run screenshots`: every page of the Studio in light and dark, at 1440×900 and 390×844,
// into docs/screenshots/ as WebP (the README's screenshot section shows them). It starts its own
// server in demo mode on a fresh data directory, registers a user, makes a few runs and a conversation so the
// pages have something to show, takes the pictures and stops the server.
// Usage: node scripts/screenshots.mjs [--out docs/screenshots] [--port 3460] [--only /images,/chat]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import sharp from "sharp";

const { values: args } = parseArgs({
  options: {
    out: { type: "string", default: "docs/screenshots" },
    port: { type: "string", default: "3460" },
    only: { type: "string" },
  },
});
const base = `http://localhost:${args.port}`;
const out = path.resolve(args.out);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-screenshots-"));

/** What each picture shows; `{task}` is a finished image run's page. */
const pages = [
  { name: "images", path: "/images" },
  { name: "videos", path: "/videos" },
  { name: "music", path: "/music" },
  { name: "speech", path: "/speech" },
  { name: "tools", path: "/tools" },
  { name: "compare", path: "/compare" },
  { name: "comparison", path: "/compare/{comparison}" },
  { name: "comparison-chat", path: "/compare/{chatComparison}" },
  { name: "chat", path: "/chat/{chat}" },
  { name: "gallery", path: "/gallery" },
  { name: "task-image", path: "/tasks/{image}" },
  { name: "task-music", path: "/tasks/{music}" },
  { name: "usage", path: "/usage" },
  { name: "settings", path: "/settings" },
  { name: "sign-in", path: "/login", signedOut: true },
].filter((p) => !args.only || args.only.split(",").includes(p.path.replace(/\/\{.*$/, "")));

const sizes = [
  { label: "wide", width: 1440, height: 900 },
  { label: "phone", width: 390, height: 844 },
];

async function waitFor(check, what, ms = 180_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function startServer() {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: args.port,
      DATA_DIR: dataDir,
      AIO_API_KEY: "",
      DATABASE_URL: "",
      DEMO_SIM_SPEED: "50",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return child;
}

/** Submits a run through the Studio's API with the page's session; its task id once it finished. */
async function run(page, apiPath, body) {
  const res = await page.request.post(`${base}/api/v1${apiPath}`, { data: body });
  if (!res.ok()) throw new Error(`${apiPath}: ${res.status()} ${await res.text()}`);
  const id = (await res.json()).data.task_id;
  await waitFor(async () => {
    const task = await (await page.request.get(`${base}/api/v1/tasks/${id}`)).json();
    return task.data.status === "SUCCESS";
  }, `task ${id}`);
  return id;
}

/** Creates a comparison through the Studio's API; its id once every column has its result. */
async function compare(page, body) {
  const res = await page.request.post(`${base}/api/v1/comparisons`, { data: body });
  if (!res.ok()) throw new Error(`comparison: ${res.status()} ${await res.text()}`);
  const id = (await res.json()).comparison.id;
  await waitFor(async () => {
    const { comparison } = await (
      await page.request.get(`${base}/api/v1/comparisons/${id}`)
    ).json();
    return comparison.columns.every(
      (c) => c.task?.status === "SUCCESS" || c.answer?.status === "complete",
    );
  }, `comparison ${id}`);
  return id;
}

async function makeContent(page) {
  await page.goto(`${base}/register`);
  await page.getByLabel("Email").fill(`screenshots-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("screenshots password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/images/, { timeout: 60_000 });
  const ids = {};
  for (const prompt of [
    "a lighthouse on a cliff at dusk, volumetric light",
    "a red fox asleep in fresh snow, soft morning light",
    "isometric tiny cafe on a rainy street, warm lights",
  ]) {
    ids.image = await run(page, "/images/generations", { model: "flux-2", prompt });
  }
  ids.music = await run(page, "/audio/music", {
    model: "chirp-v3-5",
    gpt_description_prompt: "a cheerful sea shanty with a fiddle",
  });
  ids.comparison = await compare(page, {
    route: "images",
    prompt: "a paper boat on a puddle after the rain, macro photo",
    columns: ["flux-2", "seedream-4-5", "gpt-image-1.5-official"].map((model) => ({
      model,
      prompt: "a paper boat on a puddle after the rain, macro photo",
    })),
  });
  const question = "In three bullet points: why do cats purr?";
  ids.chatComparison = await compare(page, {
    route: "chat",
    prompt: question,
    columns: [
      { reasoning_effort: "low" },
      { reasoning_effort: "high", response_format: { type: "json_object" } },
    ].map((settings) => ({
      model: "gemini",
      messages: [{ role: "user", content: question }],
      include_thoughts: true,
      ...settings,
    })),
  });
  await run(page, "/audio/speech", {
    model: "elevenlabs-v3",
    dialogue: [{ text: "Welcome to API in One Studio." }],
  });
  // A conversation, typed as a person would.
  await page.goto(`${base}/chat`);
  const box = page.getByRole("textbox").first();
  await box.fill("Explain, in three short points, why the sky is blue.");
  await box.press("Enter");
  await page.waitForURL(/\/chat\/[^/]+$/, { timeout: 60_000 });
  ids.chat = page.url().split("/").pop();
  await page.getByTestId("chat-send").waitFor({ timeout: 60_000 });
  return ids;
}

const server = startServer();
let status = 0;
try {
  await waitFor(async () => (await fetch(`${base}/api/health`)).ok, "the server", 300_000);
  const browser = await chromium.launch({
    executablePath: fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const signedIn = await browser.newContext();
  const ids = await makeContent(await signedIn.newPage());
  const session = await signedIn.storageState();
  fs.mkdirSync(out, { recursive: true });
  for (const theme of ["light", "dark"]) {
    for (const size of sizes) {
      for (const target of pages) {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          colorScheme: theme,
          storageState: target.signedOut ? undefined : session,
          reducedMotion: "reduce",
        });
        const page = await context.newPage();
        const url = target.path.replace(/\{(\w+)\}/, (_, key) => ids[key]);
        await page.goto(base + url, { waitUntil: "networkidle" });
        await page.waitForTimeout(600);
        // WebP: a tenth of a PNG's size for the same picture, and every browser shows it.
        const file = path.join(out, `${target.name}-${size.label}-${theme}.webp`);
        await sharp(await page.screenshot())
          .webp({ quality: 82 })
          .toFile(file);
        console.log(path.relative(process.cwd(), file));
        await context.close();
      }
    }
  }
  await browser.close();
} catch (error) {
  console.error(error);
  status = 1;
} finally {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
