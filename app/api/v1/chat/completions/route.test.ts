// POST /api/v1/chat/completions, the mirrored chat: the simulator's SSE events arrive through us
// unchanged, `stream: false` answers the bare OpenAI object whichever envelope the upstream used,
// refusals keep their status and error body, invalid bodies never reach the upstream, and every
// call's credits land on /usage.
import { describe, expect, it, vi } from "vitest";
import { ChatStreamAccumulator, createChatSseReader } from "@/lib/chat/stream-accumulator";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { adminGet, readSse, uniqueKey } from "@/lib/simulator/test-support";
import { setupTaskHarness, withEnv } from "@/lib/testing/server-harness";
import { GET as usage } from "../../usage/route";
import { POST } from "./route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

function post(u: TestUser | null, body: unknown, raw = false) {
  const req = new Request("http://localhost:3000/api/v1/chat/completions", {
    method: "POST",
    headers: {
      ...(u && { authorization: `Bearer ${u.token}` }),
      "content-type": "application/json",
    },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  return POST(req, { params: Promise.resolve({}) });
}

function direct(key: string, body: unknown) {
  return fetch(`${h().sim.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function readAnswer(res: Response) {
  const acc = new ChatStreamAccumulator();
  const sse = createChatSseReader((data) => acc.push(data));
  for await (const part of res.body!) sse.feed(part);
  sse.end();
  return acc.state;
}

const body = (content: string, extra: Record<string, unknown> = {}) => ({
  model: "gemini",
  messages: [{ role: "user", content }],
  ...extra,
});

/** An event's JSON without what differs between two calls (the completion id, its time). */
function comparable(data: string): unknown {
  if (data === "[DONE]") return data;
  const json = JSON.parse(data) as Record<string, unknown>;
  const inner = (json.data ?? json) as Record<string, unknown>;
  delete inner.id;
  delete inner.created;
  return json;
}

describe("POST /api/v1/chat/completions", () => {
  it("streams the upstream's events unchanged, in order, ending with [DONE]", async () => {
    const u = await h().makeUser();
    const question = body("Explain SSE with a code example");
    const ours = await readSse(await post(u, question));
    const theirs = await readSse(await direct(u.upstreamKey, question));
    expect(ours.events.length).toBeGreaterThan(10);
    expect(ours.events.map((e) => comparable(e.data))).toEqual(
      theirs.events.map((e) => comparable(e.data)),
    );
    expect(ours.events.at(-1)?.data).toBe("[DONE]");
  });

  it("passes every framing through so a reader gets the answer it gets directly", async () => {
    const u = await h().makeUser();
    const plain = await readAnswer(await direct(u.upstreamKey, body("Name three rivers")));
    expect(plain.content).toContain("rivers");
    for (const framing of ["crlf", "comments", "multiline", "split", "no-done", "all"]) {
      const question = body(`Name three rivers [sim:framing=${framing}]`);
      const ours = await readAnswer(await post(u, question));
      const theirs = await readAnswer(await direct(u.upstreamKey, question));
      expect(ours.content, framing).toBe(theirs.content);
      expect(ours.reasoning, framing).toBe(theirs.reasoning);
      expect(ours.usage, framing).toEqual(theirs.usage);
      expect(ours.error, framing).toBeNull();
    }
  });

  it("passes the upstream's own in-band error through", async () => {
    const u = await h().makeUser();
    const state = await readAnswer(await post(u, body("Tell me more [sim:stream-error]")));
    expect(state.error).toMatchObject({ type: "server_error", source: "upstream" });
    expect(state.content.length).toBeGreaterThan(0);
  });

  it("passes enveloped chunks through as they are", async () => {
    const u = await h().makeUser();
    const question = body("Hello [sim:shape=envelope]");
    const ours = await readSse(await post(u, question));
    const first = JSON.parse(ours.events[0]!.data) as { code: number; data: { model: string } };
    expect(first.code).toBe(200);
    expect(first.data.model).toBe("gemini-3-flash");
  });

  it("answers stream:false with the bare completion, also when the upstream wraps it", async () => {
    const u = await h().makeUser();
    for (const marker of ["", " [sim:shape=envelope]"]) {
      const res = await post(u, body(`Say hi${marker}`, { stream: false }));
      expect(res.status).toBe(200);
      const json = (await res.json()) as {
        choices: { message: { content: string } }[];
        usage: { total_tokens: number };
        credits_consumed: number;
      };
      expect(json.choices[0]?.message.content).toContain("hi");
      expect(json.usage.total_tokens).toBeGreaterThan(0);
      expect(json.credits_consumed).toBeGreaterThan(0);
    }
  });

  it("a client that leaves before a stream:false answer is not logged as a fault", async () => {
    const u = await h().makeUser();
    vi.stubEnv("LOG_LEVEL", "info");
    const logged = vi.spyOn(console, "error");
    let lines = "";
    try {
      const controller = new AbortController();
      const req = new Request("http://localhost:3000/api/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
        // Two seconds before the upstream answers: the client is sure to leave first.
        body: JSON.stringify(body("Explain back-pressure [sim:chunks=20x100]", { stream: false })),
        signal: controller.signal,
      });
      const answer = POST(req, { params: Promise.resolve({}) });
      setTimeout(() => controller.abort(), 300);
      const res = await answer;
      expect(res.ok).toBe(false);
    } finally {
      lines = logged.mock.calls.flat().join("\n");
      logged.mockRestore();
      vi.stubEnv("LOG_LEVEL", "silent");
    }
    expect(lines).toBe("");
  });

  it("keeps the upstream's refusal status and JSON error before the stream", async () => {
    const poor = await h().makeUser({ key: uniqueKey("aio_nocredits") });
    const refused = await post(poor, body("Hi"));
    expect(refused.status).toBe(402);
    expect(((await refused.json()) as { error: { type: string } }).error.type).toBe(
      "insufficient_credits",
    );
    const revoked = await h().makeUser({ key: uniqueKey("aio_revoked") });
    expect((await post(revoked, body("Hi"))).status).toBe(401);
    const failing = await h().makeUser();
    const failed = await post(failing, body("Hi [sim:500]"));
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: { source: string } }).error.source).toBe("upstream");
  });

  it("refuses invalid bodies with 400 naming the field, sending nothing upstream", async () => {
    const u = await h().makeUser();
    const cases: [unknown, string][] = [
      [{ messages: [{ role: "user", content: "hi" }] }, "model"],
      [body("hi", { model: "gpt-4" }), "model"],
      [{ model: "gemini", messages: [] }, "messages"],
      [
        { model: "gemini", messages: [{ role: "user", content: "a\u0000b" }] },
        "messages[0].content",
      ],
      [body("hi", { reasoning_effort: "max" }), "reasoning_effort"],
      [body("hi", { stream: "yes" }), "stream"],
      ["[1,2", "body"],
    ];
    for (const [bad, param] of cases) {
      const res = await post(u, bad, typeof bad === "string");
      expect(res.status, JSON.stringify(bad)).toBe(400);
      const error = ((await res.json()) as { error: { param: string } }).error;
      expect(error.param, JSON.stringify(bad)).toBe(param);
    }
    const deep = `{"model":"gemini","messages":[{"role":"user","content":"hi"}],"extra":${"[".repeat(5000)}1${"]".repeat(5000)}}`;
    expect((await post(u, deep, true)).status).toBe(400);
    expect((await post(null, body("hi"))).status).toBe(401);
    expect(await h().count(u.upstreamKey, "POST /chat/completions")).toBe(0);
  });

  it("counts against the key's shared budget: over it, our own 429 and nothing sent", async () => {
    const u = await h().makeUser();
    await withEnv({ UPSTREAM_RATE_LIMIT: 2 }, async () => {
      expect((await post(u, body("one", { stream: false }))).status).toBe(200);
      await readSse(await post(u, body("two")));
      const third = await post(u, body("three"));
      expect(third.status).toBe(429);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
      const error = ((await third.json()) as { error: { source: string; type: string } }).error;
      expect(error).toMatchObject({ type: "rate_limit", source: "studio" });
    });
    expect(await h().count(u.upstreamKey, "POST /chat/completions")).toBe(2);
  });

  it("turns a stream the upstream drops into an in-band error event", async () => {
    const u = await h().makeUser();
    const res = await post(u, body("Tell me a story [sim:drop]"));
    expect(res.status).toBe(200);
    const { events } = await readSse(res);
    const last = JSON.parse(events.at(-1)!.data) as { error: { type: string; source: string } };
    expect(last.error).toMatchObject({ type: "server_error", source: "upstream" });
    expect(events.some((e) => e.data === "[DONE]")).toBe(false);
    // The upstream kept the hold it took at the start; /usage counts it too.
    const account = await adminGet(h().sim, `/keys/${u.upstreamKey}`);
    const reply = await usage(
      new Request("http://localhost:3000/api/v1/usage?days=1&tz=UTC", {
        headers: { authorization: `Bearer ${u.token}` },
      }),
      { params: Promise.resolve({}) },
    );
    const spent = ((await reply.json()) as { totals: { today: number } }).totals.today;
    expect(spent).toBe(10_000 - Number(account.balance));
    expect(spent).toBe(5);
  });

  it("puts every call's credits on /usage", async () => {
    const u = await h().makeUser();
    const res = await post(u, body("Count to three", { stream: false }));
    const { credits_consumed: credits } = (await res.json()) as { credits_consumed: number };
    await readSse(await post(u, body("Count to four")));
    const reply = await usage(
      new Request("http://localhost:3000/api/v1/usage?days=7&tz=UTC", {
        headers: { authorization: `Bearer ${u.token}` },
      }),
      { params: Promise.resolve({}) },
    );
    const json = (await reply.json()) as {
      totals: { today: number };
      models: { model: string; tasks: number }[];
    };
    expect(json.models).toEqual([expect.objectContaining({ model: "gemini", tasks: 2 })]);
    expect(json.totals.today).toBeGreaterThanOrEqual(credits + 1);
  });
});
