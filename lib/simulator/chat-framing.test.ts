// [sim:framing=…]: the SSE framings a client must tolerate (SPEC §7, §12), read byte by byte. Each
// framed stream must parse to exactly what the plain stream of the same question parses to.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../schemas/api";
import { cutPoints, nonAsciiSample } from "./chat-framing";
import { deltasOf, finalChunk, joinedOf, rawChat, sawDone, type RawChat } from "./chat-test-client";
import { createRng } from "./hash";
import type { RunningSimulator } from "./server";
import { adminGet, asRecord, client, json, startTestSimulator, uniqueKey } from "./test-support";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const question = "Explain streaming with a code example";
const ask = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: "gemini",
  messages: [{ role: "user", content }],
  ...extra,
});
const framed = (name: string, extra?: Record<string, unknown>): Promise<RawChat> =>
  rawChat(sim, uniqueKey(), ask(`${question} [sim:framing=${name}]`, extra));

const text = (chat: RawChat): string => Buffer.concat(chat.raw).toString("utf8");
const finishReason = (chat: RawChat): unknown =>
  asRecord((finalChunk(chat)?.choices as unknown[] | undefined)?.[0]).finish_reason;

let plain: RawChat;
beforeAll(async () => {
  plain = await rawChat(sim, uniqueKey(), ask(question));
  // The reference itself: LF only, no comments, one data line per event, [DONE].
  expect(text(plain)).not.toMatch(/\r|^:|^id:|^event:/m);
  expect(sawDone(plain)).toBe(true);
  expect(deltasOf(plain).length).toBeGreaterThan(20);
});

/** Same deltas (role, thoughts, content, in the same pieces), same end, usage included. */
function expectSameStream(chat: RawChat): void {
  expect(chat.status).toBe(200);
  expect(chat.broken).toBe(false);
  expect(deltasOf(chat)).toEqual(deltasOf(plain));
  expect(finishReason(chat)).toBe("stop");
  expect(asRecord(finalChunk(chat)?.usage).completion_tokens).toBe(
    asRecord(finalChunk(plain)?.usage).completion_tokens,
  );
}

/** A chunk that is not valid UTF-8 on its own: the write was cut inside a character. */
function cutsInsideCharacter(chat: RawChat): boolean {
  const strict = new TextDecoder("utf-8", { fatal: true });
  return chat.raw.some((chunk) => {
    try {
      strict.decode(chunk);
      return false;
    } catch {
      return true;
    }
  });
}

function expectSplit(chat: RawChat): void {
  expect(chat.broken).toBe(false);
  expect(joinedOf(chat, "reasoning_content")).toBe(joinedOf(plain, "reasoning_content"));
  expect(joinedOf(chat, "content")).toBe(`${joinedOf(plain, "content")}\n\n${nonAsciiSample}`);
  // Each event in 2–4 writes that arrived separately, one of them cut inside a character...
  expect(chat.raw.length).toBeGreaterThanOrEqual(2 * chat.events.length);
  expect(cutsInsideCharacter(chat)).toBe(true);
  // ...which a client decoding each chunk on its own would turn into U+FFFD.
  const naive = chat.raw.map((chunk) => new TextDecoder().decode(chunk)).join("");
  expect(naive).toContain("\uFFFD");
  expect(text(chat)).not.toContain("\uFFFD");
}

function expectComments(chat: RawChat): void {
  const body = text(chat);
  expect(body).toMatch(/^: keep-alive\r?$/m);
  expect(body).toMatch(/^retry: 3000\r?$/m);
  expect(chat.retries).toContain(3000);
  expect(chat.comments).toContain("keep-alive");
  const pings = chat.events.filter((e) => e.event === "ping");
  expect(pings.length).toBeGreaterThan(3);
  expect(pings.every((e) => e.data === "{}")).toBe(true);
  // Every data event carries an id, in order.
  const ids = chat.events.filter((e) => e.event === undefined).map((e) => Number(e.id));
  expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
}

