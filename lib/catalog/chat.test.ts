import { describe, expect, it } from "vitest";
import { chatCaps, chatModel, chatRequestSchema, validateChatRequest } from "./index";

const user = { role: "user", content: "Hello" };

function refused(body: unknown) {
  const result = validateChatRequest(body);
  if (result.ok) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  return { field: result.field, message: result.message };
}

describe("chatModel", () => {
  it("describes gemini and its request options", () => {
    expect(chatModel.slug).toBe("gemini");
    expect(chatModel.path).toBe("/chat/completions");
    expect(chatModel.fields.map((f) => f.name)).toEqual([
      "stream",
      "include_thoughts",
      "reasoning_effort",
      "temperature",
      "max_tokens",
      "response_format",
      "tools",
    ]);
    const byName = Object.fromEntries(chatModel.fields.map((f) => [f.name, f]));
    expect(byName.stream?.default).toBe(true);
    expect(byName.reasoning_effort?.control).toEqual({ kind: "select", options: ["low", "high"] });
    expect(byName.temperature?.control).toEqual({ kind: "slider", min: 0, max: 2, step: 0.1 });
    expect(byName.temperature?.uncertain).toBe(true);
    expect(chatModel.estimatedCredits).toBe(5);
  });
});

describe("chatRequestSchema / validateChatRequest", () => {
  it("accepts a minimal and a full OpenAI-style body, returning it unchanged", () => {
    const minimal = { model: "gemini", messages: [user] };
    expect(validateChatRequest(minimal)).toEqual({ ok: true, body: minimal });

    const full = {
      model: "gemini-3-flash",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: "Answer in English." },
        user,
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "now", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "c1", content: "12:00" },
      ],
      stream: false,
      include_thoughts: false,
      reasoning_effort: "low",
      temperature: 2,
      max_tokens: 512,
      tools: [{ type: "function", function: { name: "now", parameters: { type: "object" } } }],
      response_format: { type: "json_object" },
      top_p: 0.9,
    };
    const result = validateChatRequest(full);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.body).toEqual(full);
    expect(chatRequestSchema.safeParse(full).success).toBe(true);
  });

  it("refuses unknown models and empty conversations", () => {
    expect(refused({ model: "gpt-4o", messages: [user] })).toEqual({
      field: "model",
      message: 'model: unknown model "gpt-4o" for /chat/completions',
    });
    expect(refused({ messages: [user] }).message).toBe("model: required");
    expect(refused({ model: "gemini", messages: [] })).toEqual({
      field: "messages",
      message: "messages: must not be empty",
    });
    expect(refused({ model: "gemini" }).message).toBe("messages: required");
    expect(refused("hi").message).toBe("body: expected a JSON object, got string");
  });

  it("checks each message", () => {
    expect(refused({ model: "gemini", messages: [{ role: "bot", content: "x" }] }).message).toBe(
      "messages[0].role: must be one of system, developer, user, assistant, tool",
    );
    expect(refused({ model: "gemini", messages: [user, { role: "user" }] })).toEqual({
      field: "messages[1].content",
      message: "messages[1].content: required",
    });
    expect(
      refused({ model: "gemini", messages: [{ role: "assistant", content: null }] }).message,
    ).toBe("messages[0].content: may be null only on an assistant message with tool_calls");
    expect(refused({ model: "gemini", messages: [{ role: "tool", content: "42" }] }).message).toBe(
      "messages[0].tool_call_id: required on a tool message",
    );
  });

  it("bounds the options", () => {
    const body = (extra: Record<string, unknown>) => ({
      model: "gemini",
      messages: [user],
      ...extra,
    });
    expect(refused(body({ temperature: 2.5 })).message).toBe("temperature: must be at most 2");
    expect(refused(body({ reasoning_effort: "medium" })).message).toBe(
      "reasoning_effort: must be one of low, high",
    );
    expect(refused(body({ stream: "yes" })).message).toBe("stream: expected a boolean, got string");
    expect(refused(body({ max_tokens: 0 })).message).toBe("max_tokens: must be at least 1");
    expect(refused(body({ response_format: { type: "yaml" } })).field).toBe("response_format.type");
    expect(refused(body({ tools: [{ type: "function", function: {} }] })).message).toBe(
      "tools[0].function.name: required",
    );
  });
});

