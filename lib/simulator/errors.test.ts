// Every documented error status, in the one error shape (SPEC §0).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../schemas/api";
import type { RunningSimulator } from "./server";
import {
  adminGet,
  adminPost,
  client,
  createTask,
  json,
  startTestSimulator,
  uniqueKey,
} from "./test-support";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

async function expectError(
  res: Response,
  status: number,
  type: string,
  message?: RegExp,
): Promise<string> {
  const body = errorBodySchema.parse(await res.json());
  expect(res.status).toBe(status);
  expect(body.error.code).toBe(status);
  expect(body.error.type).toBe(type);
  if (message) expect(body.error.message).toMatch(message);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return body.error.message;
}

describe("400 invalid_request", () => {
  it.each([
    ["unknown model", { model: "dall-e-9", prompt: "a cat" }, /^model: .*unknown model "dall-e-9"/],
    ["missing model", { prompt: "a cat" }, /^model: required/],
    ["missing prompt", { model: "flux-2" }, /^prompt: /],
    ["prompt too short", { model: "flux-2", prompt: "ab" }, /^prompt: .*3/],
    [
      "enum violation",
      { model: "flux-2", prompt: "a cat", resolution: "8K" },
      /^resolution: must be one of 1K, 2K/,
    ],
    [
      "wrong type",
      { model: "imagen4", prompt: "a cat", seed: "forty-two" },
      /^seed: expected a number, got string/,
    ],
    [
      "bad callback_url",
      { model: "flux-2", prompt: "a cat", callback_url: "ftp://x" },
      /^callback_url: /,
    ],
  ])("%s", async (_name, body, message) => {
    const api = client(sim, uniqueKey());
    await expectError(await api.post("/images/generations", body), 400, "invalid_request", message);
  });

  it("names the field on other routes too", async () => {
    const api = client(sim, uniqueKey());
    await expectError(
      await api.post("/videos/generations", {
        model: "kling-3",
        prompt: "a fox runs",
        duration: "5",
      }),
      400,
      "invalid_request",
      /^duration: expected a number/,
    );
    await expectError(
      await api.post("/images/tools/face-swap", {
        model: "face-swap",
        image: "https://x.test/a.png",
      }),
      400,
      "invalid_request",
      /^face_image: required/,
    );
    await expectError(
      await api.post("/audio/speech", { model: "elevenlabs-v3" }),
      400,
      "invalid_request",
      /^dialogue: /,
    );
  });

  it("refuses bodies that are not a JSON object", async () => {
    const api = client(sim, uniqueKey());
    await expectError(
      await api.post("/images/generations", "{not json"),
      400,
      "invalid_request",
      /not valid JSON/,
    );
    await expectError(
      await api.post("/images/generations", "[1,2]"),
      400,
      "invalid_request",
      /JSON object/,
    );
    await expectError(
      await api.post("/images/generations", ""),
      400,
      "invalid_request",
      /JSON object/,
    );
  });

  it("charges nothing for a refused body", async () => {
    const key = uniqueKey();
    await client(sim, key).post("/images/generations", { model: "flux-2", prompt: "ab" });
    expect((await adminGet(sim, `/keys/${key}`)).balance).toBe(10_000);
  });
});

describe("401 authentication_error", () => {
  it("refuses a missing key, a non-aio key and a malformed header", async () => {
    const body = { model: "flux-2", prompt: "a cat" };
    await expectError(
      await client(sim, null).post("/images/generations", body),
      401,
      "authentication_error",
      /^Invalid API key$/,
    );
    await expectError(
      await client(sim, "sk-live-123").post("/images/generations", body),
      401,
      "authentication_error",
      /^Invalid API key$/,
    );
    const basic = await fetch(`${sim.baseUrl}/tasks/x`, {
      headers: { Authorization: "Basic aio_abc" },
    });
    await expectError(basic, 401, "authentication_error", /^Invalid API key$/);
  });

  it("refuses a revoked key with its own message", async () => {
    const api = client(sim, uniqueKey("aio_revoked"));
    await expectError(
      await api.get("/tasks/anything"),
      401,
      "authentication_error",
      /^API key has been revoked$/,
    );
  });
});

