import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { validateChatRequest } from "@/lib/catalog";
import {
  chatMessageOf,
  defaultChatSettings,
  type ChatMessage,
  type ChatSettings,
} from "@/lib/schemas/chat";
import { chatRequestBody, replayPath } from "./chat-request";
import { toolExamples } from "./tool-examples";

/** A stored message; each follows the one before it, like a path from the root to a leaf. */
function message(fields: Partial<ChatMessage> & Pick<ChatMessage, "role">): ChatMessage {
  return chatMessageOf({
    id: randomUUID(),
    parent_id: null,
    status: "complete",
    created_at: "2026-12-03T15:00:00.000Z",
    ...fields,
  });
}

const user = (content: string) => message({ role: "user", content });
const call = {
  id: "call_1",
  type: "function" as const,
  function: { name: "get_weather", arguments: '{"city":"Paris"}' },
};

function expectValid(body: unknown) {
  const result = validateChatRequest(body);
  expect(result.ok ? "ok" : result.message).toBe("ok");
}

describe("chatRequestBody", () => {
  it("sends a plain question as the smallest streaming body", () => {
    const body = chatRequestBody(defaultChatSettings, [user("Hello")]);
    expect(body).toEqual({
      model: "gemini",
      messages: [{ role: "user", content: "Hello" }],
      stream: true,
      include_thoughts: true,
      reasoning_effort: "high",
    });
    expect(JSON.stringify(body)).not.toMatch(/"(tools|response_format)"/);
    expectValid(body);
  });

  it("puts the system prompt first, and every setting where the upstream reads it", () => {
    const settings: ChatSettings = {
      system_prompt: "Answer in French.\nBe brief.",
      reasoning_effort: "low",
      include_thoughts: false,
      json_mode: true,
      tools: toolExamples.map((example) => example.tool),
    };
    const body = chatRequestBody(settings, [user("Weather in JSON?")]);
    expect(body.messages[0]).toEqual({ role: "system", content: "Answer in French.\nBe brief." });
    expect(body).toMatchObject({
      include_thoughts: false,
      reasoning_effort: "low",
      tools: settings.tools,
      response_format: { type: "json_object" },
    });
    expectValid(body);
  });

  it("leaves out a system prompt of only whitespace", () => {
    const body = chatRequestBody({ ...defaultChatSettings, system_prompt: "  \n " }, [user("Hi")]);
    expect(body.messages.map((m) => m.role)).toEqual(["user"]);
  });

  it("replays a tool call and its result in OpenAI's shape", () => {
    const path = [
      user("Weather in Paris?"),
      message({
        role: "assistant",
        content: null,
        tool_calls: [call],
        finish_reason: "tool_calls",
      }),
      message({ role: "tool", tool_call_id: "call_1", content: '{"temp":21}' }),
      message({ role: "assistant", content: "It is 21 °C.", reasoning: "The tool said 21." }),
      user("Thanks"),
    ];
    const body = chatRequestBody({ ...defaultChatSettings, tools: [toolExamples[0]!.tool] }, path);
    expect(body.messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [call] },
      { role: "tool", tool_call_id: "call_1", content: '{"temp":21}' },
      // Thoughts are ours to show, never sent back.
      { role: "assistant", content: "It is 21 °C." },
      { role: "user", content: "Thanks" },
    ]);
    expectValid(body);
  });

  it("keeps text said alongside a tool call", () => {
    const path = [
      user("Go"),
      message({ role: "assistant", content: "Checking…", tool_calls: [call] }),
      message({ role: "tool", tool_call_id: "call_1", content: "21" }),
    ];
    expect(chatRequestBody(defaultChatSettings, path).messages[1]).toEqual({
      role: "assistant",
      content: "Checking…",
      tool_calls: [call],
    });
  });

  it("leaves out tool calls nobody answered, keeping what was said with them", () => {
    const second = { ...call, id: "call_2" };
    const body = chatRequestBody(defaultChatSettings, [
      user("Weather in Paris and Rome?"),
      message({ role: "assistant", content: null, tool_calls: [call, second] }),
      message({ role: "tool", tool_call_id: "call_2", content: "18" }),
      message({ role: "assistant", content: "Rome: 18 °C." }),
      user("And Oslo?"),
      message({
        role: "assistant",
        content: "Let me check.",
        tool_calls: [{ ...call, id: "call_3" }],
      }),
      user("Never mind, tell me a joke"),
      message({ role: "assistant", content: null, tool_calls: [{ ...call, id: "call_4" }] }),
      user("A joke, please"),
    ]);
    expect(body.messages).toEqual([
      { role: "user", content: "Weather in Paris and Rome?" },
      { role: "assistant", content: null, tool_calls: [second] },
      { role: "tool", tool_call_id: "call_2", content: "18" },
      { role: "assistant", content: "Rome: 18 °C." },
      { role: "user", content: "And Oslo?" },
      { role: "assistant", content: "Let me check." },
      { role: "user", content: "Never mind, tell me a joke" },
      { role: "user", content: "A joke, please" },
    ]);
    expectValid(body);
  });

  it("skips answers that never started, keeps what an interrupted one said", () => {
    const failed = message({
      role: "assistant",
      status: "error",
      error: { type: "rate_limit", message: "slow down", source: "upstream" },
    });
    const stoppedEarly = message({ role: "assistant", status: "interrupted", content: "" });
    const partial = message({ role: "assistant", status: "interrupted", content: "Half an ans" });
    const body = chatRequestBody(defaultChatSettings, [
      user("One"),
      failed,
      user("Two"),
      stoppedEarly,
      user("Three"),
      partial,
      user("Go on"),
    ]);
    expect(body.messages).toEqual([
      { role: "user", content: "One" },
      { role: "user", content: "Two" },
      { role: "user", content: "Three" },
      { role: "assistant", content: "Half an ans" },
      { role: "user", content: "Go on" },
    ]);
    expectValid(body);
  });

  it("passes text with quotes, line breaks and emoji through untouched", () => {
    const tricky = `He said "hi" \\ 'there'\n\ttabbed 🦊 مرحبا`;
    const body = chatRequestBody({ ...defaultChatSettings, system_prompt: tricky }, [user(tricky)]);
    expect(body.messages.map((m) => m.content)).toEqual([tricky, tricky]);
    expectValid(body);
  });

  it("is refused by the validator when a tool answer lost its call id", () => {
    const body = chatRequestBody(defaultChatSettings, [
      user("Go"),
      message({ role: "tool", content: "42" }),
    ]);
    expect(validateChatRequest(body)).toMatchObject({
      ok: false,
      field: "messages[1].tool_call_id",
    });
  });
});

describe("replayPath", () => {
  it("drops the trailing answer, so the code asks the last question again", () => {
    const question = user("Weather?");
    const answer = message({ role: "assistant", tool_calls: [call] });
    const result = message({ role: "tool", tool_call_id: "call_1", content: "21" });
    const final = message({ role: "assistant", content: "21 °C" });
    expect(replayPath([question, answer])).toEqual([question]);
    expect(replayPath([question, answer, result, final])).toEqual([question, answer, result]);
    expect(replayPath([question])).toEqual([question]);
    expect(replayPath([])).toEqual([]);
  });
});
