// Faults the simulator cannot produce on purpose (a 503 then success, a reset socket, a key echoed
// in an error, a redirect), served by a tiny node:http server scripted per test.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamClient, UpstreamError } from "./index";

type Step = (req: IncomingMessage, res: ServerResponse) => void;

const key = "aio_local_secret_9f8e7d";
let steps: Step[] = [];
let hits: { method: string; url: string; auth: string | undefined; body: string }[] = [];
let baseUrl = "";
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
  req.on("end", () => {
    hits.push({
      method: req.method ?? "",
      url: req.url ?? "",
      auth: req.headers.authorization,
      body,
    });
    const step =
      steps.shift() ??
      ok({
        code: 200,
        message: "success",
        data: { task_id: "t1", status: "SUCCESS", response: ["https://cdn.test/1.png"] },
      });
    step(req, res);
  });
});

function ok(json: unknown): Step {
  return (_req, res) => reply(res, 200, json);
}
function reply(
  res: ServerResponse,
  status: number,
  json: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(json));
}
function fail(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): Step {
  return (_req, res) => reply(res, status, { error: { code: status, type, message } }, headers);
}
const reset: Step = (req) => req.socket.destroy();

function client(overrides: Partial<Parameters<typeof createUpstreamClient>[0]> = {}) {
  return createUpstreamClient({
    baseUrl,
    apiKey: key,
    retryBaseDelayMs: 10,
    timeoutMs: 2_000,
    ...overrides,
  });
}

async function caught(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UpstreamError) return err;
    throw err;
  }
  throw new Error("expected an UpstreamError");
}

function expectNoKey(err: unknown): void {
  const views = [
    String(err),
    (err as Error).stack ?? "",
    JSON.stringify(err),
    inspect(err, { depth: 5 }),
  ];
  for (const view of views) expect(view).not.toContain(key);
}

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});
beforeEach(() => {
  steps = [];
  hits = [];
});

