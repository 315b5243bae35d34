// GET /api/health's answers, on a real embedded database and a real simulator over HTTP: each case
// loads the modules afresh with its own environment (getEnv reads process.env once per load).
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/lib/server/db/open";
import { pgliteTemplate } from "@/lib/testing/pglite-template";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";

type Globals = {
  studioDb?: Promise<OpenedDatabase>;
  studioDemoSim?: Promise<RunningSimulator>;
  studioUpstreamHealth?: unknown;
};
const globals = globalThis as unknown as Globals;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  delete globals.studioDb;
  delete globals.studioDemoSim;
  delete globals.studioUpstreamHealth;
  vi.unstubAllEnvs();
});

/** The health module with this environment, and a real in-memory database behind getDatabase. */
async function load(env: Record<string, string>, db?: OpenedDatabase) {
  vi.resetModules();
  vi.stubEnv("DATA_DIR", path.join(os.tmpdir(), "studio-health-test"));
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("AIO_API_KEY", "");
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const opened =
    db ?? (await openDatabase({ kind: "pglite", dataDir: "memory", from: pgliteTemplate() }));
  if (!db) cleanups.push(() => opened.close());
  globals.studioDb = Promise.resolve(opened);
  return import("./health");
}

async function simulator(): Promise<RunningSimulator> {
  const sim = await startSimulator({ port: 0 });
  cleanups.push(() => sim.close());
  return sim;
}

describe("checkHealth", { timeout: 60_000 }, () => {
  it("answers 200 with the database and the demo simulator up", async () => {
    const { checkHealth } = await load({});
    const { getDemoSimulator } = await import("@/lib/server/upstream-target");
    const sim = await getDemoSimulator();
    cleanups.push(() => sim.close());
    const { status, body } = await checkHealth();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      database: { ok: true, kind: "pglite" },
      upstream: { mode: "demo", ok: true },
    });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("says so when demo mode's simulator is not running", async () => {
    const { checkHealth } = await load({});
    const { body } = await checkHealth();
    expect(body.upstream).toMatchObject({ mode: "demo", ok: false, error: "not_started" });
  });

  it("finds the demo simulator once it starts, seconds after an early probe missed it", async () => {
    const { checkHealth } = await load({});
    expect((await checkHealth()).body.upstream).toMatchObject({ ok: false, error: "not_started" });
    const { getDemoSimulator } = await import("@/lib/server/upstream-target");
    const sim = await getDemoSimulator();
    cleanups.push(() => sim.close());
    // Not a minute later, as a working upstream's answer is kept: a few seconds.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await checkHealth()).body.upstream).toMatchObject({ mode: "demo", ok: true });
  });

  it("answers 503 when the database does not answer", async () => {
    const closed = await openDatabase({
      kind: "pglite",
      dataDir: "memory",
      from: pgliteTemplate(),
    });
    await closed.close();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { checkHealth } = await load({}, closed);
    const { status, body } = await checkHealth();
    expect(status).toBe(503);
    expect(body).toMatchObject({
      ok: false,
      database: { ok: false, kind: "pglite", error: "unavailable" },
    });
    expect(String(error.mock.calls[0]?.[0])).toMatch(/health: the database does not answer/);
  });

  it("checks the server key at no cost, reuses the answer, and never shows the key", async () => {
    const sim = await simulator();
    const key = `aio_health_${Date.now()}_secretpart`;
    const { checkHealth } = await load({ AIO_API_KEY: key, AIO_BASE_URL: sim.baseUrl });
    const first = await checkHealth();
    expect(first.status).toBe(200);
    expect(first.body.upstream).toMatchObject({ mode: "server-key", ok: true });
    const second = await checkHealth();
    expect(second.body.upstream.checkedAt).toBe(first.body.upstream.checkedAt);
    expect(JSON.stringify([first.body, second.body])).not.toContain("secretpart");

    const stats = (await (await fetch(`${sim.origin}/__sim/stats`)).json()) as {
      requests: Record<string, Record<string, number>>;
      balances: Record<string, number>;
    };
    // One status lookup for both probes, and nothing charged.
    const lookups = Object.entries(stats.requests)
      .filter(([route]) => route.startsWith("GET /tasks/"))
      .reduce((n, [, byKey]) => n + (byKey[key] ?? 0), 0);
    expect(lookups).toBe(1);
    expect(stats.balances[key]).toBe(10_000);
  });

  it("reports a server key the upstream refuses, still 200", async () => {
    const sim = await simulator();
    const { checkHealth } = await load({
      AIO_API_KEY: "aio_revoked_health",
      AIO_BASE_URL: sim.baseUrl,
    });
    const { status, body } = await checkHealth();
    expect(status).toBe(200);
    expect(body.upstream).toMatchObject({ mode: "server-key", ok: false, error: "invalid_key" });
    expect(JSON.stringify(body)).not.toContain("aio_revoked_health");
  });

  it("does not wait for an upstream that hangs", async () => {
    // Accepts connections and never answers.
    const sockets: net.Socket[] = [];
    const hang = net.createServer((s) => sockets.push(s)).listen(0, "127.0.0.1");
    await new Promise((r) => hang.once("listening", r));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          sockets.forEach((s) => s.destroy());
          hang.close(() => r());
        }),
    );
    const port = (hang.address() as net.AddressInfo).port;
    const { checkHealth } = await load({
      AIO_API_KEY: "aio_health_hang",
      AIO_BASE_URL: `http://127.0.0.1:${port}/api/v1`,
    });
    const started = Date.now();
    const { status, body } = await checkHealth();
    expect(Date.now() - started).toBeLessThan(4000);
    expect(status).toBe(200);
    expect(body.upstream).toMatchObject({ mode: "server-key", ok: false, error: "timeout" });
  });
});
