// The client against the real simulator over HTTP: every route, shape, fault and error status.
// Each test uses its own key, so balances, rate limits and request counters never collide.
import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { createParser } from "eventsource-parser";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { isFinalStatus, type TaskInfo } from "@/lib/schemas/api";
import { startSimulator } from "@/lib/simulator";
import {
  createUpstreamClient,
  UpstreamError,
  type UpstreamClient,
  type UpstreamClientOptions,
} from "./index";

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, speed: 200 });
});
afterAll(async () => {
  await sim.close();
});

const newKey = (prefix = "aio_test"): string => `${prefix}_${randomUUID().replaceAll("-", "")}`;

function clientFor(key: string, options: Partial<UpstreamClientOptions> = {}): UpstreamClient {
  return createUpstreamClient({ baseUrl: sim.baseUrl, apiKey: key, timeoutMs: 5_000, ...options });
}

interface SimStats {
  requests: Record<string, Record<string, number>>;
  total: number;
}

async function requestCount(route: string, key: string): Promise<number> {
  const res = await fetch(`${sim.origin}/__sim/stats`);
  const stats = (await res.json()) as SimStats;
  const perKey = stats.requests[route] ?? {};
  // The simulator may label keys in full or masked ("aio_…wxyz"); our keys are unique either way.
  return Object.entries(perKey)
    .filter(
      ([label]) => label === key || (label.startsWith("aio_…") && key.endsWith(label.slice(5))),
    )
    .reduce((sum, [, n]) => sum + n, 0);
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

async function waitForTask(
  client: UpstreamClient,
  taskId: string,
  timeoutMs = 15_000,
): Promise<TaskInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await client.tasks.get(taskId);
    if (isFinalStatus(info.status)) return info;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still ${info.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pic = "https://example.com/photos/portrait.png";
const routes: [
  string,
  (c: UpstreamClient) => (body: Record<string, unknown>) => Promise<unknown>,
  string,
  Record<string, unknown>,
][] = [
  [
    "images.generate",
    (c) => c.images.generate,
    "POST /images/generations",
    { model: "flux-2", prompt: "A serene Japanese garden at dawn" },
  ],
  [
    "videos.generate",
    (c) => c.videos.generate,
    "POST /videos/generations",
    { model: "kling-3", prompt: "A drone shot over a quiet fjord", duration: 5 },
  ],
  [
    "music.generate",
    (c) => c.music.generate,
    "POST /audio/music",
    { model: "suno", gpt_description_prompt: "an upbeat song about summer" },
  ],
  [
    "speech.generate",
    (c) => c.speech.generate,
    "POST /audio/speech",
    { model: "elevenlabs-v3", dialogue: [{ text: "Hello from the studio", voice: "narrator" }] },
  ],
  ["tools.removeBg", (c) => c.tools.removeBg, "POST /images/tools/remove-bg", { image: pic }],
  [
    "tools.faceSwap",
    (c) => c.tools.faceSwap,
    "POST /images/tools/face-swap",
    { model: "face-swap", image: pic, face_image: "https://example.com/photos/face.png" },
  ],
  [
    "tools.upscale",
    (c) => c.tools.upscale,
    "POST /images/tools/upscale",
    { model: "image-upscale", image: pic },
  ],
  [
    "tools.videoBgRemover",
    (c) => c.tools.videoBgRemover,
    "POST /videos/tools/bg-remover",
    { model: "video-bg-remover", video: "https://example.com/clips/walk.mp4" },
  ],
];

describe("every route creates a task that completes with outputs", () => {
  it.each(routes)("%s", async (_name, pickRoute, route, body) => {
    const key = newKey();
    const client = clientFor(key);
    const created = (await pickRoute(client)(body)) as { task_id: string; status: string };
    expect(created.task_id).toMatch(/\S/);
    expect(["IN_PROGRESS", "SUCCESS"]).toContain(created.status);
    const info = await waitForTask(client, created.task_id);
    expect(info).toMatchObject({
      task_id: created.task_id,
      status: "SUCCESS",
      error_message: null,
    });
    expect(info.response.length).toBeGreaterThan(0);
    for (const url of info.response) expect(url).toMatch(new RegExp(`^${sim.origin}/`));
    expect(info.request).toMatchObject(body);
    expect(await requestCount(route, key)).toBe(1);
    // The output really is there (served without auth).
    const file = await fetch(info.response[0] ?? "", { signal: AbortSignal.timeout(5_000) });
    expect(file.ok).toBe(true);
    expect(file.headers.get("content-type")).toMatch(/^(image|audio|video)\//);
    await file.body?.cancel();
  });

  it("createTask reaches any path below the base URL", async () => {
    const client = clientFor(newKey());
    const created = await client.createTask("/images/generations", {
      model: "flux-2",
      prompt: "a paper boat on a pond",
    });
    expect(created.status).toBe("IN_PROGRESS");
  });
});

describe("alternative reply shapes are unwrapped", () => {
  it.each(["bare", "bare-task-id", "task-id-camel", "no-status", "lowercase", "envelope"])(
    "%s",
    async (shape) => {
      const client = clientFor(newKey());
      const created = await client.images.generate({
        model: "flux-2",
        prompt: `A red fox in fresh snow [sim:shape=${shape}]`,
      });
      expect(created).toEqual({ task_id: expect.stringMatching(/\S/), status: "IN_PROGRESS" });
      const info = await waitForTask(client, created.task_id);
      expect(info).toMatchObject({ task_id: created.task_id, status: "SUCCESS" });
      expect(info.response.length).toBeGreaterThan(0);
    },
  );

  it("error-in-200: an HTTP 200 whose body code is an error becomes an UpstreamError", async () => {
    const key = newKey();
    const err = await caught(
      clientFor(key).images.generate({
        model: "flux-2",
        prompt: "A lighthouse [sim:shape=error-in-200]",
      }),
    );
    expect(err.status).toBeGreaterThanOrEqual(400);
    expect(err.type).not.toBe("bad_response");
    expect(await requestCount("POST /images/generations", key)).toBe(1);
  });
});

describe("faults", () => {
  it("[sim:fail] ends FAILED with a reason and no outputs", async () => {
    const client = clientFor(newKey());
    const created = await client.images.generate({
      model: "flux-2",
      prompt: "A castle [sim:fail]",
    });
    const info = await waitForTask(client, created.task_id);
    expect(info.status).toBe("FAILED");
    expect(info.error_message).toMatch(/\S/);
    expect(info.response).toEqual([]);
  });

  it("[sim:500] is server_error; the POST is sent exactly once", async () => {
    const key = newKey();
    const err = await caught(
      clientFor(key).images.generate({ model: "flux-2", prompt: "A castle [sim:500]" }),
    );
    expect(err).toMatchObject({ type: "server_error", status: 500, mayHaveReachedUpstream: true });
    expect(await requestCount("POST /images/generations", key)).toBe(1);
  });

  it("[sim:slow] is still running when a normal task would be done", async () => {
    const client = clientFor(newKey());
    const created = await client.videos.generate({
      model: "kling-3",
      prompt: "A slow sunrise [sim:slow]",
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await client.tasks.get(created.task_id)).status).toBe("IN_PROGRESS");
  });

  it("[sim:hang] times out as `timeout`, may have reached upstream, sent once", async () => {
    const key = newKey();
    const started = Date.now();
    const err = await caught(
      clientFor(key, { timeoutMs: 300 }).images.generate({
        model: "flux-2",
        prompt: "A castle [sim:hang]",
      }),
    );
    expect(err).toMatchObject({ type: "timeout", status: 0, mayHaveReachedUpstream: true });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await requestCount("POST /images/generations", key)).toBe(1);
  });

  it("a caller's abort is rethrown as is, not as an upstream error", async () => {
    const controller = new AbortController();
    const pending = clientFor(newKey()).images.generate(
      { model: "flux-2", prompt: "A castle [sim:hang]" },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error("user left")), 100);
    await expect(pending).rejects.toThrow("user left");
  });

  it("[sim:malformed] is bad_response without the raw body in the message", async () => {
    const err = await caught(
      clientFor(newKey()).images.generate({ model: "flux-2", prompt: "A castle [sim:malformed]" }),
    );
    expect(err).toMatchObject({ type: "bad_response", status: 200, mayHaveReachedUpstream: true });
    expect(err.message).toBe(
      "The upstream sent a reply that could not be understood: reply is not JSON",
    );
  });
});

describe("error statuses", () => {
  it("revoked key → authentication_error 401", async () => {
    const err = await caught(
      clientFor(newKey("aio_revoked")).images.generate({
        model: "flux-2",
        prompt: "A castle at night",
      }),
    );
    expect(err).toMatchObject({
      type: "authentication_error",
      status: 401,
      mayHaveReachedUpstream: false,
    });
  });

  it("a key that is not aio_… → authentication_error 401", async () => {
    const err = await caught(clientFor("sk-not-ours").tasks.get("whatever"));
    expect(err).toMatchObject({ type: "authentication_error", status: 401 });
  });

  it("no credits → insufficient_credits 402", async () => {
    const err = await caught(
      clientFor(newKey("aio_nocredits")).images.generate({
        model: "flux-2",
        prompt: "A castle at night",
      }),
    );
    expect(err).toMatchObject({ type: "insufficient_credits", status: 402 });
  });

  it("bad parameters → invalid_request naming the field", async () => {
    const err = await caught(clientFor(newKey()).images.generate({ model: "flux-2", prompt: "x" }));
    expect(err.type).toBe("invalid_request");
    expect([400, 422]).toContain(err.status);
    expect(err.field).toBe("prompt");
  });

  it("unknown task → not_found 404 (no retry)", async () => {
    const key = newKey();
    const err = await caught(clientFor(key).tasks.get("sim_does_not_exist"));
    expect(err).toMatchObject({ type: "not_found", status: 404 });
    expect(await requestCount("GET /tasks/{task_id}", key)).toBeLessThanOrEqual(1);
  });
});

describe("rate limits", () => {
  let limited: Sim;
  beforeAll(async () => {
    limited = await startSimulator({ port: 0, speed: 200, rateLimitPerMinute: 2 });
  });
  afterAll(async () => {
    await limited.close();
  });

  it("a 429 POST is rate_limit with retryAfterSeconds and is not re-sent", async () => {
    const key = newKey();
    const client = createUpstreamClient({ baseUrl: limited.baseUrl, apiKey: key });
    const body = { model: "flux-2", prompt: "A windmill in a field" };
    await client.images.generate(body);
    await client.images.generate(body);
    const err = await caught(client.images.generate(body));
    expect(err).toMatchObject({ type: "rate_limit", status: 429, mayHaveReachedUpstream: false });
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    const stats = (await (await fetch(`${limited.origin}/__sim/stats`)).json()) as SimStats;
    const counts = Object.values(stats.requests["POST /images/generations"] ?? {});
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("a 429 GET whose Retry-After exceeds the cap fails at once with retryAfterSeconds", async () => {
    const key = newKey();
    const client = createUpstreamClient({
      baseUrl: limited.baseUrl,
      apiKey: key,
      maxRetryDelayMs: 500,
    });
    const created = await client.images.generate({ model: "flux-2", prompt: "A windmill at dusk" });
    await client.tasks.get(created.task_id);
    const started = Date.now();
    const err = await caught(client.tasks.get(created.task_id));
    expect(err).toMatchObject({ type: "rate_limit", status: 429 });
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("chat", () => {
  const messages = [{ role: "user", content: "Explain what an API gateway does" }];

  it("complete: bare reply", async () => {
    const completion = await clientFor(newKey()).chat.complete({
      model: "gemini",
      messages,
      stream: true,
    });
    expect(completion.choices[0]?.message.content).toMatch(/\S/);
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("complete: enveloped reply", async () => {
    const completion = await clientFor(newKey()).chat.complete({
      model: "gemini",
      messages: [{ role: "user", content: "Explain caching [sim:shape=envelope]" }],
    });
    expect(completion.choices[0]?.message.role).toBe("assistant");
    expect(completion.choices[0]?.message.content).toMatch(/\S/);
  });

  it("complete: errors map like everywhere else", async () => {
    expect(
      await caught(clientFor(newKey("aio_revoked")).chat.complete({ model: "gemini", messages })),
    ).toMatchObject({
      type: "authentication_error",
    });
  });

  it("stream: the upstream body is passed through as it arrives, not buffered", async () => {
    // A slower simulator spreads the tokens over ~1 s, so "first bytes before the end" is unmistakable.
    const slowSim = await startSimulator({ port: 0, speed: 5 });
    onTestFinished(() => slowSim.close());
    let upstreamBody: ReadableStream<Uint8Array> | null = null;
    const spyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      upstreamBody = response.body;
      return response;
    };
    const client = createUpstreamClient({
      baseUrl: slowSim.baseUrl,
      apiKey: newKey(),
      fetch: spyFetch,
    });
    const result = await client.chat.stream({
      model: "gemini",
      messages: [{ role: "user", content: "Tell me about rivers" }],
      // Deliberately wrong: the client must force streaming on.
      stream: false,
    });
    expect(result.contentType).toMatch(/text\/event-stream/);
    // The very stream object fetch produced: no wrapper, no re-encoding.
    expect(result.body).toBe(upstreamBody);

    const reader = result.body.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    const firstAt = Date.now();
    expect(first.done).toBe(false);
    let text = decoder.decode(first.value, { stream: true });
    expect(text).not.toContain("[DONE]");
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(Date.now() - firstAt).toBeGreaterThan(250);
    expect(text).toContain("[DONE]");

    let content = "";
    const parser = createParser({
      onEvent: (event) => {
        if (event.data === "[DONE]") return;
        const chunk = JSON.parse(event.data) as { choices?: { delta?: { content?: string } }[] };
        content += chunk.choices?.[0]?.delta?.content ?? "";
      },
    });
    parser.feed(text);
    expect(content).toMatch(/\S/);
  });

  it("stream: [sim:drop] ends without [DONE] (the caller sees the cut)", async () => {
    const result = await clientFor(newKey()).chat.stream({
      model: "gemini",
      messages: [{ role: "user", content: "Tell me about mountains [sim:drop]" }],
    });
    let text = "";
    // Depending on timing the cut surfaces as an error or as an early end; either way no [DONE].
    try {
      for await (const chunk of result.body) text += new TextDecoder().decode(chunk);
    } catch {
      // expected for a destroyed socket
    }
    expect(text).toContain("data: ");
    expect(text).not.toContain("[DONE]");
  });

  it.each([
    ["aio_revoked", "Hello", "authentication_error", 401],
    ["aio_test", "Hello [sim:500]", "server_error", 500],
  ] as const)(
    "stream: errors before the stream starts are typed (%s, %s)",
    async (prefix, content, type, status) => {
      const err = await caught(
        clientFor(newKey(prefix)).chat.stream({
          model: "gemini",
          messages: [{ role: "user", content }],
        }),
      );
      expect(err).toMatchObject({ type, status });
    },
  );

  it("stream: a hang before headers is a timeout", async () => {
    const err = await caught(
      clientFor(newKey(), { timeoutMs: 300 }).chat.stream({
        model: "gemini",
        messages: [{ role: "user", content: "Hi [sim:hang]" }],
      }),
    );
    expect(err).toMatchObject({ type: "timeout", mayHaveReachedUpstream: true });
  });
});

describe("the API key never leaks", () => {
  it("appears in no error message, stack, JSON or inspection, nor in the client object", async () => {
    const revokedKey = newKey("aio_revoked");
    const validKey = newKey();
    const revoked = clientFor(revokedKey, { timeoutMs: 300 });
    const valid = clientFor(validKey, { timeoutMs: 300 });
    const errors: unknown[] = [];
    const collect = async (promise: Promise<unknown>): Promise<void> => {
      await promise.then(
        () => errors.push(new Error("unexpected success")),
        (err: unknown) => errors.push(err),
      );
    };
    await collect(revoked.images.generate({ model: "flux-2", prompt: "A castle at night" }));
    await collect(revoked.tasks.get("any"));
    await collect(
      revoked.chat.complete({ model: "gemini", messages: [{ role: "user", content: "hi" }] }),
    );
    await collect(
      revoked.chat.stream({ model: "gemini", messages: [{ role: "user", content: "hi" }] }),
    );
    for (const marker of [
      "[sim:500]",
      "[sim:hang]",
      "[sim:malformed]",
      "[sim:shape=error-in-200]",
    ]) {
      await collect(valid.images.generate({ model: "flux-2", prompt: `A castle ${marker}` }));
      await collect(
        valid.chat.complete({
          model: "gemini",
          messages: [{ role: "user", content: `hi ${marker}` }],
        }),
      );
    }
    await collect(valid.images.generate({ model: "flux-2", prompt: "x" }));
    await collect(valid.tasks.get("nope"));
    await collect(valid.createTask("https://evil.test/x", {}));
    expect(errors).toHaveLength(15);
    for (const err of errors) {
      expect(err).toBeInstanceOf(UpstreamError);
      const views = [
        String(err),
        (err as Error).stack ?? "",
        JSON.stringify(err),
        inspect(err, { depth: 5 }),
      ];
      for (const view of views) {
        expect(view).not.toContain(revokedKey);
        expect(view).not.toContain(validKey);
      }
    }
    for (const [client, key] of [
      [revoked, revokedKey],
      [valid, validKey],
    ] as const) {
      expect(JSON.stringify(client)).not.toContain(key);
      expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(key);
    }
  });
});
