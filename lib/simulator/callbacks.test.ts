// callback_url: the final task is POSTed once it ends, with retries on failure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { taskInfoSchema } from "../schemas/api";
import type { RunningSimulator } from "./server";
import {
  asRecord,
  client,
  createTask,
  json,
  receiver,
  startTestSimulator,
  uniqueKey,
} from "./test-support";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

describe("callback_url", () => {
  it("POSTs the final task, identical to the status reply, when the task ends", async () => {
    const hook = await receiver();
    try {
      const api = client(sim, uniqueKey());
      const delivered = hook.next();
      const id = await createTask(api, "/images/generations", {
        model: "flux-2",
        prompt: "call me",
        callback_url: `${hook.url}?t=1`,
      });
      const got = await delivered;
      expect(got.path).toBe("/hook?t=1");
      expect(got.contentType).toBe("application/json");
      const info = taskInfoSchema.parse(got.body.data);
      expect(info).toMatchObject({ task_id: id, status: "SUCCESS" });
      expect(info.response[0]).toMatch(new RegExp(`^${sim.origin}/files/${id}/0\\.png$`));
      expect(got.body).toEqual(await json(await api.get(`/tasks/${id}`)));
      expect(hook.received).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it("retries after a 500 and delivers FAILED tasks too", async () => {
    const hook = await receiver([500]);
    try {
      const api = client(sim, uniqueKey());
      const first = hook.next();
      const second = hook.next();
      await createTask(api, "/images/generations", {
        model: "flux-2",
        prompt: "[sim:fail] retry me",
        callback_url: hook.url,
      });
      const [a, b] = await Promise.all([first, second]);
      expect(b.at - a.at).toBeGreaterThanOrEqual(9); // 250 ms / speed, at least 10 ms
      expect(b.body).toEqual(a.body);
      expect(asRecord(b.body.data)).toMatchObject({ status: "FAILED", consumed_credits: 0 });
    } finally {
      await hook.close();
    }
  });

  it("gives up after three retries", async () => {
    const hook = await receiver([500, 502, 503, 504, 200]);
    try {
      const api = client(sim, uniqueKey());
      const arrivals = [hook.next(), hook.next(), hook.next(), hook.next()];
      await createTask(api, "/images/tools/remove-bg", {
        image: "https://x.test/a.png",
        callback_url: hook.url,
      });
      await Promise.all(arrivals);
      await new Promise((r) => setTimeout(r, 300)); // far longer than any backoff at speed 1000
      expect(hook.received).toHaveLength(4);
    } finally {
      await hook.close();
    }
  });

  it("retries on network errors too", async () => {
    const closed = await receiver();
    await closed.close(); // nothing listens on this port any more
    const lines: string[] = [];
    const own = await startTestSimulator({ log: (line) => lines.push(line) });
    try {
      const api = client(own, uniqueKey());
      await createTask(api, "/images/tools/remove-bg", {
        image: "https://x.test/a.png",
        callback_url: closed.url,
      });
      const deadline = Date.now() + 5000;
      while (!lines.some((l) => l.includes("gave up")) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(lines.filter((l) => /^callback .* failed \(.+\), retrying/.test(l))).toHaveLength(3);
      expect(lines.find((l) => l.includes("gave up"))).toMatch(/after 4 attempts/);
    } finally {
      await own.close();
    }
  });
});
