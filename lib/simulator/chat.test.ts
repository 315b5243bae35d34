// POST /chat/completions: OpenAI-compatible JSON and SSE (SPEC §0, §7).
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatCompletionSchema, errorBodySchema } from "../schemas/api";
import { chatCredits, chatPreDeduct } from "./chat";
import type { RunningSimulator } from "./server";
import {
  adminGet,
  asRecord,
  client,
  json,
  readSse,
  startTestSimulator,
  uniqueKey,
  type SseResult,
} from "./test-support";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const ask = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: "gemini",
  messages: [
    { role: "system", content: "You are helpful." },
    { role: "user", content },
  ],
  ...extra,
});

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      },
      required: ["city", "unit"],
    },
  },
};
const searchTool = {
  type: "function",
  function: {
    name: "search_docs",
    description: "Search the documentation",
    parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
  },
};

function deltas(sse: SseResult): Record<string, unknown>[] {
  return sse.chunks.map((chunk) => {
    const choices = chunk.choices;
    return Array.isArray(choices) && choices[0] ? asRecord(asRecord(choices[0]).delta) : {};
  });
}

function joined(sse: SseResult, field: string): string {
  return deltas(sse)
    .map((d) => (typeof d[field] === "string" ? d[field] : ""))
    .join("");
}

describe("non-streaming", () => {
  it("returns the bare OpenAI object with usage and credits_consumed", async () => {
    const key = uniqueKey();
    const res = await client(sim, key).post(
      "/chat/completions",
      ask("What is a monad?", { stream: false }),
    );
    expect(res.status).toBe(200);
    const completion = chatCompletionSchema.parse(await res.json());
    expect(completion.id).toMatch(/^chatcmpl_/);
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe("gemini");
    const choice = completion.choices[0];
    expect(choice?.message.role).toBe("assistant");
    expect(choice?.message.content).toContain("What is a monad?");
    expect(choice?.message.reasoning_content).toMatch(/monad/);
    expect(choice?.finish_reason).toBe("stop");
    const usage = completion.usage;
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
    expect(completion.credits_consumed).toBe(chatCredits(usage?.total_tokens ?? 0));
    // The pre-deducted hold is settled to the real charge.
    expect((await adminGet(sim, `/keys/${key}`)).balance).toBe(
      10_000 - (completion.credits_consumed ?? NaN),
    );
  });

  it("is deterministic for the same messages", async () => {
    const api = client(sim, uniqueKey());
    const a = chatCompletionSchema.parse(
      await json(
        await api.post("/chat/completions", ask("Tell me about tides", { stream: false })),
      ),
    );
    const b = chatCompletionSchema.parse(
      await json(
        await api.post("/chat/completions", ask("Tell me about tides", { stream: false })),
      ),
    );
    expect(a.choices[0]?.message.content).toBe(b.choices[0]?.message.content);
    expect(a.id).not.toBe(b.id);
  });

  it("wraps the reply in {code,message,data} with model gemini-3-flash for [sim:shape=envelope]", async () => {
    const res = await client(sim, uniqueKey()).post(
      "/chat/completions",
      ask("hello [sim:shape=envelope]", { stream: false }),
    );
    const body = await json(res);
    expect(body).toMatchObject({ code: 200, message: "success" });
    expect(chatCompletionSchema.parse(body.data).model).toBe("gemini-3-flash");
  });

  it("answers JSON mode with content that parses", async () => {
    const res = await client(sim, uniqueKey()).post(
      "/chat/completions",
      ask("List facts about owls", { stream: false, response_format: { type: "json_object" } }),
    );
    const content = chatCompletionSchema.parse(await res.json()).choices[0]?.message.content ?? "";
    expect(asRecord(JSON.parse(content))).toMatchObject({ question: "List facts about owls" });
  });

  it("calls the tool that matches the question, with arguments from its schema", async () => {
    const res = await client(sim, uniqueKey()).post(
      "/chat/completions",
      ask("What's the weather in Paris today?", {
        stream: false,
        tools: [searchTool, weatherTool],
      }),
    );
    const choice = chatCompletionSchema.parse(await res.json()).choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call?.function.name).toBe("get_weather");
    expect(JSON.parse(call?.function.arguments ?? "")).toEqual({ city: "Paris", unit: "celsius" });
  });

  it("answers from a tool result instead of calling again", async () => {
    const messages = [
      { role: "user", content: "Weather in Oslo?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: "{}" } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"temp":4}' },
    ];
    const res = await client(sim, uniqueKey()).post("/chat/completions", {
      model: "gemini",
      stream: false,
      messages,
      tools: [weatherTool],
    });
    const choice = chatCompletionSchema.parse(await res.json()).choices[0];
    expect(choice?.finish_reason).toBe("stop");
    expect(choice?.message.content).toContain('{"temp":4}');
  });

  it("validates the body with the catalog's chat schema", async () => {
    const api = client(sim, uniqueKey());
    const noMessages = errorBodySchema.parse(
      await json(await api.post("/chat/completions", { model: "gemini" })),
    );
    expect(noMessages.error).toMatchObject({ code: 400, type: "invalid_request" });
    expect(noMessages.error.message).toMatch(/^messages: /);
    const badModel = errorBodySchema.parse(
      await json(await api.post("/chat/completions", ask("hi", { model: "gpt-4o" }))),
    );
    expect(badModel.error.message).toMatch(/^model: /);
    const badEffort = await api.post(
      "/chat/completions",
      ask("hi", { reasoning_effort: "medium" }),
    );
    expect(badEffort.status).toBe(400);
  });

  it("[sim:500] and [sim:malformed] apply to chat too", async () => {
    const api = client(sim, uniqueKey());
    expect(
      (await api.post("/chat/completions", ask("boom [sim:500]", { stream: false }))).status,
    ).toBe(500);
    const malformed = await api.post(
      "/chat/completions",
      ask("[sim:malformed]", { stream: false }),
    );
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
  });
});

