// Helpers for the simulator's own tests: start an instance, call it like a client would.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { afterAll, beforeAll } from "vitest";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "./server";

export async function startTestSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, speed: 1000, rateLimitPerMinute: 10_000, ...opts });
}

/**
 * Starts a simulator before the file's tests and closes it after them. Call at the top of a test
 * file: `const sim = setupTestSimulator();` then `client(sim(), key)` in tests.
 */
export function setupTestSimulator(opts?: SimulatorOptions): () => RunningSimulator {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await startTestSimulator(opts);
  });
  afterAll(() => sim?.close());
  return () => {
    if (!sim) throw new Error("setupTestSimulator: the simulator starts in beforeAll");
    return sim;
  };
}

/** A fresh key per test keeps balances, rate limits and task ownership independent. */
export function uniqueKey(prefix = "aio_test"): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

export interface Client {
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  get(path: string, init?: RequestInit): Promise<Response>;
}

export function client(sim: RunningSimulator, key: string | null): Client {
  const headers = (extra?: HeadersInit): Headers => {
    const h = new Headers(extra);
    if (key !== null) h.set("Authorization", `Bearer ${key}`);
    return h;
  };
  return {
    post: (path, body, init = {}) =>
      fetch(`${sim.baseUrl}${path}`, {
        ...init,
        method: "POST",
        headers: headers({
          "Content-Type": "application/json",
          ...Object.fromEntries(new Headers(init.headers)),
        }),
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    get: (path, init = {}) =>
      fetch(`${sim.baseUrl}${path}`, { ...init, headers: headers(init.headers) }),
  };
}

type Json = Record<string, unknown>;

export function asRecord(value: unknown): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Json;
}

export async function json(res: Response): Promise<Json> {
  return asRecord(await res.json());
}

/** Creates a task and returns its id (from the canonical envelope). */
export async function createTask(api: Client, path: string, body: Json): Promise<string> {
  const res = await api.post(path, body);
  const payload = await json(res);
  if (res.status !== 200)
    throw new Error(`create failed: ${res.status} ${JSON.stringify(payload)}`);
  const id = asRecord(payload.data).task_id;
  if (typeof id !== "string") throw new Error(`no task_id in ${JSON.stringify(payload)}`);
  return id;
}

/** Polls GET /tasks/{id} until `done(reply)` holds; returns that reply. */
export async function pollUntil(
  api: Client,
  taskId: string,
  done: (reply: Json) => boolean,
  timeoutMs = 8000,
): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.get(`/tasks/${taskId}`);
    const reply = await json(res);
    if (done(reply)) return reply;
    if (Date.now() > deadline)
      throw new Error(`task ${taskId} timed out: ${JSON.stringify(reply)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function dataOf(reply: Json): Json {
  return asRecord(reply.data);
}

export async function pollFinal(api: Client, taskId: string, timeoutMs?: number): Promise<Json> {
  const reply = await pollUntil(
    api,
    taskId,
    (r) => {
      const status = asRecord(r.data).status;
      return status === "SUCCESS" || status === "FAILED";
    },
    timeoutMs,
  );
  return dataOf(reply);
}

export async function bytesOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

export interface SseResult {
  events: EventSourceMessage[];
  /** Parsed JSON of every data line except [DONE]. */
  chunks: Json[];
  sawDone: boolean;
  /** The body ended with an error (e.g. the socket was destroyed). */
  broken: boolean;
}

export async function readSse(res: Response): Promise<SseResult> {
  const result: SseResult = { events: [], chunks: [], sawDone: false, broken: false };
  const parser = createParser({
    onEvent(event) {
      result.events.push(event);
      if (event.data === "[DONE]") result.sawDone = true;
      else result.chunks.push(asRecord(JSON.parse(event.data)));
    },
  });
  const body = res.body;
  if (!body) throw new Error("no body");
  const decoder = new TextDecoder();
  try {
    for await (const part of body) parser.feed(decoder.decode(part, { stream: true }));
  } catch {
    result.broken = true;
  }
  return result;
}

export async function adminGet(sim: RunningSimulator, path: string): Promise<Json> {
  return json(await fetch(`${sim.origin}/__sim${path}`));
}

export async function adminPost(sim: RunningSimulator, path: string, body: unknown): Promise<Json> {
  const res = await fetch(`${sim.origin}/__sim${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return json(res);
}

export interface Received {
  path: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
  at: number;
}

/**
 * A tiny callback receiver: answers each POST with the next status from `statuses` (then 200);
 * a 0 there leaves that POST unanswered (a receiver that hangs).
 */
export async function receiver(statuses: number[] = []): Promise<{
  url: string;
  received: Received[];
  next: () => Promise<Received>;
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const waiters: ((r: Received) => void)[] = [];
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      const entry = {
        path: req.url ?? "",
        contentType: req.headers["content-type"],
        body: asRecord(JSON.parse(text)),
        at: Date.now(),
      };
      received.push(entry);
      const status = statuses.shift() ?? 200;
      if (status > 0) res.writeHead(status).end();
      waiters.shift()?.(entry);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    next: () => new Promise((r) => waiters.push(r)),
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** Waits until `done()` holds, polling every 10 ms; throws after `timeoutMs`. */
export async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