describe("validateChatRequest: text rule and caps", () => {
  const body = (extra: Record<string, unknown>) => ({
    model: "gemini",
    messages: [user],
    ...extra,
  });
  const say = (content: unknown, extra: Record<string, unknown> = {}) => ({
    model: "gemini",
    messages: [user, { role: "user", content, ...extra }],
  });

  it("lets message text span lines, with emoji, tabs and CR LF", () => {
    expect(validateChatRequest(say("Line one\r\n\tLine two 👩‍👩‍👧 é")).ok).toBe(true);
  });

  it("refuses control characters and broken Unicode in message text, naming the message", () => {
    expect(refused(say("hi\u0000there"))).toEqual({
      field: "messages[1].content",
      message: "messages[1].content: contains a control character (U+0000)",
    });
    expect(refused(say("\u001b[31mred")).message).toBe(
      "messages[1].content: contains a control character (U+001B)",
    );
    expect(refused(say("\ud83d")).message).toBe(
      "messages[1].content: is not well-formed Unicode (lone surrogate U+D83D)",
    );
    expect(refused(say("hi", { name: "Ann\nBob" })).message).toBe(
      "messages[1].name: must be a single line (contains a line break, U+000A)",
    );
  });

  it("applies the rule to tool calls, tools and fields we do not list", () => {
    const call = (fn: Record<string, unknown>) => ({
      model: "gemini",
      messages: [
        user,
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "c1", type: "function", function: { name: "now", arguments: "{}", ...fn } },
          ],
        },
      ],
    });
    expect(refused(call({ arguments: '{"a":"\u0007"}' })).field).toBe(
      "messages[1].tool_calls[0].function.arguments",
    );
    expect(refused(call({ name: "now\u0000" })).field).toBe(
      "messages[1].tool_calls[0].function.name",
    );
    const tool = (fn: Record<string, unknown>) =>
      body({ tools: [{ type: "function", function: { name: "now", ...fn } }] });
    expect(refused(tool({ description: "time\u0085" })).field).toBe(
      "tools[0].function.description",
    );
    expect(refused(tool({ parameters: { type: "object", title: "\udc00" } })).field).toBe(
      "tools[0].function.parameters.title",
    );
    // OpenAI fields we do not list stay accepted, under the same rule.
    expect(validateChatRequest(body({ top_p: 0.5, stop: ["\n\n"], user: "u-1" })).ok).toBe(true);
    expect(validateChatRequest(body({ stream_options: { include_usage: true } })).ok).toBe(true);
    expect(refused(body({ user: "u\u0000" })).field).toBe("user");
    expect(refused(body({ metadata: { a: "\ud800" } })).field).toBe("metadata.a");
    expect(refused(body({ top_p: Infinity })).field).toBe("top_p");
    expect(refused(body({ messages: [{ ...user, extra: "\u0000" }] })).field).toBe(
      "messages[0].extra",
    );
  });

  it("caps every size", () => {
    expect(chatCaps).toMatchObject({ messages: 1000, content: 512_000, name: 64, tools: 128 });
    expect(validateChatRequest(say("x".repeat(chatCaps.content))).ok).toBe(true);
    expect(refused(say("😀".repeat(chatCaps.content / 2 + 1))).message).toBe(
      "messages[1].content: must be at most 512000 characters (got 512002)",
    );
    expect(refused(body({ messages: Array(1001).fill(user) })).message).toBe(
      "messages: must have at most 1000 items (got 1001)",
    );
    expect(refused(say("hi", { name: "n".repeat(65) })).field).toBe("messages[1].name");
    const tools = Array(129).fill({ type: "function", function: { name: "now" } });
    expect(refused(body({ tools })).field).toBe("tools");
    expect(refused(body({ logit_bias: { a: "x".repeat(100_001) } })).message).toMatch(
      /^logit_bias: must be at most 100000 characters as JSON/,
    );
    expect(
      refused(
        body({
          tools: [
            {
              type: "function",
              function: { name: "now", parameters: { description: "x".repeat(100_001) } },
            },
          ],
        }),
      ).field,
    ).toBe("tools[0].function.parameters");
  });
});
