// The stream passthrough against an upstream that misbehaves in ways the simulator does not:
// bytes forwarded as they come, and a stream that stalls mid-answer given up on with an in-band
// error (and recorded as interrupted) instead of holding the client forever.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor } from "@/lib/server/upstream-target";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { streamChatCall, type ChatOutcome } from "./chat-stream";

const h = setupTaskHarness();
let server: http.Server;
let baseUrl = "";

const event = (content: string) =>
  `data: ${JSON.stringify({ id: "c1", model: "gemini", choices: [{ index: 0, delta: { content } }] })}\n\n`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      // Two events in three writes, the second cut mid-way; then silence. The writes are far
      // enough apart that a busy machine (CI runs three workers on two cores) does not see two
      // of them arrive as one read.
      const second = event("world");
      res.write(event("hello "));
      setTimeout(() => res.write(second.slice(0, 10)), 200);
      setTimeout(() => res.write(second.slice(10)), 400);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("streamChatCall", () => {
  it("forwards each upstream write as it comes and gives up on a stalled stream in-band", async () => {
    const target = { mode: "user-key" as const, baseUrl, apiKey: "aio_stall_test" };
    let outcome: ChatOutcome | undefined;
    const response = await streamChatCall({
      db: h().opened.db,
      upstream: { client: clientFor(target), target },
      body: { model: "gemini", messages: [{ role: "user", content: "hi" }] },
      signal: new AbortController().signal,
      requestId: "req_test",
      idleTimeoutMs: 800,
      recorder: {
        finish: async (o) => {
          outcome = o;
        },
      },
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const writes: string[] = [];
    const started = Date.now();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      writes.push(decoder.decode(value));
    }
    expect(writes.slice(0, 3)).toEqual([
      event("hello "),
      event("world").slice(0, 10),
      event("world").slice(10),
    ]);
    const last = JSON.parse(
      writes
        .at(-1)!
        .trim()
        .replace(/^data: /, ""),
    ) as {
      error: { type: string; source: string; request_id: string };
    };
    expect(last.error).toMatchObject({
      type: "server_error",
      source: "upstream",
      request_id: "req_test",
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(outcome?.status).toBe("interrupted");
    expect(outcome?.state.content).toBe("hello world");
  });
});
