// /__sim: counters, balances, traffic maxima, expiring files and live configuration.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import {
  adminGet,
  adminPost,
  asRecord,
  client,
  createTask,
  pollFinal,
  startTestSimulator,
  uniqueKey,
} from "./test-support";

let sim: RunningSimulator;
const lines: string[] = [];
beforeAll(async () => {
  sim = await startTestSimulator({ log: (line) => lines.push(line) });
});
afterAll(() => sim.close());

describe("/__sim", () => {
  it("counts requests per route and key, and reset clears them", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    const id = await createTask(api, "/images/generations", {
      model: "flux-2",
      prompt: "count me",
    });
    await api.get(`/tasks/${id}`);
    await api.get(`/tasks/${id}`);
    await client(sim, null).get(`/tasks/${id}`);
    const stats = await adminGet(sim, "/stats");
    const requests = asRecord(stats.requests);
    expect(asRecord(requests["POST /images/generations"])[key]).toBe(1);
    expect(asRecord(requests["GET /tasks/{task_id}"])[key]).toBe(2);
    expect(asRecord(requests["GET /tasks/{task_id}"])["(unauthenticated)"]).toBeGreaterThanOrEqual(
      1,
    );
    expect(stats.total).toBeGreaterThanOrEqual(4);
    expect(asRecord(stats.balances)[key]).toBe(10_000 - 5);

    expect(await adminPost(sim, "/reset", {})).toEqual({ ok: true });
    const after = await adminGet(sim, "/stats");
    expect(after).toMatchObject({ requests: {}, total: 0 });
    // Balances survive a reset.
    expect(asRecord(after.balances)[key]).toBe(10_000 - 5);
  });

  it("lists the tasks one key created, oldest first, with their prompts and prices", async () => {
    const key = uniqueKey();
    const other = uniqueKey();
    await createTask(client(sim, key), "/images/generations", {
      model: "flux-2",
      prompt: "one fox",
    });
    await createTask(client(sim, other), "/images/generations", {
      model: "flux-2",
      prompt: "another fox",
    });
    await createTask(client(sim, key), "/images/tools/remove-bg", {
      image: "https://x.test/a.png",
    });
    const listed = (await adminGet(sim, `/keys/${key}/tasks`)) as {
      tasks: { route: string; prompt: string | null; price: number }[];
    };
    expect(listed.tasks.map((t) => [t.route, t.prompt])).toEqual([
      ["images", "one fox"],
      ["remove-bg", null],
    ]);
    expect(listed.tasks.every((t) => t.price > 0)).toBe(true);
  });

  it("reads and sets a key's balance", async () => {
    const key = uniqueKey();
    expect(await adminGet(sim, `/keys/${key}`)).toMatchObject({
      key,
      balance: 10_000,
      taskCount: 0,
    });
    expect(await adminPost(sim, `/keys/${key}`, { credits: 42 })).toMatchObject({ balance: 42 });
    const api = client(sim, key);
    await createTask(api, "/images/tools/remove-bg", { image: "https://x.test/a.png" });
    expect(await adminGet(sim, `/keys/${key}`)).toMatchObject({ balance: 41, taskCount: 1 });
    expect(await adminPost(sim, `/keys/${key}`, { credits: -1 })).toMatchObject({
      error: { code: 400 },
    });
  });

  it("changes speed and the default rate limit at run time", async () => {
    const own = await startTestSimulator({ speed: 1 });
    try {
      expect(await adminPost(own, "/config", { speed: 5000, rateLimitPerMinute: 2 })).toMatchObject(
        { speed: 5000, rateLimitPerMinute: 2 },
      );
      const key = uniqueKey();
      const api = client(own, key);
      const started = Date.now();
      // face-swap takes 3–8 s at speed 1; at 5000 it is done almost at once.
      const id = await createTask(api, "/images/tools/face-swap", {
        model: "face-swap",
        image: "https://x.test/a.png",
        face_image: "https://x.test/b.png",
      });
      expect((await pollFinal(api, id)).status).toBe("SUCCESS");
      expect(Date.now() - started).toBeLessThan(2000);
      expect((await api.get(`/tasks/${id}`)).status).toBe(429);
      // Refused requests count as requests, and as 429s.
      expect(asRecord((await adminGet(own, "/stats")).keys)[key]).toMatchObject({
        requests: 3,
        rate_limited: 1,
        peak_per_minute: 3,
      });
      expect(await adminPost(own, "/config", { speed: 0 })).toMatchObject({ error: { code: 400 } });
    } finally {
      await own.close();
    }
  });

  it("logs one line per request with the key masked", async () => {
    const key = uniqueKey();
    await client(sim, key).get("/tasks/none");
    const line = lines.find((l) => l.includes("GET /api/v1/tasks/none"));
    expect(line).toMatch(/ 404 \d+ms key=aio_…[0-9a-f]{4}$/);
    expect(lines.some((l) => l.includes(key))).toBe(false);
  });

  it("answers unknown admin paths with 404", async () => {
    expect(await adminGet(sim, "/nope")).toMatchObject({ error: { code: 404, type: "not_found" } });
  });
});

