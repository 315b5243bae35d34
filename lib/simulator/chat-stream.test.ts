// How chat streams end, as a client sees them and as /__sim/stats counts them: an in-band error
// after the first byte ([sim:stream-error]), a cut ([sim:drop]), a client that leaves, and the
// benchmark's real-time pacing ([sim:chunks=<n>x<ms>]).
import OpenAI, { APIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../schemas/api";
import { chatPreDeduct } from "./chat";
import { chunksOf, deltasOf, finalChunk, joinedOf, rawChat, sawDone } from "./chat-test-client";
import type { RunningSimulator } from "./server";
import {
  adminGet,
  adminPost,
  asRecord,
  client,
  json,
  startTestSimulator,
  uniqueKey,
} from "./test-support";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const ask = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: "gemini",
  messages: [{ role: "user", content }],
  ...extra,
});

async function chatStats(key: string): Promise<Record<string, unknown>> {
  return asRecord(asRecord((await adminGet(sim, "/stats")).keys)[key]);
}
/** The key's chat counters once `done` holds for them (or as they are after 2 s). */
async function pollStats(
  key: string,
  field: "chat_streams" | "chat_calls",
  done: (counters: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const counters = asRecord((await chatStats(key))[field]);
    if (done(counters) || Date.now() > deadline) return counters;
    await new Promise((r) => setTimeout(r, 10));
  }
}
async function balance(key: string): Promise<unknown> {
  return (await adminGet(sim, `/keys/${key}`)).balance;
}

describe("[sim:stream-error]", () => {
  it("sends half the reply, then an in-band error event, and ends cleanly without [DONE]", async () => {
    const key = uniqueKey();
    const plain = await rawChat(sim, uniqueKey(), ask("Tell me about tides"));
    const chat = await rawChat(sim, key, ask("Tell me about tides [sim:stream-error]"));
    expect(chat.status).toBe(200);
    expect(chat.broken).toBe(false);
    expect(sawDone(chat)).toBe(false);
    const chunks = chunksOf(chat);
    const error = errorBodySchema.parse(chunks.at(-1)).error;
    expect(error).toMatchObject({ code: 500, type: "server_error" });
    // About half of the same reply came first, with no usage.
    const half = deltasOf(chat);
    const whole = deltasOf(plain);
    expect(half).toEqual(whole.slice(0, half.length));
    expect(Math.abs(half.length - whole.length / 2)).toBeLessThanOrEqual(1);
    expect(finalChunk(chat)).toBeUndefined();
    // The hold is kept, as with a drop.
    expect(await balance(key)).toBe(10_000 - chatPreDeduct);
    expect((await chatStats(key)).chat_streams).toMatchObject({
      started: 1,
      completed: 0,
      errored: 1,
      in_flight: 0,
    });
  });

  it("makes the OpenAI SDK throw an APIError with the event's error", async () => {
    const openai = new OpenAI({ apiKey: uniqueKey(), baseURL: sim.baseUrl });
    const stream = await openai.chat.completions.create({
      model: "gemini",
      stream: true,
      messages: [{ role: "user", content: "Say hello [sim:stream-error]" }],
    });
    let text = "";
    const read = async (): Promise<void> => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    };
    const failure = await read().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).type).toBe("server_error");
    // The first half of the answer came before the error.
    expect(text.length).toBeGreaterThan(10);
  });
});

