// The chat routes as an OpenAI client meets them: the official `openai` package pointed at the
// Studio (app token) or straight at the standalone simulator (the user's own key), streamed
// answers read event by event with their arrival times, and the simulator's chat counters.
import { createParser } from "eventsource-parser";
import OpenAI from "openai";
import { expect } from "@playwright/test";
import { simOrigin } from "../../playwright.config";
import type { ApiUser } from "./api";

export type ChatBody = OpenAI.Chat.ChatCompletionCreateParams & Record<string, unknown>;

export function chatBody(content: string, extra: Partial<ChatBody> = {}): ChatBody {
  return { model: "gemini", messages: [{ role: "user", content }], ...extra } as ChatBody;
}

export const weatherTool = {
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

/** The SDK on our route with the user's app token (`through: "studio"`) or on the simulator. */
export function openaiFor(user: ApiUser, through: "studio" | "sim", apiKey?: string): OpenAI {
  const key = apiKey ?? (through === "studio" ? user.token : user.key);
  if (!key) throw new Error("this user has no key for the simulator");
  return new OpenAI({
    baseURL: through === "studio" ? `${user.base}/api/v1` : `${simOrigin}/api/v1`,
    apiKey: key,
    // A retried POST would hide what the wire did; a hang must fail the test, not stall it.
    maxRetries: 0,
    timeout: 20_000,
  });
}

/** What a streamed answer said once assembled, as an SDK user assembles it. */
export interface Assembled {
  content: string;
  reasoning: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  /** How many chunks carried a piece of tool-call arguments. */
  argumentPieces: number;
  finishReason: string | null;
  usage: OpenAI.CompletionUsage | null;
  credits: number | null;
  chunks: number;
}

type Chunk = OpenAI.Chat.ChatCompletionChunk & { credits_consumed?: number };
type Delta = OpenAI.Chat.ChatCompletionChunk.Choice.Delta & { reasoning_content?: string };

export async function assemble(stream: AsyncIterable<Chunk>): Promise<Assembled> {
  const out: Assembled = {
    content: "",
    reasoning: "",
    toolCalls: [],
    argumentPieces: 0,
    finishReason: null,
    usage: null,
    credits: null,
    chunks: 0,
  };
  for await (const chunk of stream) {
    out.chunks++;
    // `choices?`: an `event: ping` with `data: {}` reaches SDK users as an empty chunk.
    const choice = chunk.choices?.[0];
    const delta = (choice?.delta ?? {}) as Delta;
    out.content += delta.content ?? "";
    out.reasoning += delta.reasoning_content ?? "";
    for (const piece of delta.tool_calls ?? []) {
      const call = (out.toolCalls[piece.index] ??= { id: "", name: "", arguments: "" });
      call.id ||= piece.id ?? "";
      call.name += piece.function?.name ?? "";
      call.arguments += piece.function?.arguments ?? "";
      if (piece.function?.arguments) out.argumentPieces++;
    }
    out.finishReason = choice?.finish_reason ?? out.finishReason;
    out.usage = chunk.usage ?? out.usage;
    out.credits = chunk.credits_consumed ?? out.credits;
  }
  return out;
}

/** A completion without what differs between two calls of the same request (its id and time). */
export function comparableCompletion(completion: OpenAI.Chat.ChatCompletion): unknown {
  const { id, created, ...rest } = completion;
  expect(id).toMatch(/\S/);
  expect(created).toBeGreaterThan(0);
  return rest;
}

/** Raw SSE text with the completion id and `created` blanked (they differ between two calls). */
export function normaliseIds(text: string): string {
  return text
    .replace(/"id":(\s*)"chatcmpl_[A-Za-z0-9_-]+"/g, '"id":$1"chatcmpl_X"')
    .replace(/"created":(\s*)\d+/g, '"created":$10');
}

export interface TimedEvent {
  data: string;
  /** Milliseconds from the request leaving to this event being parsed. */
  at: number;
}

export interface ReadStream {
  status: number;
  headers: Headers;
  /** Raw body text, as it arrived. */
  text: string;
  events: TimedEvent[];
  /** Milliseconds from the request leaving to the answer's headers. */
  headersAt: number;
  /** Socket reads that delivered body bytes. */
  reads: number;
  /** True when the body ended by an error of the connection instead of a clean end. */
  brokenOff: boolean;
}

export interface ReadOptions {
  /** Called on each event; return true to stop reading and abort the request. */
  stopAfter?: (event: TimedEvent, events: TimedEvent[]) => boolean;
  headers?: Record<string, string>;
}

/** POSTs `body` to `url` with `token` and reads the SSE answer with an independent parser. */
export async function postAndRead(
  url: string,
  token: string,
  body: unknown,
  options: ReadOptions = {},
): Promise<ReadStream> {
  const controller = new AbortController();
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      "Accept-Encoding": "gzip, deflate, br",
      ...options.headers,
    },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  const out: ReadStream = {
    status: res.status,
    headers: res.headers,
    text: "",
    events: [],
    headersAt: performance.now() - started,
    reads: 0,
    brokenOff: false,
  };
  let stop = false;
  const parser = createParser({
    onEvent(message) {
      const event = { data: message.data, at: performance.now() - started };
      out.events.push(event);
      if (!stop && options.stopAfter?.(event, out.events)) stop = true;
    },
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  try {
    while (!stop) {
      const { done, value } = await reader.read();
      if (done) break;
      out.reads++;
      const text = decoder.decode(value, { stream: true });
      out.text += text;
      parser.feed(text);
    }
    out.text += decoder.decode();
  } catch {
    out.brokenOff = true;
  }
  if (stop) controller.abort();
  return out;
}

/** Data events that carry a piece of thoughts or answer. */
export function tokenEvents<T extends { data: string }>(events: T[]): T[] {
  return events.filter((e) => {
    if (e.data === "[DONE]") return false;
    const delta = (JSON.parse(e.data) as { choices?: { delta?: Delta }[] }).choices?.[0]?.delta;
    return Boolean(delta?.content || delta?.reasoning_content);
  });
}

/** The answer text in `events` (content deltas joined). */
export function contentOf(events: { data: string }[]): string {
  return events
    .filter((e) => e.data !== "[DONE]")
    .map((e) => {
      const json = JSON.parse(e.data) as { choices?: { delta?: Delta }[] };
      return json.choices?.[0]?.delta?.content ?? "";
    })
    .join("");
}

export interface SimChatCalls {
  started: number;
  completed: number;
  aborted: number;
  in_flight: number;
}

export interface SimChatStreams {
  started: number;
  completed: number;
  errored?: number;
  aborted: number;
  dropped: number;
  in_flight: number;
}

async function simChatStats(key: string) {
  const res = await fetch(`${simOrigin}/__sim/stats`);
  expect(res.status).toBe(200);
  const stats = (await res.json()) as {
    keys: Record<string, { chat_streams?: SimChatStreams; chat_calls?: SimChatCalls } | undefined>;
  };
  return stats.keys[key];
}

const none = { started: 0, completed: 0, aborted: 0, in_flight: 0 };

/** The simulator's stream counters for `key` (all zero before its first chat call). */
export async function simChatStreams(key: string): Promise<SimChatStreams> {
  return (await simChatStats(key))?.chat_streams ?? { ...none, dropped: 0 };
}

/** The simulator's counters of non-streaming chat calls (`stream: false`) for `key`. */
export async function simChatCalls(key: string): Promise<SimChatCalls> {
  return (await simChatStats(key))?.chat_calls ?? none;
}

/** The simulator's balance for `key`. */
export async function simBalance(key: string): Promise<number> {
  const res = await fetch(`${simOrigin}/__sim/keys/${key}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { balance: number }).balance;
}

/** The mirrored route on the user's Studio, and the same route on the simulator. */
export const ours = (user: ApiUser) => `${user.base}/api/v1/chat/completions`;
export const direct = `${simOrigin}/api/v1/chat/completions`;

/** The same request through the Studio (app token) and straight to the simulator (own key). */
export async function both<T>(user: ApiUser, ask: (client: OpenAI) => Promise<T>): Promise<[T, T]> {
  const viaStudio = await ask(openaiFor(user, "studio"));
  const viaSim = await ask(openaiFor(user, "sim"));
  return [viaStudio, viaSim];
}
