// The stream reader and accumulator against every framing SPEC §7/§12 makes a client tolerate:
// the same answer must come out of CRLF, comments, multi-line data, envelopes, any reasoning
// field name, tool-call pieces and bytes cut anywhere (inside a UTF-8 character too).
import { describe, expect, it } from "vitest";
import { ChatStreamAccumulator, createChatSseReader } from "./stream-accumulator";

const enc = new TextEncoder();

function run(chunks: Uint8Array[]) {
  const acc = new ChatStreamAccumulator();
  const reader = createChatSseReader((data) => acc.push(data));
  for (const chunk of chunks) reader.feed(chunk);
  reader.end();
  return acc.state;
}

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: "chatcmpl_1",
  object: "chat.completion.chunk",
  model: "gemini",
  choices: [{ index: 0, delta, finish_reason: null }],
  ...extra,
});

const events = [
  chunk({ role: "assistant", content: "" }),
  chunk({ reasoning_content: "Thinking " }),
  chunk({ reasoning_content: "hard." }),
  chunk({ content: "Café — 日本語 " }),
  chunk({ content: "🦊 done." }),
  {
    ...chunk({}),
    choices: [{ index: 0, delta: {}, finish_reason: "stop" }],
    usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
    credits_consumed: 1,
  },
];

const expected = {
  content: "Café — 日本語 🦊 done.",
  reasoning: "Thinking hard.",
  finishReason: "stop",
  usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
  credits: 1,
  done: true,
  error: null,
};

const plain = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("") + "data: [DONE]\n\n";

/** Every byte boundary in turn: the text cut in two at `at`. */
function cutAt(text: string, at: number): Uint8Array[] {
  const bytes = enc.encode(text);
  return [bytes.slice(0, at), bytes.slice(at)];
}

describe("chat stream accumulator", () => {
  it("reads the plain OpenAI framing", () => {
    expect(run([enc.encode(plain)])).toMatchObject(expected);
  });

  it("reads CRLF lines, comments, ids, retry fields and ignores unknown named events", () => {
    const text = events
      .map((e) => `: keep-alive\r\nid: 7\r\nretry: 1000\r\ndata: ${JSON.stringify(e)}\r\n\r\n`)
      .join("");
    const noise = 'event: ping\r\ndata: {"choices":[{"delta":{"content":"NOISE"}}]}\r\n\r\n';
    expect(run([enc.encode(noise + text + "data: [DONE]\r\n\r\n")])).toMatchObject(expected);
  });

  it("joins data spread over several lines", () => {
    const text = events.map((e) => `${JSON.stringify(e, null, 2).replace(/^/gm, "data: ")}\n\n`);
    expect(run([enc.encode(text.join("") + "data: [DONE]\n\n")])).toMatchObject(expected);
  });

  it("gives the same answer whichever byte the stream is cut at, inside characters too", () => {
    const bytes = enc.encode(plain).length;
    for (let at = 1; at < bytes; at += 7) {
      expect(run(cutAt(plain, at)), `cut at ${at}`).toMatchObject(expected);
    }
    const oneByOne = [...enc.encode(plain)].map((b) => Uint8Array.of(b));
    expect(run(oneByOne)).toMatchObject(expected);
  });

  it("unwraps enveloped chunks and reads thoughts under any documented field name", () => {
    for (const field of ["reasoning_content", "reasoning", "thoughts", "thinking"]) {
      const wrapped = events.map((e) => {
        const json = JSON.stringify(e).replace('"reasoning_content"', `"${field}"`);
        return `data: ${JSON.stringify({ code: 200, message: "success", data: JSON.parse(json) })}\n\n`;
      });
      expect(run([enc.encode(wrapped.join(""))]), field).toMatchObject({
        ...expected,
        done: false,
      });
    }
  });

  it("merges tool-call pieces by index", () => {
    const text = [
      chunk({
        tool_calls: [
          {
            index: 0,
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: "" },
          },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
    ]
      .map((e) => `data: ${JSON.stringify(e)}\n\n`)
      .join("");
    const state = run([enc.encode(text)]);
    expect(state.toolCalls).toEqual([
      {
        id: "call_1",
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Paris"}' },
      },
    ]);
    expect(state.started).toBe(true);
  });

  it("keeps calls dense when the upstream's indexes do not start at 0", () => {
    const text = `data: ${JSON.stringify(
      chunk({
        tool_calls: [
          { index: 1, id: "call_b", type: "function", function: { name: "b", arguments: "{}" } },
        ],
      }),
    )}\n\n`;
    expect(run([enc.encode(text)]).toolCalls).toEqual([
      { id: "call_b", type: "function", function: { name: "b", arguments: "{}" } },
    ]);
  });

  it("tells parallel calls apart by id when the upstream leaves out index", () => {
    const pieces = [
      { id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } },
      { function: { arguments: '{"city":"Paris"}' } },
      { id: "call_2", type: "function", function: { name: "get_time", arguments: "" } },
      { function: { arguments: '{"tz":"CET"}' } },
    ];
    const text = pieces
      .map((p) => `data: ${JSON.stringify(chunk({ tool_calls: [p] }))}\n\n`)
      .join("");
    expect(run([enc.encode(text)]).toolCalls).toEqual([
      {
        id: "call_1",
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Paris"}' },
      },
      { id: "call_2", type: "function", function: { name: "get_time", arguments: '{"tz":"CET"}' } },
    ]);
  });

  it("keeps an in-band error, and a last event that never got its blank line", () => {
    const text = `data: ${JSON.stringify(events[3])}\n\ndata: {"error":{"code":500,"type":"server_error","message":"boom"}}`;
    const state = run([enc.encode(text)]);
    expect(state.content).toBe("Café — 日本語 ");
    expect(state.error).toEqual({ type: "server_error", message: "boom", source: "upstream" });
  });

  it("skips unreadable events instead of failing", () => {
    const state = run([enc.encode(`data: {not json\n\n${plain}`)]);
    expect(state).toMatchObject(expected);
  });
});
