import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Ports: the main app, a second app with registration closed and OIDC on, the standalone
// simulator (the upstream for users' own keys) and a local OpenID Connect provider.
export const ports = { app: 3100, closedApp: 3101, sim: 4010, oidc: 4011, oidcControl: 4012 };
export const simOrigin = `http://127.0.0.1:${ports.sim}`;

// Debian's Chromium where it is installed (CI, this machine); Playwright's own browser elsewhere.
const systemChromium = "/usr/bin/chromium";
const executablePath = fs.existsSync(systemChromium) ? systemChromium : undefined;
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];

const appEnv = (port: number, dataDir: string, extra: Record<string, string> = {}) => ({
  PORT: String(port),
  DATA_DIR: path.resolve(dataDir),
  NEXT_TELEMETRY_DISABLED: "1",
  STUDIO_SKIP_BUILD: "1",
  AIO_API_KEY: "",
  AIO_BASE_URL: `${simOrigin}/api/v1`,
  DATABASE_URL: "",
  AUTH_SECRET: "",
  DEMO_SIM_SPEED: "50",
  // The tracker's schedule at the standalone simulator's pace (--speed 50 below).
  TRACKER_SPEED: "50",
  // Specs share one key per test user and burst far past 60 a minute (the fuzz); the budget is
  // tested on servers of its own (tracker.spec, multi-instance.spec) with the real limit.
  UPSTREAM_RATE_LIMIT: "100000",
  ...extra,
});

// Desktop Chromium as the shared e2e user (registered by the setup project).
const signedIn = {
  ...devices["Desktop Chrome"],
  storageState: "tmp/e2e-auth/user.json",
  launchOptions: { executablePath, args: chromiumArgs },
};

export default defineConfig({
  testDir: "e2e",
  // Specs import lib/server (restart.spec opens the database): map "server-only" to its stub.
  tsconfig: "./e2e/tsconfig.playwright.json",
  fullyParallel: true,
  // Two on a two-core machine: with three, the timing-sensitive specs starve (PLAYWRIGHT_WORKERS).
  workers: Number(process.env.PLAYWRIGHT_WORKERS) || 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    // Auth.js builds its URLs on localhost: never browse 127.0.0.1.
    baseURL: `http://localhost:${ports.app}`,
    // A trace costs every test a fifth of its time on two cores; CI keeps only the log.
    trace: process.env.CI ? "off" : "retain-on-failure",
    // Pages as someone who asked for less motion sees them: nothing pulses or spins, so the
    // browser does not repaint sixty times a second behind every waiting test (a third of
    // Chromium's CPU on two cores). Screenshots and walks by hand see the motion.
    reducedMotion: "reduce",
  },
  projects: [
    {
      name: "setup",
      testMatch: /auth\.setup\.ts/,
      use: { launchOptions: { executablePath, args: chromiumArgs } },
    },
    {
      // The tracker's specs mostly wait on the clock (the key's 60 a minute, servers restarted
      // after kill -9). Listed first and held to one worker, they start at once on one worker
      // while the other runs the rest; as the last files in name order they left both workers
      // idle for the run's final minutes. `--project='chromium*'` runs both projects.
      name: "chromium-waits",
      dependencies: ["setup"],
      testMatch: /tracker\.spec\.ts/,
      workers: 1,
      use: signedIn,
    },
    {
      name: "chromium",
      dependencies: ["setup"],
      // The long hardening runs (npm run test:hardening) are a project of their own.
      testIgnore: [/hardening\//, /tracker\.spec\.ts/],
      use: signedIn,
    },
    {
      name: "hardening",
      dependencies: ["setup"],
      testMatch: /hardening\/.*\.spec\.ts/,
      use: signedIn,
    },
  ],
  webServer: [
    {
      command: `npx tsx lib/simulator/cli.ts --port ${ports.sim} --speed 50`,
      url: `${simOrigin}/__sim/stats`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      command: "node e2e/support/oidc-server.mjs",
      url: `http://localhost:${ports.oidc}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { OIDC_PORT: String(ports.oidc), OIDC_CONTROL_PORT: String(ports.oidcControl) },
    },
    {
      // A fresh data directory each run exercises the zero-configuration first start.
      command: `rm -rf tmp/e2e-data && node scripts/start.mjs`,
      url: `http://localhost:${ports.app}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: appEnv(ports.app, "tmp/e2e-data"),
    },
    {
      command: `rm -rf tmp/e2e-data-closed && node scripts/start.mjs`,
      url: `http://localhost:${ports.closedApp}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: appEnv(ports.closedApp, "tmp/e2e-data-closed", {
        AUTH_REGISTRATION: "closed",
        AUTH_OIDC_ISSUER: `http://localhost:${ports.oidc}`,
        AUTH_OIDC_CLIENT_ID: "studio-e2e",
        AUTH_OIDC_CLIENT_SECRET: "studio-e2e-secret",
        AUTH_OIDC_NAME: "Mock SSO",
      }),
    },
  ],
});
