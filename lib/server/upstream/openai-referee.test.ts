// The official `openai` client pointed at the simulator: an outside referee that the simulator
// (and so our client's expectations of it) speak the OpenAI chat wire format.
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/simulator";

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, speed: 200 });
});
afterAll(async () => {
  await sim.close();
});

const openaiFor = (key = `aio_test_${randomUUID()}`): OpenAI =>
  // No SDK retries: a retried POST would hide how the wire behaved.
  new OpenAI({ baseURL: sim.baseUrl, apiKey: key, maxRetries: 0, timeout: 10_000 });

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Get the current weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string", description: "City name" } },
      required: ["city"],
    },
  },
};

describe("openai SDK against the simulator", () => {
  it("chat.completions.create, non-streaming", async () => {
    const completion = await openaiFor().chat.completions.create({
      model: "gemini",
      messages: [{ role: "user", content: "What is a message queue?" }],
      stream: false,
    });
    expect(completion.id).toMatch(/\S/);
    expect(completion.choices[0]?.message.role).toBe("assistant");
    expect(completion.choices[0]?.message.content).toMatch(/\S/);
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
  });

  it("chat.completions.create, non-streaming tool call", async () => {
    const completion = await openaiFor().chat.completions.create({
      model: "gemini",
      messages: [{ role: "user", content: "What is the weather in Lisbon?" }],
      tools: [weatherTool],
      stream: false,
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type).toBe("function");
    if (call?.type !== "function") throw new Error("expected a function call");
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toHaveProperty("city");
  });

  it("stream: true — chunks assemble into content, with usage at the end", async () => {
    const stream = await openaiFor().chat.completions.create({
      model: "gemini",
      messages: [{ role: "user", content: "Explain eventual consistency" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = "";
    let chunks = 0;
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.object).toBe("chat.completion.chunk");
      content += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(content.trim().length).toBeGreaterThan(20);
    expect(finish).toBe("stop");
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it("stream: true — tool_call deltas assemble into one call with valid JSON arguments", async () => {
    const stream = await openaiFor().chat.completions.create({
      model: "gemini",
      messages: [{ role: "user", content: "What is the weather in Oslo?" }],
      tools: [weatherTool],
      stream: true,
    });
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        const call = calls.get(delta.index) ?? { id: "", name: "", arguments: "" };
        call.id ||= delta.id ?? "";
        call.name += delta.function?.name ?? "";
        call.arguments += delta.function?.arguments ?? "";
        calls.set(delta.index, call);
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(finish).toBe("tool_calls");
    expect(calls.size).toBe(1);
    const call = calls.get(0);
    expect(call?.id).toMatch(/\S/);
    expect(call?.name).toBe("get_weather");
    expect(JSON.parse(call?.arguments ?? "")).toHaveProperty("city");
  });

  it("the SDK's own stream helper reassembles the final message", async () => {
    const runner = openaiFor().chat.completions.stream({
      model: "gemini",
      messages: [{ role: "user", content: "Name three rivers" }],
    });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.content).toMatch(/\S/);
  });

  it("errors arrive as the SDK's typed errors", async () => {
    const revoked = openaiFor(`aio_revoked_${randomUUID()}`);
    await expect(
      revoked.chat.completions.create({
        model: "gemini",
        messages: [{ role: "user", content: "hi" }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const bad = openaiFor();
    await expect(
      bad.chat.completions.create({ model: "gemini", messages: [] }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
