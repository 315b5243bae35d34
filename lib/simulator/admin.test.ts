// /__sim: counters, balances and live configuration for tests and benchmarks.
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
      const api = client(own, uniqueKey());
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
