// Fault and shape markers: behaviour chosen by the request, so these tests run side by side.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { priceOf } from "../catalog";
import { normalizeStatus, taskInfoSchema } from "../schemas/api";
import { readFaults } from "./faults";
import type { RunningSimulator } from "./server";
import {
  adminGet,
  asRecord,
  client,
  createTask,
  json,
  pollFinal,
  pollUntil,
  startTestSimulator,
  uniqueKey,
} from "./test-support";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const image = (prompt: string): Record<string, unknown> => ({ model: "flux-2", prompt });

describe("readFaults", () => {
  it("finds markers anywhere in the body, case-insensitively", () => {
    const faults = readFaults({
      image: "https://x.test/a.png#[SIM:fail]",
      nested: [{ note: "[sim:shape=bare] [sim:slow]" }],
    });
    expect(faults).toMatchObject({
      fail: true,
      slow: true,
      shape: "bare",
      hang: false,
      serverError: false,
    });
    expect(readFaults({ prompt: "[sim:shape=unknown] [sim:nothing]" }).shape).toBeNull();
  });
});

describe("task markers", () => {
  it("[sim:fail] ends FAILED with an error message, consumed_credits 0 and a refund", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    // Slow, so the charge can be seen before the refund (grok-video: 0.3–0.6 s here).
    const body = { model: "grok-imagine/text-to-video", prompt: "doomed [sim:fail] [sim:slow]" };
    const id = await createTask(api, "/videos/generations", body);
    const price = priceOf("videos", body);
    expect(price).toBeGreaterThan(0);
    expect((await adminGet(sim, `/keys/${key}`)).balance).toBe(10_000 - (price ?? 0));
    const info = taskInfoSchema.parse(await pollFinal(api, id));
    expect(info.status).toBe("FAILED");
    expect(info.error_message).toMatch(/Simulated failure/);
    expect(info.consumed_credits).toBe(0);
    expect(info.response).toEqual([]);
    expect((await adminGet(sim, `/keys/${key}`)).balance).toBe(10_000);
  });

  it("[sim:slow] takes ten times longer", async () => {
    // kling-3 takes 60–180 s: 60–180 ms at speed 1000, 600–1800 ms when slow.
    const api = client(sim, uniqueKey());
    const started = Date.now();
    const normal = await createTask(api, "/videos/generations", {
      model: "kling-3",
      prompt: "a fox runs",
    });
    const slow = await createTask(api, "/videos/generations", {
      model: "kling-3",
      prompt: "a fox runs [sim:slow]",
    });
    expect((await pollFinal(api, normal)).status).toBe("SUCCESS");
    const stillRunning = await json(await api.get(`/tasks/${slow}`));
    expect(asRecord(stillRunning.data).status).toBe("IN_PROGRESS");
    expect((await pollFinal(api, slow)).status).toBe("SUCCESS");
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it("[sim:hang] never answers until the client gives up", async () => {
    const api = client(sim, uniqueKey());
    const attempt = api.post("/images/generations", image("wait forever [sim:hang]"), {
      signal: AbortSignal.timeout(150),
    });
    await expect(attempt).rejects.toThrow(/timeout|aborted/i);
  });

  it("close() does not wait for hung requests", async () => {
    const own = await startTestSimulator();
    const api = client(own, uniqueKey());
    const hung = api.post("/images/generations", image("wait forever [sim:hang]"));
    await new Promise((r) => setTimeout(r, 30));
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(hung).rejects.toThrow();
  });

  it("[sim:malformed] answers 200 with a body that is not JSON", async () => {
    const res = await client(sim, uniqueKey()).post(
      "/images/generations",
      image("garbled [sim:malformed]"),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it("[sim:check=<fault>x<n>]: the task's first n status checks fail that way, then it answers", async () => {
    expect(readFaults({ prompt: "[sim:check=429x3]" }).check).toEqual({
      fault: "429",
      remaining: 3,
    });
    expect(readFaults({ prompt: "[sim:check=teapotx3] [sim:check=500x0]" }).check).toBeNull();
    const api = client(sim, uniqueKey());
    for (const [fault, expected] of [
      ["500", 500],
      ["429", 429],
      ["malformed", 200],
    ] as const) {
      const id = await createTask(
        api,
        "/images/generations",
        image(`flaky ${fault} [sim:check=${fault}x2]`),
      );
      for (let i = 0; i < 2; i++) {
        const res = await api.get(`/tasks/${id}`);
        expect(res.status).toBe(expected);
        const text = await res.text();
        if (fault === "malformed") expect(() => JSON.parse(text)).toThrow();
        if (fault === "429") expect(res.headers.get("retry-after")).toBe("1");
      }
      expect((await pollFinal(api, id)).status).toBe("SUCCESS");
    }
    const hung = await createTask(api, "/images/generations", image("stuck [sim:check=hangx1]"));
    await expect(api.get(`/tasks/${hung}`, { signal: AbortSignal.timeout(150) })).rejects.toThrow(
      /timeout|aborted/i,
    );
    expect((await pollFinal(api, hung)).status).toBe("SUCCESS");
  });

  it("[sim:slow-body]: the creation and status replies arrive in pieces over about 1.5 s", async () => {
    const api = client(sim, uniqueKey());
    const started = Date.now();
    const res = await api.post("/images/generations", image("a trickle [sim:slow-body]"));
    expect(res.status).toBe(200);
    const headersAt = Date.now() - started;
    const created = await json(res);
    const bodyAt = Date.now() - started;
    expect(headersAt).toBeLessThan(1_000);
    expect(bodyAt - headersAt).toBeGreaterThanOrEqual(1_000);
    const id = String(asRecord(created.data).task_id);
    const checkStarted = Date.now();
    expect((await api.get(`/tasks/${id}`).then(json)).code).toBe(200);
    expect(Date.now() - checkStarted).toBeGreaterThanOrEqual(1_000);
  });

  it("[sim:shape=error-in-200] carries a 500 inside an HTTP 200 envelope and creates nothing", async () => {
    const key = uniqueKey();
    const res = await client(sim, key).post(
      "/images/generations",
      image("oops [sim:shape=error-in-200]"),
    );
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ code: 500, message: expect.any(String) });
    expect(await adminGet(sim, `/keys/${key}`)).toMatchObject({ balance: 10_000, taskCount: 0 });
  });
});

describe("shape markers (SPEC §3, §12)", () => {
  async function created(shape: string): Promise<Record<string, unknown>> {
    const res = await client(sim, uniqueKey()).post(
      "/images/generations",
      image(`shaped [sim:shape=${shape}]`),
    );
    expect(res.status).toBe(200);
    return json(res);
  }

  it("bare: {id, status:pending, model, created_at}, and bare status replies", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    const body = await json(await api.post("/images/generations", image("[sim:shape=bare] hills")));
    expect(Object.keys(body).sort()).toEqual(["created_at", "id", "model", "status"]);
    expect(body).toMatchObject({ status: "pending", model: "flux-2" });
    expect(String(body.created_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const final = await pollUntil(api, String(body.id), (r) => r.status === "completed");
    expect(final).toMatchObject({
      id: body.id,
      model: "flux-2",
      consumed_credits: 5,
      error_message: null,
    });
    expect(final.code).toBeUndefined();
    expect(final.response).toHaveLength(1);
  });

  it("bare-task-id: {task_id, status:pending, model, created_at}", async () => {
    const body = await created("bare-task-id");
    expect(Object.keys(body).sort()).toEqual(["created_at", "model", "status", "task_id"]);
    expect(body.status).toBe("pending");
  });

  it("task-id-camel: {code, msg, data:{taskId}}, and the status reply keeps msg/taskId", async () => {
    const api = client(sim, uniqueKey());
    const body = await json(
      await api.post("/images/generations", image("[sim:shape=task-id-camel] camel")),
    );
    expect(body).toEqual({ code: 200, msg: "success", data: { taskId: expect.any(String) } });
    const id = String(asRecord(body.data).taskId);
    const final = await pollUntil(api, id, (r) => asRecord(r.data).status === "SUCCESS");
    expect(final).toMatchObject({ code: 200, msg: "success", data: { taskId: id } });
  });

  it("no-status: {code, message, data:{task_id}} only", async () => {
    const body = await created("no-status");
    expect(body).toEqual({ code: 200, message: "success", data: { task_id: expect.any(String) } });
  });

  it("lowercase: pending → completed / failed in this task's status replies", async () => {
    const api = client(sim, uniqueKey());
    const ok = await json(
      await api.post("/images/generations", image("[sim:shape=lowercase] fine")),
    );
    expect(asRecord(ok.data).status).toBe("pending");
    const okId = String(asRecord(ok.data).task_id);
    const bad = String(
      asRecord(
        (
          await json(
            await api.post("/images/generations", image("[sim:shape=lowercase] [sim:fail]")),
          )
        ).data,
      ).task_id,
    );
    const isFinal = (r: Record<string, unknown>): boolean =>
      normalizeStatus(asRecord(r.data).status) !== "IN_PROGRESS";
    expect(asRecord((await pollUntil(api, okId, isFinal)).data).status).toBe("completed");
    expect(asRecord((await pollUntil(api, bad, isFinal)).data).status).toBe("failed");
  });
});