describe("GET retries (tasks.get)", () => {
  it("retries a 503 and succeeds", async () => {
    steps = [fail(503, "server_error", "busy"), fail(502, "server_error", "bad gateway")];
    const task = await client().tasks.get("t1");
    expect(task).toMatchObject({
      task_id: "t1",
      status: "SUCCESS",
      response: ["https://cdn.test/1.png"],
    });
    expect(hits.map((h) => h.url)).toEqual([
      "/api/v1/tasks/t1",
      "/api/v1/tasks/t1",
      "/api/v1/tasks/t1",
    ]);
  });

  it("retries a 429 after the Retry-After seconds", async () => {
    steps = [fail(429, "rate_limit", "slow down", { "Retry-After": "1" })];
    const started = Date.now();
    await client().tasks.get("t1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hits).toHaveLength(2);
  });

  it("honours an HTTP-date Retry-After", async () => {
    steps = [
      fail(429, "rate_limit", "slow down", {
        "Retry-After": new Date(Date.now() + 1_000).toUTCString(),
      }),
    ];
    await client().tasks.get("t1");
    expect(hits).toHaveLength(2);
  });

  it("fails at once with rate_limit when Retry-After is beyond the cap", async () => {
    steps = [fail(429, "rate_limit", "slow down", { "Retry-After": "120" })];
    const started = Date.now();
    const err = await caught(client().tasks.get("t1"));
    expect(err).toMatchObject({
      type: "rate_limit",
      status: 429,
      retryAfterSeconds: 120,
      mayHaveReachedUpstream: false,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(hits).toHaveLength(1);
  });

  it("retries a reset connection", async () => {
    steps = [reset];
    await expect(client().tasks.get("t1")).resolves.toMatchObject({ status: "SUCCESS" });
    expect(hits).toHaveLength(2);
  });

  it("retries an error inside an HTTP 200 with a 5xx code", async () => {
    steps = [ok({ code: 500, message: "internal" })];
    await expect(client().tasks.get("t1")).resolves.toMatchObject({ status: "SUCCESS" });
    expect(hits).toHaveLength(2);
  });

  it("gives up after `retries` extra attempts", async () => {
    steps = Array.from({ length: 5 }, () => fail(500, "server_error", "down"));
    const err = await caught(client({ retries: 2 }).tasks.get("t1"));
    expect(err).toMatchObject({ type: "server_error", status: 500 });
    expect(hits).toHaveLength(3);
  });

  it("does not retry a 4xx or a bad response", async () => {
    steps = [fail(404, "not_found", "Task not found")];
    expect(await caught(client().tasks.get("t1"))).toMatchObject({
      type: "not_found",
      status: 404,
    });
    expect(hits).toHaveLength(1);
    hits = [];
    steps = [(_req, res) => res.end("<html>oops</html>")];
    expect(await caught(client().tasks.get("t1"))).toMatchObject({ type: "bad_response" });
    expect(hits).toHaveLength(1);
  });

  it("stops waiting when the caller aborts", async () => {
    steps = [fail(503, "server_error", "busy", { "Retry-After": "20" })];
    const controller = new AbortController();
    const pending = client().tasks.get("t1", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("caller gave up")), 100);
    await expect(pending).rejects.toThrow("caller gave up");
    expect(hits).toHaveLength(1);
  });

  it("escapes the task id into one path segment", async () => {
    await client().tasks.get("../images/x?y");
    expect(hits[0]?.url).toBe("/api/v1/tasks/..%2Fimages%2Fx%3Fy");
  });
});

describe("POSTs are sent exactly once", () => {
  const body = { model: "flux-2", prompt: "a lighthouse at dusk" };

  it.each([
    ["500", fail(500, "server_error", "boom"), "server_error", true],
    ["503", fail(503, "server_error", "busy", { "Retry-After": "0" }), "server_error", true],
    ["429", fail(429, "rate_limit", "slow", { "Retry-After": "1" }), "rate_limit", false],
    ["reset", reset, "network", true],
  ] as const)("%s", async (_name, step, type, reached) => {
    steps = [step];
    const err = await caught(client().images.generate(body));
    expect(err).toMatchObject({ type, mayHaveReachedUpstream: reached });
    expect(hits).toHaveLength(1);
  });

  it("a refused connection did not reach the upstream", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");
    const err = await caught(
      createUpstreamClient({
        baseUrl: `http://127.0.0.1:${port}/api/v1`,
        apiKey: key,
      }).images.generate(body),
    );
    expect(err).toMatchObject({ type: "network", status: 0, mayHaveReachedUpstream: false });
    expect(err.message).toContain("ECONNREFUSED");
  });

  it("sends the documented headers and the body as JSON", async () => {
    await client({ userAgent: "studio-test/1" }).images.generate(body);
    const [hit] = hits;
    expect(hit?.auth).toBe(`Bearer ${key}`);
    expect(JSON.parse(hit?.body ?? "")).toEqual(body);
  });
});

describe("replies the simulator does not produce", () => {
  it("a tool that answers with the media directly is a finished task carrying it (SPEC §12 item 5)", async () => {
    steps = [
      ok({ code: 200, message: "success", data: { image_url: "https://cdn.test/cutout.png" } }),
    ];
    const created = await client().tools.removeBg({ image: "https://cdn.test/in.png" });
    expect(created).toEqual({
      task_id: expect.stringMatching(/^local_/),
      status: "SUCCESS",
      response: ["https://cdn.test/cutout.png"],
      synthetic_id: true,
    });
    expect(hits[0]?.url).toBe("/api/v1/images/tools/remove-bg");
  });

  it("a creation reply with a task id and outputs is SUCCESS with them", async () => {
    steps = [ok({ task_id: "n33_fs", output: [{ url: "https://cdn.test/swap.jpg" }] })];
    expect(
      await client().tools.faceSwap({ image: "https://a/1", face_image: "https://a/2" }),
    ).toEqual({
      task_id: "n33_fs",
      status: "SUCCESS",
      response: ["https://cdn.test/swap.jpg"],
    });
  });

  it("a creation reply without id or media is bad_response (and may have charged)", async () => {
    steps = [ok({ code: 200, message: "success", data: {} })];
    expect(await caught(client().images.generate({}))).toMatchObject({
      type: "bad_response",
      mayHaveReachedUpstream: true,
    });
  });

  it("chat.stream: a JSON completion instead of SSE is handed over as JSON", async () => {
    const completion = {
      id: "c1",
      model: "gemini",
      choices: [{ message: { role: "assistant", content: "hi" } }],
    };
    steps = [ok({ code: 200, message: "success", data: completion })];
    const result = await client().chat.stream({ model: "gemini", messages: [] });
    expect(result.contentType).toBe("application/json");
    expect(await new Response(result.body).json()).toEqual(completion);
    expect(JSON.parse(hits[0]?.body ?? "")).toMatchObject({ stream: true });
  });

  it("chat.stream: an error inside an HTTP 200 is typed before any stream is returned", async () => {
    steps = [ok({ code: 402, message: "Insufficient credits" })];
    expect(await caught(client().chat.stream({ model: "gemini", messages: [] }))).toMatchObject({
      type: "insufficient_credits",
      status: 402,
    });
  });

  it("chat.stream: the header timeout does not cut a long stream", async () => {
    steps = [
      (_req, res) => {
        res.writeHead(200, { "Content-Type": "text/event-stream" });
        res.write("data: {}\n\n");
        setTimeout(() => res.end("data: [DONE]\n\n"), 400);
      },
    ];
    const result = await client({ timeoutMs: 150 }).chat.stream({ model: "gemini", messages: [] });
    expect(await new Response(result.body).text()).toBe("data: {}\n\ndata: [DONE]\n\n");
  });
});

describe("error mapping and key safety", () => {
  it("redacts the key when the upstream echoes it", async () => {
    steps = [fail(401, "authentication_error", `Invalid API key ${key} (Bearer ${key})`)];
    const err = await caught(client().images.generate({ model: "flux-2", prompt: "abc" }));
    expect(err.type).toBe("authentication_error");
    expect(err.message).toContain("[redacted]");
    expectNoKey(err);
  });

  it("403 with credit wording is insufficient_credits; plain 403 is authentication", async () => {
    steps = [fail(403, "forbidden", "Not enough credits"), fail(403, "forbidden", "Key disabled")];
    expect(await caught(client().images.generate({}))).toMatchObject({
      type: "insufficient_credits",
      status: 403,
    });
    expect(await caught(client().images.generate({}))).toMatchObject({
      type: "authentication_error",
      status: 403,
    });
  });

  it("422 is invalid_request with the field it names", async () => {
    steps = [fail(422, "validation_error", "prompt: at least 3 characters")];
    expect(await caught(client().images.generate({}))).toMatchObject({
      type: "invalid_request",
      status: 422,
      field: "prompt",
      message: "prompt: at least 3 characters",
      mayHaveReachedUpstream: false,
    });
  });

  it("a non-JSON error page maps by status and is never echoed", async () => {
    steps = [
      (_req, res) => {
        res.writeHead(502, { "Content-Type": "text/html" });
        res.end("<h1>nginx secret-internal-host</h1>");
      },
    ];
    const err = await caught(client().images.generate({}));
    expect(err).toMatchObject({ type: "server_error", status: 502 });
    expect(err.message).not.toContain("nginx");
  });

  it("does not follow redirects (the key would travel with them)", async () => {
    steps = [
      (_req, res) => {
        res.writeHead(307, { Location: "http://127.0.0.1:1/elsewhere" });
        res.end();
      },
    ];
    expect(await caught(client().images.generate({}))).toMatchObject({
      type: "bad_response",
      status: 307,
    });
    expect(hits).toHaveLength(1);
  });

  it("an oversized reply is refused without reading it into memory", async () => {
    steps = [
      (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(`{"pad":"${"x".repeat(6 * 1024 * 1024)}"}`);
      },
    ];
    expect(await caught(client().images.generate({}))).toMatchObject({
      type: "bad_response",
      message: expect.stringContaining("too large"),
    });
  });

  it("refuses a key that cannot travel in a header, without quoting it", () => {
    const badKey = "aio_line\nbreak";
    expect(() => createUpstreamClient({ baseUrl, apiKey: badKey })).toThrow(
      /not allowed in a header/,
    );
    try {
      createUpstreamClient({ baseUrl, apiKey: badKey });
    } catch (err) {
      expect(String(err)).not.toContain("aio_line");
    }
    expect(() => createUpstreamClient({ baseUrl: "ftp://x", apiKey: key })).toThrow(/http/);
  });

  it("refuses paths that could leave the base URL, before sending anything", async () => {
    for (const path of ["https://evil.test/x", "//evil.test/x", "/a/../b", "/a?x=1", "images"]) {
      expect(await caught(client().createTask(path, {}))).toMatchObject({
        type: "invalid_request",
        status: 0,
      });
    }
    expect(hits).toHaveLength(0);
  });
});
