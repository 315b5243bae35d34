import { describe, expect, it } from "vitest";
import { activePath, withLiveMessages } from "./branches";
import {
  announcement,
  answerFromStream,
  endStatus,
  optimisticTurn,
  withStoredIds,
} from "./live-turn";
import { ChatStreamAccumulator } from "./stream-accumulator";

const ids = ["tmp-q", "tmp-a"];
const options = () => {
  const queue = [...ids];
  return { jsonMode: true, newId: () => queue.shift()!, now: new Date("2026-01-01T00:00:00Z") };
};
const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: "c1", model: "gemini", choices: [{ index: 0, delta, ...extra }] });

describe("optimisticTurn and withStoredIds", () => {
  it("shows the question at once and the answer under it, then takes the stored ids", () => {
    const live = optimisticTurn(
      "chat",
      { parent_id: "p", message: { role: "user", content: "Hi" } },
      options(),
    );
    expect(live.question).toMatchObject({
      id: "tmp-q",
      parent_id: "p",
      role: "user",
      content: "Hi",
    });
    expect(live.answer).toMatchObject({
      id: "tmp-a",
      parent_id: "tmp-q",
      status: "streaming",
      json_mode: true,
    });
    expect(live.answer.created_at > live.question!.created_at).toBe(true);
    const stored = withStoredIds(live, { questionId: "q1", answerId: "a1" });
    expect(stored.question?.id).toBe("q1");
    expect(stored.answer).toMatchObject({ id: "a1", parent_id: "q1" });
    const path = activePath(
      withLiveMessages([], null, [stored.question!, stored.answer]).messages,
      "a1",
    );
    expect(path.map((m) => m.id)).toEqual(["q1", "a1"]);
  });

  it("regenerates under the same parent with no new question", () => {
    const live = optimisticTurn("chat", { parent_id: "q1" }, options());
    expect(live.question).toBeNull();
    const stored = withStoredIds(live, { questionId: null, answerId: "a2" });
    expect(stored.answer).toMatchObject({ id: "a2", parent_id: "q1" });
  });

  it("keeps a tool result's call id", () => {
    const live = optimisticTurn(
      "chat",
      { parent_id: "a1", message: { role: "tool", tool_call_id: "call_1", content: "{}" } },
      options(),
    );
    expect(live.question).toMatchObject({ role: "tool", tool_call_id: "call_1" });
  });
});

describe("answerFromStream and endStatus", () => {
  const base = optimisticTurn("chat", { parent_id: null }, options()).answer;

  it("copies thoughts, text, tool calls, usage and credits out of the stream", () => {
    const acc = new ChatStreamAccumulator();
    acc.push(chunk({ reasoning_content: "Let me think. " }));
    acc.push(chunk({ content: "Hello" }));
    acc.push(
      chunk({
        tool_calls: [
          { index: 0, id: "t1", type: "function", function: { name: "f", arguments: '{"a"' } },
        ],
      }),
    );
    const before = answerFromStream(base, acc.state);
    acc.push(
      chunk(
        { tool_calls: [{ index: 0, function: { arguments: ":1}" } }] },
        { finish_reason: "tool_calls" },
      ),
    );
    acc.push(
      JSON.stringify({
        choices: [],
        usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
        credits_consumed: 2,
      }),
    );
    acc.push("[DONE]");
    const after = answerFromStream(base, acc.state, endStatus(acc.state, false));
    // A copy: what was painted earlier does not change under React's feet.
    expect(before.tool_calls?.[0]?.function.arguments).toBe('{"a"');
    expect(after).toMatchObject({
      status: "complete",
      content: "Hello",
      reasoning: "Let me think. ",
      finish_reason: "tool_calls",
      credits: 2,
      usage: { total_tokens: 7 },
    });
    expect(after.tool_calls?.[0]?.function.arguments).toBe('{"a":1}');
  });

  it("marks a stopped, cut or failed stream as the server stores it", () => {
    const cut = new ChatStreamAccumulator();
    cut.push(chunk({ content: "Half" }));
    expect(endStatus(cut.state, false)).toBe("interrupted");
    expect(endStatus(cut.state, true)).toBe("interrupted");
    cut.push(JSON.stringify({ error: { type: "server_error", message: "x", source: "upstream" } }));
    expect(endStatus(cut.state, false)).toBe("interrupted");
    const refused = new ChatStreamAccumulator();
    refused.push(JSON.stringify({ error: { type: "rate_limit", message: "x" } }));
    expect(endStatus(refused.state, false)).toBe("error");
    const toolsOnly = new ChatStreamAccumulator();
    toolsOnly.push(
      chunk({ tool_calls: [{ index: 0, id: "t", function: { name: "f", arguments: "{}" } }] }),
    );
    expect(answerFromStream(base, toolsOnly.state).content).toBeNull();
  });
});

describe("announcement", () => {
  const base = optimisticTurn("chat", { parent_id: null }, options()).answer;
  it("reads the first 200 characters of the answer, once", () => {
    const long = { ...base, content: `${"word ".repeat(60)}\n\nend` };
    const text = announcement("Gemini", long);
    expect(text.startsWith("Gemini answered: word word")).toBe(true);
    expect(text.length).toBeLessThanOrEqual("Gemini answered: ".length + 201);
    expect(
      announcement("Gemini", {
        ...base,
        content: null,
        tool_calls: [
          { id: "t", type: "function", function: { name: "get_weather", arguments: "{}" } },
        ],
      }),
    ).toBe("Gemini asked to call get_weather");
  });

  it("reads Markdown as prose: no asterisks, fences, heading marks or link targets", () => {
    const content =
      '## Tides\n\nOn **"Tell me about tides"**: 1. _Moon_ pulls.\n\n```ts\nconst x = 1;\n```\n\nSee [NOAA](https://noaa.gov) and `tideTable()`.';
    expect(announcement("Gemini", { ...base, content })).toBe(
      'Gemini answered: Tides On "Tell me about tides": 1. Moon pulls. const x = 1; See NOAA and tideTable().',
    );
  });
});
