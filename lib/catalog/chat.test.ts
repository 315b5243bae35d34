import { describe, expect, it } from "vitest";
import { chatModel, chatRequestSchema, validateChatRequest } from "./index";

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