describe("streaming (the default)", () => {
  it("streams reasoning, then content, then usage, then [DONE]", async () => {
    const key = uniqueKey();
    const res = await client(sim, key).post(
      "/chat/completions",
      ask("Explain recursion with an example"),
    );
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    const sse = await readSse(res);
    expect(sse.sawDone).toBe(true);
    expect(sse.events.at(-1)?.data).toBe("[DONE]");
    expect(
      sse.chunks.every((c) => c.object === "chat.completion.chunk" && c.model === "gemini"),
    ).toBe(true);

    const all = deltas(sse);
    const lastReasoning = all.findLastIndex(
      (d) => typeof d.reasoning_content === "string" && d.reasoning_content !== "",
    );
    const firstContent = all.findIndex((d) => typeof d.content === "string" && d.content !== "");
    expect(lastReasoning).toBeGreaterThan(0);
    expect(firstContent).toBeGreaterThan(lastReasoning);
    expect(joined(sse, "content")).toContain("Explain recursion with an example");
    expect(joined(sse, "content")).toContain("```ts");

    const final = sse.chunks.at(-1) ?? {};
    expect(
      asRecord(asRecord(final.choices && Array.isArray(final.choices) ? final.choices[0] : null))
        .finish_reason,
    ).toBe("stop");
    const usage = asRecord(final.usage);
    expect(usage.completion_tokens).toBeGreaterThan(10);
    expect(final.credits_consumed).toBe(chatCredits(Number(usage.total_tokens)));
    expect((await adminGet(sim, `/keys/${key}`)).balance).toBe(
      10_000 - Number(final.credits_consumed),
    );
  });

  it("streams the same text as the non-streaming reply", async () => {
    const api = client(sim, uniqueKey());
    const sse = await readSse(
      await api.post("/chat/completions", ask("Why is the sky blue?", { stream: true })),
    );
    const whole = chatCompletionSchema.parse(
      await json(
        await api.post("/chat/completions", ask("Why is the sky blue?", { stream: false })),
      ),
    );
    expect(joined(sse, "content")).toBe(whole.choices[0]?.message.content);
    expect(joined(sse, "reasoning_content")).toBe(whole.choices[0]?.message.reasoning_content);
  });

  it("leaves thoughts out when include_thoughts is false", async () => {
    const sse = await readSse(
      await client(sim, uniqueKey()).post(
        "/chat/completions",
        ask("hi", { include_thoughts: false }),
      ),
    );
    expect(joined(sse, "reasoning_content")).toBe("");
    expect(joined(sse, "content").length).toBeGreaterThan(20);
  });

  it("streams a tool call in pieces and finishes with tool_calls", async () => {
    const sse = await readSse(
      await client(sim, uniqueKey()).post(
        "/chat/completions",
        ask("Search the docs for rate limits", { tools: [weatherTool, searchTool] }),
      ),
    );
    const calls = deltas(sse).flatMap((d) =>
      Array.isArray(d.tool_calls) ? d.tool_calls.map(asRecord) : [],
    );
    expect(calls.length).toBeGreaterThan(2);
    expect(calls[0]).toMatchObject({
      index: 0,
      type: "function",
      function: { name: "search_docs", arguments: "" },
    });
    expect(String(calls[0]?.id)).toMatch(/^call_/);
    const args = calls.map((c) => String(asRecord(c.function).arguments)).join("");
    expect(JSON.parse(args)).toEqual({ query: "Search the docs for rate limits" });
    const final = asRecord(sse.chunks.at(-1));
    expect(asRecord((final.choices as unknown[])[0]).finish_reason).toBe("tool_calls");
    expect(sse.sawDone).toBe(true);
  });

  it("streams JSON-mode content that parses once joined", async () => {
    const sse = await readSse(
      await client(sim, uniqueKey()).post(
        "/chat/completions",
        ask("Give me JSON", { response_format: { type: "json_object" } }),
      ),
    );
    expect(asRecord(JSON.parse(joined(sse, "content"))).question).toBe("Give me JSON");
  });

  it("[sim:drop] cuts the stream mid-way without [DONE]", async () => {
    const sse = await readSse(
      await client(sim, uniqueKey()).post(
        "/chat/completions",
        ask("Tell me a long story [sim:drop]"),
      ),
    );
    expect(sse.sawDone).toBe(false);
    expect(sse.broken).toBe(true);
    expect(sse.chunks.length).toBeGreaterThan(1);
    expect(sse.chunks.some((c) => c.usage !== undefined)).toBe(false);
  });

  it("only the newest message's markers count", async () => {
    const messages = [
      { role: "user", content: "[sim:drop] earlier" },
      { role: "assistant", content: "ok" },
      { role: "user", content: "and now?" },
    ];
    const sse = await readSse(
      await client(sim, uniqueKey()).post("/chat/completions", { model: "gemini", messages }),
    );
    expect(sse.sawDone).toBe(true);
  });

  it("paces tokens like a model, and [sim:slow] streams ten times slower", async () => {
    const speed = 20;
    const own = await startTestSimulator({ speed });
    const timed = async (content: string): Promise<{ ms: number; minimumMs: number }> => {
      const started = Date.now();
      const sse = await readSse(
        await client(own, uniqueKey()).post(
          "/chat/completions",
          ask(content, { include_thoughts: false }),
        ),
      );
      expect(sse.sawDone).toBe(true);
      // The schedule's floor: a 150 ms first token, then at least 20 ms per further delta.
      const deltaCount = sse.chunks.length - 1;
      return { ms: Date.now() - started, minimumMs: (150 + (deltaCount - 1) * 20) / speed };
    };
    try {
      // Lower bounds only: a loaded machine can make a stream slower, never faster.
      const normal = await timed("pace me");
      expect(normal.minimumMs).toBeGreaterThan(50);
      expect(normal.ms).toBeGreaterThanOrEqual(normal.minimumMs - 2);
      const slow = await timed("pace me [sim:slow]");
      expect(slow.ms).toBeGreaterThanOrEqual(slow.minimumMs * 10 - 2);
    } finally {
      await own.close();
    }
  });

  it("works with the official OpenAI SDK", async () => {
    const openai = new OpenAI({ apiKey: uniqueKey(), baseURL: sim.baseUrl });
    const stream = await openai.chat.completions.create({
      model: "gemini",
      stream: true,
      messages: [{ role: "user", content: "Say hello" }],
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toContain("Say hello");
    const plain = await openai.chat.completions.create({
      model: "gemini",
      stream: false,
      messages: [{ role: "user", content: "Say hi" }],
    });
    expect(plain.choices[0]?.message.content).toContain("Say hi");
  });

  it("charges the hold up front: a balance under the hold is refused", async () => {
    const key = uniqueKey();
    await fetch(`${sim.origin}/__sim/keys/${key}`, {
      method: "POST",
      body: JSON.stringify({ credits: chatPreDeduct - 1 }),
    });
    const res = await client(sim, key).post("/chat/completions", ask("hi"));
    expect(res.status).toBe(402);
  });
});