describe("402 insufficient_credits", () => {
  it("refuses every charged request from an aio_nocredits key", async () => {
    const api = client(sim, uniqueKey("aio_nocredits"));
    await expectError(
      await api.post("/images/generations", { model: "flux-2", prompt: "a cat" }),
      402,
      "insufficient_credits",
    );
    await expectError(
      await api.post("/chat/completions", {
        model: "gemini",
        stream: false,
        messages: [{ role: "user", content: "hi" }],
      }),
      402,
      "insufficient_credits",
    );
  });

  it("refuses once the balance is used up, and names the price", async () => {
    const key = uniqueKey();
    await adminPost(sim, `/keys/${key}`, { credits: 6 });
    const api = client(sim, key);
    await createTask(api, "/images/generations", { model: "flux-2", prompt: "first" }); // 5 credits
    await expectError(
      await api.post("/images/generations", { model: "flux-2", prompt: "second" }),
      402,
      "insufficient_credits",
      /costs 5 credits, the balance is 1/,
    );
    expect((await adminGet(sim, `/keys/${key}`)).balance).toBe(1);
  });
});

describe("404 not_found", () => {
  it("for an unknown task and for another key's task", async () => {
    const owner = client(sim, uniqueKey());
    const stranger = client(sim, uniqueKey());
    const id = await createTask(owner, "/images/generations", { model: "flux-2", prompt: "mine" });
    expect((await owner.get(`/tasks/${id}`)).status).toBe(200);
    await expectError(await stranger.get(`/tasks/${id}`), 404, "not_found", new RegExp(id));
    await expectError(await owner.get("/tasks/sim000_nope"), 404, "not_found");
  });

  it("for an unknown path, in the same shape", async () => {
    const api = client(sim, uniqueKey());
    await expectError(await api.post("/images/edits", {}), 404, "not_found", /Unknown endpoint/);
    await expectError(await fetch(`${sim.origin}/nope`), 404, "not_found");
  });

  it("405 in the same shape for a wrong method", async () => {
    const res = await client(sim, uniqueKey()).get("/images/generations");
    expect(res.headers.get("allow")).toBe("POST");
    await expectError(res, 405, "invalid_request", /Method GET not allowed/);
  });
});

describe("429 rate_limit", () => {
  it("refuses past the per-key limit with Retry-After, and other keys are unaffected", async () => {
    const key = uniqueKey();
    await adminPost(sim, `/keys/${key}`, { rateLimitPerMinute: 3 });
    const api = client(sim, key);
    for (let i = 0; i < 3; i++) expect((await api.get("/tasks/none")).status).toBe(404);
    const limited = await api.get("/tasks/none");
    const retryAfter = Number(limited.headers.get("retry-after"));
    await expectError(limited, 429, "rate_limit", /Rate limit exceeded/);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await client(sim, uniqueKey()).get("/tasks/none")).status).toBe(404);
  });

  it("applies the simulator-wide default limit (60 per minute unless configured)", async () => {
    const small = await startTestSimulator({ rateLimitPerMinute: 2 });
    try {
      const api = client(small, uniqueKey());
      expect((await api.get("/tasks/a")).status).toBe(404);
      expect((await api.get("/tasks/b")).status).toBe(404);
      expect((await api.get("/tasks/c")).status).toBe(429);
      // Admin endpoints and downloads are outside /api/v1 and never limited.
      for (let i = 0; i < 4; i++)
        expect((await fetch(`${small.origin}/__sim/stats`)).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe("500 server_error", () => {
  it("answers the [sim:500] marker at once and charges nothing", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    await expectError(
      await api.post("/images/generations", { model: "flux-2", prompt: "boom [sim:500]" }),
      500,
      "server_error",
    );
    await expectError(
      await api.post("/images/tools/remove-bg", { image: "https://x.test/a.png#[sim:500]" }),
      500,
      "server_error",
    );
    const account = await json(await fetch(`${sim.origin}/__sim/keys/${key}`));
    expect(account).toMatchObject({ balance: 10_000, taskCount: 0 });
  });
});
