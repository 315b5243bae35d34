// A byte-level chat client for the simulator's tests: node:http (no fetch buffering), every raw
// body chunk kept as it arrived, decoded and parsed the way a correct SSE client does
// (TextDecoder in stream mode + eventsource-parser). It can abort after a number of events.
import { request } from "node:http";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { RunningSimulator } from "./server";

export interface TimedEvent extends EventSourceMessage {
  /** ms since the request was sent. */
  at: number;
}

export interface RawChat {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Body chunks exactly as they came off the socket. */
  raw: Buffer[];
  events: TimedEvent[];
  comments: string[];
  retries: number[];
  /** The connection broke before the body ended (e.g. [sim:drop]). */
  broken: boolean;
  /** This client closed the connection itself (`abortAfterEvents`). */
  aborted: boolean;
}

export function rawChat(
  sim: RunningSimulator,
  key: string,
  body: unknown,
  options: { abortAfterEvents?: number } = {},
): Promise<RawChat> {
  const url = new URL(`${sim.baseUrl}/chat/completions`);
  const started = Date.now();
  const result: RawChat = {
    status: 0,
    headers: {},
    raw: [],
    events: [],
    comments: [],
    retries: [],
    broken: false,
    aborted: false,
  };
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        // A connection of its own: an abort must not be hidden by a keep-alive pool.
        agent: false,
      },
      (res) => {
        result.status = res.statusCode ?? 0;
        result.headers = res.headers;
        const decoder = new TextDecoder();
        const parser = createParser({
          onEvent: (event) => {
            result.events.push({ ...event, at: Date.now() - started });
            const limit = options.abortAfterEvents;
            if (limit !== undefined && result.events.length >= limit && !result.aborted) {
              result.aborted = true;
              req.destroy();
              resolve(result);
            }
          },
          onComment: (comment) => result.comments.push(comment),
          onRetry: (retry) => result.retries.push(retry),
        });
        res.on("data", (chunk: Buffer) => {
          result.raw.push(chunk);
          parser.feed(decoder.decode(chunk, { stream: true }));
        });
        res.on("error", () => undefined);
        // A body cut short is not complete; resolving twice (after an abort) is harmless.
        res.on("close", () => {
          result.broken = !res.complete && !result.aborted;
          resolve(result);
        });
      },
    );
    req.on("error", (error) => (result.aborted ? resolve(result) : reject(error)));
    req.end(JSON.stringify(body));
  });
}

type Json = Record<string, unknown>;

/** The chat chunks a client acts on: unnamed events other than [DONE], parsed. */
export function chunksOf(chat: RawChat): Json[] {
  return chat.events
    .filter((e) => e.event === undefined && e.data !== "[DONE]")
    .map((e) => JSON.parse(e.data) as Json);
}

export function deltasOf(chat: RawChat): Json[] {
  return chunksOf(chat).flatMap((chunk) => {
    const choice = Array.isArray(chunk.choices)
      ? (chunk.choices[0] as Json | undefined)
      : undefined;
    return choice && choice.finish_reason === null ? [choice.delta as Json] : [];
  });
}

export function joinedOf(chat: RawChat, field: "content" | "reasoning_content"): string {
  return deltasOf(chat)
    .map((d) => (typeof d[field] === "string" ? d[field] : ""))
    .join("");
}

export function sawDone(chat: RawChat): boolean {
  return chat.events.some((e) => e.data === "[DONE]");
}

/** The last chunk carrying usage (the final one of a completed stream). */
export function finalChunk(chat: RawChat): Json | undefined {
  return chunksOf(chat).findLast((c) => c.usage !== undefined);
}
