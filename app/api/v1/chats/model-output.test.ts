// The stored chat against a scripted upstream whose answers the simulator would never write:
// control characters and NUL in an answer, tool calls numbered from 1, a tool result in the wrong
// place, settings the next turn could not send.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatStreamAccumulator, createChatSseReader } from "@/lib/chat/stream-accumulator";
import { chatSchema, chatTurnHeaders, type Chat } from "@/lib/schemas/chat";
import { chatCalls } from "@/lib/server/db/schema";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness, withEnv } from "@/lib/testing/server-harness";
import { GET as getChat, PATCH } from "./[id]/route";
import { POST as sendTurn } from "./[id]/messages/route";
import { POST as createChat } from "./route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });
const base = "http://localhost:3000/api/v1/chats";

// The scripted upstream: each request gets the next body in `script` (SSE text).
const script: string[] = [];
const received: unknown[] = [];
let server: http.Server;
let upstreamUrl = "";
const sse = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", model: "gemini", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const answerOf = (content: string) =>
  sse({ role: "assistant", content }) +
  sse({}, "stop") +
  `data: ${JSON.stringify({ id: "c1", choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, credits_consumed: 3 })}\n\ndata: [DONE]\n\n`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(script.shift() ?? answerOf("default"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function call(
  handler: (req: Request, s: { params: Promise<Record<string, string>> }) => Promise<Response>,
  u: TestUser,
  url: string,
  init: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const req = new Request(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      authorization: `Bearer ${u.token}`,
      ...(init.body !== undefined && { "content-type": "application/json" }),
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  return handler(req, { params: Promise.resolve(init.params ?? {}) });
}

async function newChat(u: TestUser, settings?: Record<string, unknown>): Promise<Chat> {
  const res = await call(createChat, u, base, { body: settings ? { settings } : {} });
  expect(res.status).toBe(201);
  return chatSchema.parse(await res.json());
}
const read = async (u: TestUser, id: string) =>
  chatSchema.parse(await (await call(getChat, u, `${base}/${id}`, { params: { id } })).json());

async function turn(u: TestUser, chatId: string, body: unknown) {
  return withEnv({ AIO_BASE_URL: upstreamUrl }, async () => {
    const res = await call(sendTurn, u, `${base}/${chatId}/messages`, {
      body,
      params: { id: chatId },
    });
    const acc = new ChatStreamAccumulator();
    let text = "";
    if (res.headers.get("content-type")?.includes("event-stream")) {
      const reader = createChatSseReader((d) => acc.push(d));
      const r = res.body!.getReader();
      for (;;) {
        const { done, value } = await r.read();
        if (done) break;
        reader.feed(value);
      }
      reader.end();
    } else text = await res.text();
    return { res, answer: acc.state, text };
  });
}
const ask = (content: string, parent_id: string | null = null) => ({
  parent_id,
  message: { role: "user", content },
});
async function settled(u: TestUser, chatId: string) {
  for (let i = 0; i < 40; i++) {
    const chat = await read(u, chatId);
    if (!chat.messages.some((m) => m.status === "streaming")) return chat;
    await new Promise((r) => setTimeout(r, 50));
  }
  return read(u, chatId);
}

describe("model output the server cannot send back as it came", () => {
  it("a control character in an answer (ESC) must not block the next question", async () => {
    const u = await h().makeUser();
    const chat = await newChat(u);
    script.push(answerOf("Red text: \u001b[31mred\u001b[0m done"));
    const first = await turn(u, chat.id, ask("How do I print red text?"));
    expect(first.res.status).toBe(200);
    const answerId = first.res.headers.get(chatTurnHeaders.assistantMessageId)!;
    await settled(u, chat.id);
    const next = await turn(u, chat.id, ask("Thanks, and blue?", answerId));
    expect(next.res.status).toBe(200);
  });

  it("a lone CR in an answer must not block the next question", async () => {
    const u = await h().makeUser();
    const chat = await newChat(u);
    script.push(answerOf("progress\rbar"));
    const first = await turn(u, chat.id, ask("Show a progress bar"));
    const answerId = first.res.headers.get(chatTurnHeaders.assistantMessageId)!;
    await settled(u, chat.id);
    const next = await turn(u, chat.id, ask("And then?", answerId));
    expect(next.res.status).toBe(200);
  });

  it("a NUL in an answer: the answer is still stored and its call recorded", async () => {
    const u = await h().makeUser();
    const chat = await newChat(u);
    script.push(answerOf("before\u0000after"));
    const first = await turn(u, chat.id, ask("Say something odd"));
    expect(first.res.status).toBe(200);
    expect(first.answer.content).toBe("before\u0000after");
    await new Promise((r) => setTimeout(r, 300));
    const stored = await read(u, chat.id);
    const reply = stored.messages.find((m) => m.role === "assistant")!;
    const calls = await h()
      .opened.db.select()
      .from(chatCalls)
      .where(eq(chatCalls.userId, u.user.id));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.credits).toBe(3);
    expect(reply.status).toBe("complete");
    expect(reply.content).toBe("beforeafter");
  });
});

describe("the tree's rules", () => {
  it("a tool result whose parent is a later user question is refused", async () => {
    const u = await h().makeUser();
    const tools = [
      { type: "function", function: { name: "get_weather", parameters: { type: "object" } } },
    ];
    const chat = await newChat(u, { tools });
    script.push(
      sse({
        role: "assistant",
        tool_calls: [
          {
            index: 0,
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: "{}" },
          },
        ],
      }) +
        sse({}, "tool_calls") +
        "data: [DONE]\n\n",
    );
    const first = await turn(u, chat.id, ask("Weather?"));
    const callerId = first.res.headers.get(chatTurnHeaders.assistantMessageId)!;
    await settled(u, chat.id);
    // The person writes a question instead of a result (e.g. after editing)…
    const q = await turn(u, chat.id, ask("Never mind, tell a joke", callerId));
    const question2 = q.res.headers.get(chatTurnHeaders.userMessageId)!;
    await settled(u, chat.id);
    // …then a tool result is posted under that question (not under an assistant).
    const bad = await turn(u, chat.id, {
      parent_id: question2,
      message: { role: "tool", tool_call_id: "call_1", content: "sunny" },
    });
    expect(bad.res.status).toBe(400);
  });
});

describe("settings", () => {
  it("PATCH settings with a NUL inside a tool's parameters is a 400, not a 500", async () => {
    const u = await h().makeUser();
    const chat = await newChat(u);
    const res = await call(PATCH, u, `${base}/${chat.id}`, {
      method: "PATCH",
      body: {
        settings: {
          tools: [
            { type: "function", function: { name: "f", parameters: { description: "a\u0000b" } } },
          ],
        },
      },
      params: { id: chat.id },
    });
    expect(res.status).toBe(400);
  });
});

describe("a tool call at index 1 (no call 0)", () => {
  it("the stored conversation still loads and can go on", async () => {
    const u = await h().makeUser();
    const tools = [{ type: "function", function: { name: "f", parameters: { type: "object" } } }];
    const chat = await newChat(u, { tools });
    script.push(
      sse({
        role: "assistant",
        tool_calls: [
          { index: 1, id: "call_9", type: "function", function: { name: "f", arguments: "{}" } },
        ],
      }) +
        sse({}, "tool_calls") +
        "data: [DONE]\n\n",
    );
    const first = await turn(u, chat.id, ask("Call f"));
    const answerId = first.res.headers.get(chatTurnHeaders.assistantMessageId)!;
    await new Promise((r) => setTimeout(r, 300));
    const res = await call(getChat, u, `${base}/${chat.id}`, { params: { id: chat.id } });
    const raw = (await res.json()) as unknown;
    const parsed = chatSchema.safeParse(raw);
    const next = await turn(u, chat.id, {
      parent_id: answerId,
      message: { role: "tool", tool_call_id: "call_9", content: "ok" },
    });
    expect(parsed.success).toBe(true);
    expect(next.res.status).toBe(200);
  });
});
