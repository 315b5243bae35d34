// Demo mode seen from another machine: with PUBLIC_URL set, the embedded simulator's outputs are
// served through the Studio's own origin, so they display without reaching its loopback port.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { anonymous, registerThroughUi, uniqueEmail } from "./support/accounts";
import { expectImagesShown, run, waitForTask } from "./support/generate";
import { startStudio, stopStudio, type StudioServer } from "./support/server";

test.use({ storageState: anonymous });
test.describe.configure({ mode: "serial" });

const port = 3192;
const base = `http://localhost:${port}`;
const dataDir = path.resolve("tmp/e2e-demo");
let server: StudioServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fs.rmSync(dataDir, { recursive: true, force: true });
  server = await startStudio(port, {
    DATA_DIR: dataDir,
    AUTH_SECRET: "",
    AIO_API_KEY: "",
    DATABASE_URL: "",
    PUBLIC_URL: base,
    DEMO_SIM_SPEED: "50",
    // Outputs stay on the simulator's URLs here: this spec is about the /demo/files proxy.
    MIRROR_OUTPUTS: "0",
  });
});

test.afterAll(async () => {
  if (server) await stopStudio(server.proc);
});

test("an image made in demo mode displays from the Studio's own /demo/files", async ({ page }) => {
  test.setTimeout(120_000);
  await registerThroughUi(page, { email: uniqueEmail("demo"), password: "demo-password", base });
  await page.goto(`${base}/images`);
  await page.getByLabel("Prompt").fill("A lighthouse on a cliff at dusk");
  await run(page);
  await waitForTask(page);
  await expectImagesShown(page);

  const src = await page.getByTestId("output-image").first().getAttribute("src");
  expect(src).toMatch(new RegExp(`^${base}/demo/files/[A-Za-z0-9_-]+/0\\.png$`));

  // Byte ranges pass through (players seek with them), with the simulator's headers.
  const partial = await page.request.get(src!, { headers: { Range: "bytes=0-7" } });
  expect(partial.status()).toBe(206);
  expect(partial.headers()["content-range"]).toMatch(/^bytes 0-7\/\d+$/);
  expect([...(await partial.body())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // Nothing but output paths is forwarded.
  for (const bad of ["/demo/files/x", "/demo/files/../__sim/stats", "/demo/files/a/b/c.png"]) {
    expect((await page.request.get(`${base}${bad}`)).status(), bad).toBe(404);
  }
  expect((await page.request.get(`${base}/demo/files/unknown-task/0.png`)).status()).toBe(404);
});