describe("[sim:framing=…]", () => {
  it("crlf: every line ends with CRLF, the events are the plain stream's", async () => {
    const chat = await framed("crlf");
    expect(text(chat)).toContain("\r\n\r\n");
    expect(text(chat)).not.toMatch(/[^\r]\n/);
    expectSameStream(chat);
    expect(sawDone(chat)).toBe(true);
  });

  it("comments: keep-alive comments, id and retry fields and ping events to ignore", async () => {
    const chat = await framed("comments");
    expectComments(chat);
    expectSameStream(chat);
    expect(sawDone(chat)).toBe(true);
  });

  it("multiline: each JSON over several data lines, joined back with \\n", async () => {
    const chat = await framed("multiline");
    expect(text(chat)).toMatch(/^data: \{\ndata: {3}"id": "chatcmpl_/m);
    const data = chat.events.filter((e) => e.data !== "[DONE]");
    expect(data.every((e) => e.data.includes("\n"))).toBe(true);
    expectSameStream(chat);
    expect(sawDone(chat)).toBe(true);
  });

  it("split: events cut across writes, even inside a UTF-8 character", async () => {
    const chat = await framed("split");
    expectSplit(chat);
    expect(sawDone(chat)).toBe(true);
  });

  it("no-done: ends cleanly after the usage chunk, without [DONE]", async () => {
    const chat = await framed("no-done");
    expectSameStream(chat);
    expect(sawDone(chat)).toBe(false);
    expect(text(chat).endsWith("\n\n")).toBe(true);
  });

  it("all: crlf, comments and split together", async () => {
    const chat = await framed("all");
    expect(text(chat)).not.toMatch(/[^\r]\n/);
    expectComments(chat);
    expectSplit(chat);
    expect(sawDone(chat)).toBe(true);
  });

  it("split puts the non-ASCII sample in a JSON answer too, and the JSON still parses", async () => {
    const chat = await framed("split", { response_format: { type: "json_object" } });
    expect(cutsInsideCharacter(chat)).toBe(true);
    expect(asRecord(JSON.parse(joinedOf(chat, "content"))).sample).toBe(nonAsciiSample);
  });

  it("the official OpenAI SDK reads every framing but comments to the same text", async () => {
    const openai = new OpenAI({ apiKey: uniqueKey(), baseURL: sim.baseUrl });
    const read = async (content: string): Promise<string> => {
      const stream = await openai.chat.completions.create({
        model: "gemini",
        stream: true,
        messages: [{ role: "user", content }],
      });
      let out = "";
      for await (const chunk of stream) out += chunk.choices[0]?.delta.content ?? "";
      return out;
    };
    const reference = joinedOf(plain, "content");
    for (const name of ["crlf", "multiline", "no-done"]) {
      expect(await read(`${question} [sim:framing=${name}]`)).toBe(reference);
    }
    expect(await read(`${question} [sim:framing=split]`)).toBe(`${reference}\n\n${nonAsciiSample}`);
  });

  it("refuses an unknown framing with 400 naming the marker, and charges nothing", async () => {
    const key = uniqueKey();
    const res = await client(sim, key).post("/chat/completions", ask("hi [sim:framing=wavy]"));
    expect(res.status).toBe(400);
    const error = errorBodySchema.parse(await json(res)).error;
    expect(error.type).toBe("invalid_request");
    expect(error.message).toMatch(/^\[sim:framing=wavy\]: /);
    expect((await adminGet(sim, `/keys/${key}`)).balance).toBe(10_000);
  });
});

describe("cutPoints", () => {
  it("cuts into 2–4 pieces, one cut inside a multi-byte character when there is one", () => {
    const rng = createRng(7);
    const bytes = Buffer.from(`data: {"content":"${nonAsciiSample}"}\n\n`);
    for (let i = 0; i < 50; i++) {
      const cuts = cutPoints(bytes, rng);
      expect(cuts.length).toBeGreaterThanOrEqual(1);
      expect(cuts.length).toBeLessThanOrEqual(3);
      expect(cuts.every((c) => c > 0 && c < bytes.length)).toBe(true);
      expect(cuts.some((c) => ((bytes[c] ?? 0) & 0xc0) === 0x80)).toBe(true);
    }
  });
});
