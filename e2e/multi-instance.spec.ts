// Several Studio servers on one Postgres database, and start-ups that must fail loudly or recover:
// two instances started at once on an empty database both come up (migrations under an advisory
// lock), share sessions (AUTH_SECRET) and saved keys (VAULT_KEY); a live embedded-database lock
// stops a start with a non-zero exit; a lock left by kill -9 is recovered.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createUser } from "../lib/server/accounts/users";
import { openDatabase } from "../lib/server/db/open";
import { startSimulator, type RunningSimulator } from "../lib/simulator";
import { expect, test } from "./fixtures";
import {
  freshPostgresSchema,
  signIn,
  simCount,
  spawnStudio,
  stop,
  waitHealthy,
  type StudioProcess,
} from "./support/multi-instance";
import { anonymous } from "./support/accounts";

test.use({ storageState: anonymous });
test.describe.configure({ mode: "serial" });

const ports = { one: 3300, two: 3301, locked: 3302, killed: 3303 };
const base = (port: number) => `http://localhost:${port}`;
const tmp = (name: string) => path.resolve("tmp", name);
/** Every server here runs without the shared e2e environment's server key or database. */
const quiet = { AIO_API_KEY: "", DATABASE_URL: "", AUTH_SECRET: "", VAULT_KEY: "" };

const databaseUrl = process.env.TEST_DATABASE_URL;
/** The per-key limit both instances share in the tracker test. */
const sharedLimit = 20;
/** What the first test leaves for the next: a signed-in user and their key. */
let shared_: { cookie: string; key: string } | undefined;