describe("/__sim/stats traffic", () => {
  it("reports each key's requests and busiest minute since the last reset", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    for (let i = 0; i < 4; i++) await api.get(`/tasks/none-${i}`);
    const stats = await adminGet(sim, "/stats");
    expect(asRecord(stats.keys)[key]).toEqual({
      requests: 4,
      rate_limited: 0,
      peak_per_minute: 4,
      max_concurrent_status_checks: 1,
      max_in_flight_status_checks: 1,
    });
    await adminPost(sim, "/reset", {});
    await api.get("/tasks/after-reset");
    expect(asRecord(asRecord((await adminGet(sim, "/stats")).keys)[key])).toMatchObject({
      requests: 1,
      peak_per_minute: 1,
    });
  });

  it("sees overlapping status checks of one task, and tells them from checks of others", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    const [a, b] = await Promise.all([
      createTask(api, "/images/tools/remove-bg", { image: "https://x.test/a.png" }),
      createTask(api, "/images/tools/remove-bg", { image: "https://x.test/b.png" }),
    ]);
    // A slow upstream: each status check of this key is answered 150 ms after it arrives.
    expect(await adminPost(sim, `/keys/${key}`, { statusDelayMs: 150 })).toMatchObject({
      statusDelayMs: 150,
    });
    const started = Date.now();
    const replies = await Promise.all([
      api.get(`/tasks/${a}`),
      api.get(`/tasks/${a}`),
      api.get(`/tasks/${a}`),
      api.get(`/tasks/${b}`),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const stats = await adminGet(sim, "/stats");
    expect(asRecord(stats.keys)[key]).toMatchObject({
      max_concurrent_status_checks: 3,
      max_in_flight_status_checks: 4,
    });
    expect(stats.max_concurrent_status_checks).toBeGreaterThanOrEqual(3);
    expect(stats.max_in_flight_status_checks).toBeGreaterThanOrEqual(4);
    expect(stats.max_in_flight_requests).toBeGreaterThanOrEqual(4);

    // One at a time, however many: the maximum stays 1.
    const polite = uniqueKey();
    const politeApi = client(sim, polite);
    const id = await createTask(politeApi, "/images/tools/remove-bg", {
      image: "https://x.test/c.png",
    });
    await adminPost(sim, `/keys/${polite}`, { statusDelayMs: 30 });
    for (let i = 0; i < 3; i++) await politeApi.get(`/tasks/${id}`);
    expect(asRecord((await adminGet(sim, "/stats")).keys)[polite]).toMatchObject({
      max_concurrent_status_checks: 1,
      max_in_flight_status_checks: 1,
    });
    expect(await adminPost(sim, `/keys/${polite}`, { statusDelayMs: -1 })).toMatchObject({
      error: { code: 400 },
    });
    expect(await adminPost(sim, "/config", { statusDelayMs: "slow" })).toMatchObject({
      error: { code: 400 },
    });
  });

  it("expires a task's files: its URLs answer 404, its status reply is unchanged", async () => {
    const api = client(sim, uniqueKey());
    const id = await createTask(api, "/images/generations", {
      model: "flux-2",
      prompt: "fleeting",
    });
    const before = await pollFinal(api, id);
    const url = String((before.response as string[])[0]);
    expect((await fetch(url)).status).toBe(200);
    expect(await adminPost(sim, `/tasks/${id}/expire-files`, {})).toEqual({
      task_id: id,
      files_expired: true,
      files: 1,
    });
    const gone = await fetch(url);
    expect(gone.status).toBe(404);
    expect(asRecord((await gone.json()) as unknown).error).toMatchObject({ type: "not_found" });
    expect(await pollFinal(api, id)).toEqual(before);
    expect(await adminPost(sim, "/tasks/nope/expire-files", {})).toMatchObject({
      error: { code: 404, type: "not_found" },
    });
  });
});