describe("chat counters in /__sim/stats", () => {
  it("count completed streams and calls; keys that never chatted keep their old shape", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    await rawChat(sim, key, ask("one"));
    await json(await api.post("/chat/completions", ask("two", { stream: false })));
    const stats = await chatStats(key);
    expect(stats.chat_streams).toEqual({
      started: 1,
      completed: 1,
      errored: 0,
      aborted: 0,
      dropped: 0,
      in_flight: 0,
      last_aborted_after_events: null,
    });
    expect(stats.chat_calls).toEqual({ started: 1, completed: 1, aborted: 0, in_flight: 0 });
    const other = uniqueKey();
    await client(sim, other).get("/tasks/none");
    expect(Object.keys(await chatStats(other))).not.toContain("chat_streams");
  });

  it("count [sim:drop] as dropped, with the hold kept", async () => {
    const key = uniqueKey();
    const chat = await rawChat(sim, key, ask("Tell me a long story [sim:drop]"));
    expect(chat.broken).toBe(true);
    expect(await balance(key)).toBe(10_000 - chatPreDeduct);
    expect((await chatStats(key)).chat_streams).toMatchObject({
      started: 1,
      dropped: 1,
      aborted: 0,
      completed: 0,
      in_flight: 0,
    });
  });

  it("see a client that leaves mid-stream as aborted, with the events written by then", async () => {
    const key = uniqueKey();
    // 40 chunks 25 ms apart: a second of streaming, so the client leaves well before the end.
    const chat = await rawChat(sim, key, ask("stay a while [sim:chunks=40x25]"), {
      abortAfterEvents: 3,
    });
    expect(chat.aborted).toBe(true);
    expect((await chatStats(key)).chat_streams).toMatchObject({ started: 1 });
    // The simulator learns of the abort when the connection closes: poll, as the e2e tests do.
    const streams = await pollStats(key, "chat_streams", (s) => s.aborted === 1);
    expect(streams).toMatchObject({ started: 1, aborted: 1, completed: 0, in_flight: 0 });
    const after = Number(streams.last_aborted_after_events);
    expect(after).toBeGreaterThanOrEqual(3);
    expect(after).toBeLessThan(40);
  });

  it("see a non-streaming call abandoned by its client as aborted", async () => {
    const key = uniqueKey();
    const controller = new AbortController();
    const pending = client(sim, key)
      .post("/chat/completions", ask("wait [sim:chunks=10x100]", { stream: false }), {
        signal: controller.signal,
      })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    expect((await chatStats(key)).chat_calls).toMatchObject({ started: 1, in_flight: 1 });
    controller.abort();
    await pending;
    const calls = await pollStats(key, "chat_calls", (c) => c.aborted === 1);
    expect(calls).toEqual({ started: 1, completed: 0, aborted: 1, in_flight: 0 });
  });

  it("start again on reset, keeping a stream in flight in flight", async () => {
    const key = uniqueKey();
    await rawChat(sim, key, ask("before"));
    const running = rawChat(sim, key, ask("across the reset [sim:chunks=10x40]"));
    await new Promise((r) => setTimeout(r, 100));
    await adminPost(sim, "/reset", {});
    expect((await chatStats(key)).chat_streams).toMatchObject({
      started: 0,
      completed: 0,
      in_flight: 1,
    });
    expect(sawDone(await running)).toBe(true);
    expect((await chatStats(key)).chat_streams).toMatchObject({ completed: 1, in_flight: 0 });
  });
});

describe("[sim:chunks=<n>x<ms>]", () => {
  it("streams exactly n content chunks, ms apart in real time, then usage and [DONE]", async () => {
    // The test simulator runs at speed 1000: the pacing must not be divided by it.
    const chat = await rawChat(sim, uniqueKey(), ask("Explain pacing [sim:chunks=12x40]"));
    const deltas = deltasOf(chat);
    expect(deltas).toHaveLength(12);
    expect(deltas[0]?.role).toBe("assistant");
    expect(deltas.every((d) => typeof d.content === "string" && d.content !== "")).toBe(true);
    expect(joinedOf(chat, "reasoning_content")).toBe("");
    expect(asRecord(finalChunk(chat)?.usage).completion_tokens).toBe(12);
    expect(sawDone(chat)).toBe(true);
    const times = chat.events
      .filter((e) => e.data !== "[DONE]")
      .slice(0, 12)
      .map((e) => e.at);
    // Never early; a loaded machine may be late, so only a generous upper bound.
    times.forEach((at, i) => expect(at).toBeGreaterThanOrEqual((i + 1) * 40 - 2));
    expect(times.at(-1)).toBeLessThan(12 * 40 + 1500);
  });

  it("answers a non-streaming call after n × ms, with the same text", async () => {
    const started = Date.now();
    const res = await client(sim, uniqueKey()).post(
      "/chat/completions",
      ask("Explain pacing [sim:chunks=5x60]", { stream: false }),
    );
    const body = await json(res);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 60 - 2);
    const streamed = await rawChat(sim, uniqueKey(), ask("Explain pacing [sim:chunks=5x1]"));
    const message = asRecord(asRecord((body.choices as unknown[])[0]).message);
    expect(message.content).toBe(joinedOf(streamed, "content"));
  });

  it("refuses other values with 400 naming the marker, before charging", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    for (const value of ["0x10", "10001x1", "5x10001", "1.5x10", "ten", "5x"]) {
      const res = await api.post("/chat/completions", ask(`hi [sim:chunks=${value}]`));
      expect(res.status).toBe(400);
      const error = errorBodySchema.parse(await json(res)).error;
      expect(error.type).toBe("invalid_request");
      expect(error.message.startsWith(`[sim:chunks=${value}]: `)).toBe(true);
    }
    expect(await balance(key)).toBe(10_000);
    // The limits themselves are allowed.
    const edge = await rawChat(sim, key, ask("hi [sim:chunks=10000x0]"));
    expect(deltasOf(edge)).toHaveLength(10_000);
  });
});