test.describe("two instances on one Postgres database", () => {
  test.skip(!databaseUrl, "needs TEST_DATABASE_URL (a real Postgres server)");

  let sim: RunningSimulator;
  let db: ReturnType<typeof freshPostgresSchema>;
  const servers: StudioProcess[] = [];

  test.beforeAll(async () => {
    if (!databaseUrl) return;
    sim = await startSimulator({ port: 0, speed: 50 });
    db = freshPostgresSchema(databaseUrl);
  });
  test.afterAll(async () => {
    await Promise.all(servers.map(stop));
    await sim?.close();
    await db?.drop();
  });

  test("start together on an empty database, share sessions and saved keys", async () => {
    test.setTimeout(240_000);
    const shared = {
      ...quiet,
      DATABASE_URL: db.url,
      AIO_BASE_URL: sim.baseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      VAULT_KEY: `${randomBytes(32).toString("base64url")},${randomBytes(32).toString("base64url")}`,
      // One files directory for both (a shared volume), one budget per key, tracking at the
      // simulator's pace.
      FILES_DIR: tmp("e2e-multi-files"),
      // Uploads need an address the upstream can reach; callbacks go there too (instance 1),
      // whichever instance then checks the task.
      PUBLIC_URL: base(ports.one),
      UPSTREAM_RATE_LIMIT: String(sharedLimit),
      TRACKER_SPEED: "50",
    };
    fs.rmSync(tmp("e2e-multi-files"), { recursive: true, force: true });
    for (const name of ["e2e-multi-1", "e2e-multi-2"])
      fs.rmSync(tmp(name), { recursive: true, force: true });
    // At once, each with its own data directory: nothing but the environment is shared.
    const one = spawnStudio(ports.one, { ...shared, DATA_DIR: tmp("e2e-multi-1") });
    const two = spawnStudio(ports.two, { ...shared, DATA_DIR: tmp("e2e-multi-2") });
    servers.push(one, two);
    const health = await Promise.all([waitHealthy(one, ports.one), waitHealthy(two, ports.two)]);
    for (const body of health) {
      expect(body).toMatchObject({
        ok: true,
        database: { ok: true, kind: "postgres" },
        upstream: { mode: "demo", ok: true },
      });
    }

    // A user of this database, signed in on instance 1.
    const email = `multi-${randomBytes(4).toString("hex")}@example.com`;
    const password = "a long enough password";
    const opened = await openDatabase({ kind: "postgres", url: db.url });
    try {
      await createUser(opened.db, { email, password });
    } finally {
      await opened.close();
    }
    const cookie = await signIn(base(ports.one), email, password);

    // The same cookie is a session on instance 2.
    const session = await fetch(`${base(ports.two)}/api/auth/session`, { headers: { cookie } });
    expect(await session.json()).toMatchObject({ user: { email } });
    expect((await fetch(`${base(ports.two)}/api/v1/keys`, { headers: { cookie } })).status).toBe(
      200,
    );
    expect((await fetch(`${base(ports.two)}/api/v1/keys`)).status).toBe(401);

    // A key saved through instance 1 (checked against the simulator at no cost) ...
    const key = `aio_multi_${randomBytes(8).toString("hex")}`;
    const saved = await fetch(`${base(ports.one)}/api/v1/keys`, {
      method: "PUT",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ key }),
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(await saved.json()).toMatchObject({ mode: "user-key" });

    // ... is decrypted and used by instance 2.
    expect(await simCount(sim.origin, "POST /images/generations", key)).toBe(0);
    const created = await fetch(`${base(ports.two)}/api/v1/images/generations`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ model: "flux-2", prompt: "a red fox" }),
    });
    const answer = await created.text();
    expect(created.status, answer).toBe(200);
    expect(answer).not.toContain(key);
    expect(JSON.parse(answer)).toMatchObject({ data: { task_id: expect.any(String) } });
    expect(await simCount(sim.origin, "POST /images/generations", key)).toBe(1);
    for (const server of [one, two]) expect(server.output()).not.toContain(key);

    // An app token made on instance 1 works on instance 2 — until it is revoked on instance 1:
    // from then on instance 2 refuses it, on the very next call.
    const made = await fetch(`${base(ports.one)}/api/v1/tokens`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ name: "script" }),
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const { token, info } = (await made.json()) as { token: string; info: { id: string } };
    const withToken = { authorization: `Bearer ${token}` };
    for (let i = 0; i < 3; i++) {
      const used = await fetch(`${base(ports.two)}/api/v1/tasks`, { headers: withToken });
      expect(used.status).toBe(200);
    }
    const revoked = await fetch(`${base(ports.one)}/api/v1/tokens/${info.id}`, {
      method: "DELETE",
      headers: { cookie },
    });
    expect(revoked.status, await revoked.clone().text()).toBeLessThan(300);
    const refused = await fetch(`${base(ports.two)}/api/v1/tasks`, { headers: withToken });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { type: string } }).error.type).toBe(
      "authentication_error",
    );
    shared_ = { cookie, key };
  });

  test("share the tracker, the key's budget and stored files", async () => {
    test.setTimeout(240_000);
    expect(shared_, "the first test signed in and saved a key").toBeDefined();
    const { cookie, key } = shared_!;
    const headers = { cookie, "content-type": "application/json" };
    // The upstream enforces the same limit; both instances together must stay under it.
    await fetch(`${sim.origin}/__sim/keys/${key}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // Status replies take a moment, so two checks of one task would overlap and be seen.
      body: JSON.stringify({ rateLimitPerMinute: sharedLimit, statusDelayMs: 150 }),
    });
    // 30 submissions at once, alternating between the instances: together they may pass the
    // budget's limit by none (one created above already counts).
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const res = await fetch(
          `${base(i % 2 ? ports.two : ports.one)}/api/v1/images/generations`,
          {
            method: "POST",
            headers,
            body: JSON.stringify({ model: "flux-2", prompt: `a heron at dawn, take ${i}` }),
          },
        );
        return { status: res.status, body: (await res.json()) as { error?: { source?: string } } };
      }),
    );
    const accepted = answers.filter((a) => a.status === 200).length;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted + 1).toBeLessThanOrEqual(sharedLimit);
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect(refused).toMatchObject({ status: 429, body: { error: { source: "studio" } } });
    }
    // Every task finishes, checked by whichever instance leased it — never by two at once.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${base(ports.one)}/api/v1/tasks?limit=100`, { headers });
          const { tasks } = (await res.json()) as { tasks: { status: string }[] };
          return tasks.filter((t) => t.status === "SUCCESS").length;
        },
        { timeout: 150_000, intervals: [1000] },
      )
      .toBe(accepted + 1);
    const stats = (await (await fetch(`${sim.origin}/__sim/stats`)).json()) as {
      keys: Record<
        string,
        { peak_per_minute: number; rate_limited: number; max_concurrent_status_checks: number }
      >;
    };
    expect(stats.keys[key]).toMatchObject({ rate_limited: 0, max_concurrent_status_checks: 1 });
    expect(stats.keys[key]!.peak_per_minute).toBeLessThanOrEqual(sharedLimit);

    // A file stored through instance 1 is served by instance 2 (outputs were copied already).
    const png = fs.readFileSync(path.resolve("public/icon-192.png"));
    const form = new FormData();
    form.append("file", new Blob([png], { type: "image/png" }), "icon.png");
    const upload = await fetch(`${base(ports.one)}/api/v1/uploads`, {
      method: "POST",
      headers: { cookie },
      body: form,
    });
    expect(upload.status, await upload.clone().text()).toBe(201);
    const { url } = (await upload.json()) as { url: string };
    const token = new URL(url).pathname.split("/").pop();
    const served = await fetch(`${base(ports.two)}/files/${token}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    // And every copied output opens from either instance.
    let outputs: string[] = [];
    await expect
      .poll(async () => {
        const listed = await fetch(`${base(ports.two)}/api/v1/tasks?limit=100`, { headers });
        const { tasks } = (await listed.json()) as { tasks: { response: string[] }[] };
        outputs = tasks.flatMap((t) => t.response);
        return outputs.every((url) => new URL(url).pathname.startsWith("/files/"));
      })
      .toBe(true);
    for (const output of outputs) {
      const { pathname } = new URL(output);
      expect(pathname).toMatch(/^\/files\//);
      for (const port of [ports.one, ports.two]) {
        const res = await fetch(`${base(port)}${pathname}`);
        expect(res.status, `${pathname} on ${port}`).toBe(200);
        await res.arrayBuffer();
      }
    }
  });
});

test.describe("start-up of the embedded database", () => {
  test("a data directory held by a live process stops the start with a clear message", async () => {
    test.setTimeout(120_000);
    const dataDir = tmp("e2e-locked");
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"]);
    try {
      fs.writeFileSync(path.join(dataDir, "pglite.lock"), `${holder.pid}\n`);
      const server = spawnStudio(ports.locked, { ...quiet, DATA_DIR: dataDir });
      const code = await server.exited;
      expect(code, server.output()).not.toBe(0);
      expect(server.output()).toContain(
        `could not start: The embedded database in ${dataDir} is in use by process ${holder.pid}`,
      );
      // Nothing is left answering on its port.
      await expect(fetch(`${base(ports.locked)}/api/health`)).rejects.toThrow();
    } finally {
      holder.kill();
    }
  });

  test("a start after the server was killed with kill -9 recovers its lock", async () => {
    test.setTimeout(240_000);
    const dataDir = tmp("e2e-killed");
    fs.rmSync(dataDir, { recursive: true, force: true });
    const env = { ...quiet, DATA_DIR: dataDir };
    const first = spawnStudio(ports.killed, env);
    await waitHealthy(first, ports.killed);
    // The process that owns the database (next start's server), as named in the lock file.
    const owner = Number(fs.readFileSync(path.join(dataDir, "pglite.lock"), "utf8").split("\n")[0]);
    expect(owner).toBeGreaterThan(0);
    process.kill(owner, "SIGKILL");
    await first.exited;

    const second = spawnStudio(ports.killed, env);
    try {
      expect(await waitHealthy(second, ports.killed)).toMatchObject({
        ok: true,
        database: { ok: true, kind: "pglite" },
      });
      expect(second.output()).toContain(
        `recovered a stale lock on ${dataDir}: process ${owner} that held it is gone`,
      );
    } finally {
      await stop(second);
    }
  });
});
