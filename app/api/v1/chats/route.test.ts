// The stored chat: a turn is stored before the upstream call and its answer follows the stream;
// regenerate and edit make branches; tool results continue a conversation; refusals are stored
// and answered with their real status; nothing invalid reaches the simulator; strangers get 404.
import { describe, expect, it } from "vitest";
import { ChatStreamAccumulator, createChatSseReader } from "@/lib/chat/stream-accumulator";
import { chatSchema, chatTurnHeaders, type Chat } from "@/lib/schemas/chat";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { uniqueKey } from "@/lib/simulator/test-support";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { GET as getChat, PATCH } from "./[id]/route";
import { POST as sendTurn } from "./[id]/messages/route";
import { GET as listChats, POST as createChat } from "./route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });
const base = "http://localhost:3000/api/v1/chats";

function call(
  handler: (req: Request, s: { params: Promise<Record<string, string>> }) => Promise<Response>,
  u: TestUser | null,
  url: string,
  init: {
    method?: string;
    body?: unknown;
    params?: Record<string, string>;
    signal?: AbortSignal;
  } = {},
) {
  const req = new Request(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      ...(u && { authorization: `Bearer ${u.token}` }),
      ...(init.body !== undefined && { "content-type": "application/json" }),
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    ...(init.signal && { signal: init.signal }),
  });
  return handler(req, { params: Promise.resolve(init.params ?? {}) });
}

async function newChat(u: TestUser, settings?: Record<string, unknown>): Promise<Chat> {
  const res = await call(createChat, u, base, { body: settings ? { settings } : {} });
  expect(res.status).toBe(201);
  return chatSchema.parse(await res.json());
}

async function read(u: TestUser, id: string): Promise<Chat> {
  const res = await call(getChat, u, `${base}/${id}`, { params: { id } });
  expect(res.status).toBe(200);
  return chatSchema.parse(await res.json());
}

/** Sends a turn and reads the whole answer the way the browser does. */
async function turn(u: TestUser, chatId: string, body: unknown) {
  const res = await call(sendTurn, u, `${base}/${chatId}/messages`, {
    body,
    params: { id: chatId },
  });
  const acc = new ChatStreamAccumulator();
  if (res.headers.get("content-type")?.includes("event-stream")) {
    const sse = createChatSseReader((data) => acc.push(data));
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sse.feed(value);
    }
    sse.end();
  }
  return { res, answer: acc.state };
}

const ask = (content: string, parent_id: string | null = null) => ({
  parent_id,
  message: { role: "user", content },
});

describe("chats: a stored conversation", () => {
  it("stores the question, streams the answer, records it and titles the chat", async () => {
    const u = await h().makeUser();
    const chat = await newChat(u);
    expect(chat.title).toBe("New chat");
    const { res, answer } = await turn(u, chat.id, ask("What is a lighthouse for?"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("cache-control")).toContain("no-transform");
    expect(answer.done).toBe(true);
    expect(answer.content).toContain("lighthouse");

    const stored = await read(u, chat.id);
    expect(stored.title).toBe("What is a lighthouse for?");
    const [question, reply] = stored.messages;
    expect(question).toMatchObject({
      role: "user",
      id: res.headers.get(chatTurnHeaders.userMessageId),
    });
    expect(reply).toMatchObject({
      role: "assistant",
      id: res.headers.get(chatTurnHeaders.assistantMessageId),
      parent_id: question!.id,
      status: "complete",
      content: answer.content,
      reasoning: answer.reasoning,
      credits: answer.credits,
      usage: answer.usage,
    });
    expect(reply!.reasoning).toBeTruthy();
    expect(reply!.duration_ms).toBeGreaterThan(0);
    expect(reply!.first_token_ms).toBeGreaterThan(0);
    expect(stored.active_leaf_id).toBe(reply!.id);
    expect(stored.credits).toBe(answer.credits);
  });

  it("regenerates and edits as branches, and switches between them", async () => {
    const u = await h().makeUser();
    const chat = await newChat(u);
    const first = await turn(u, chat.id, ask("Tell me about foxes"));
    const questionId = first.res.headers.get(chatTurnHeaders.userMessageId)!;
    const again = await turn(u, chat.id, { parent_id: questionId });
    expect(again.res.status).toBe(200);
    expect(again.res.headers.get(chatTurnHeaders.userMessageId)).toBeNull();
    const edited = await turn(u, chat.id, ask("Tell me about owls", null));
    expect(edited.answer.content).toContain("owls");

    let stored = await read(u, chat.id);
    const answers = stored.messages.filter((m) => m.parent_id === questionId);
    expect(answers).toHaveLength(2);
    expect(stored.messages.filter((m) => m.parent_id === null)).toHaveLength(2);
    expect(stored.active_leaf_id).toBe(edited.res.headers.get(chatTurnHeaders.assistantMessageId));

    const back = await call(PATCH, u, `${base}/${chat.id}`, {
      method: "PATCH",
      body: { active_leaf_id: answers[0]!.id },
      params: { id: chat.id },
    });
    expect(back.status).toBe(200);
    stored = await read(u, chat.id);
    expect(stored.active_leaf_id).toBe(answers[0]!.id);
  });

  it("continues after a tool call with the user's tool result", async () => {
    const u = await h().makeUser();
    const tools = [
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Weather in a city",
          parameters: {
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
          },
        },
      },
    ];
    const chat = await newChat(u, { tools });
    const first = await turn(u, chat.id, ask("What is the weather in Paris?"));
    expect(first.answer.finishReason).toBe("tool_calls");
    const [toolCall] = first.answer.toolCalls;
    expect(toolCall?.function.name).toBe("get_weather");
    expect(JSON.parse(toolCall!.function.arguments)).toEqual({ city: "Paris" });

    const answerId = first.res.headers.get(chatTurnHeaders.assistantMessageId);
    const result = await turn(u, chat.id, {
      parent_id: answerId,
      message: { role: "tool", tool_call_id: toolCall!.id, content: "18 °C and sunny" },
    });
    expect(result.res.status).toBe(200);
    expect(result.answer.content).toContain("18 °C and sunny");
    const stored = await read(u, chat.id);
    expect(stored.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
    expect(stored.messages[1]!.tool_calls?.[0]?.id).toBe(toolCall!.id);
  });

  it("refuses a misplaced turn with 400 naming the field, and sends nothing upstream", async () => {
    const u = await h().makeUser();
    const chat = await newChat(u);
    const first = await turn(u, chat.id, ask("Hello there"));
    const questionId = first.res.headers.get(chatTurnHeaders.userMessageId)!;
    const before = await h().count(u.upstreamKey, "POST /chat/completions");
    const cases: [unknown, string][] = [
      [ask("Two questions in a row", questionId), "parent_id"],
      [{ parent_id: first.res.headers.get(chatTurnHeaders.assistantMessageId) }, "parent_id"],
      [
        { parent_id: questionId, message: { role: "tool", tool_call_id: "nope", content: "x" } },
        "tool_call_id",
      ],
      [ask("bad \u0000 byte"), "message.content"],
      [{ parent_id: null, message: { role: "system", content: "x" } }, "message.role"],
    ];
    for (const [body, param] of cases) {
      const { res } = await turn(u, chat.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { param: string; type: string } }).error;
      expect(error.type).toBe("invalid_request");
      expect(error.param).toBe(param);
    }
    expect(await h().count(u.upstreamKey, "POST /chat/completions")).toBe(before);
    expect((await read(u, chat.id)).messages).toHaveLength(2);
  });

  it("answers the upstream's refusal with its status before any stream, and stores it", async () => {
    const u = await h().makeUser({ key: uniqueKey("aio_nocredits") });
    const chat = await newChat(u);
    const { res } = await turn(u, chat.id, ask("Anyone there?"));
    expect(res.status).toBe(402);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as { error: { type: string; source: string } };
    expect(body.error).toMatchObject({ type: "insufficient_credits", source: "upstream" });
    const stored = await read(u, chat.id);
    expect(stored.messages.map((m) => [m.role, m.status])).toEqual([
      ["user", "complete"],
      ["assistant", "error"],
    ]);
    expect(stored.messages[1]!.error?.type).toBe("insufficient_credits");
  });

  it("keeps what arrived when the caller goes away mid-stream, marked interrupted", async () => {
    const u = await h().makeUser();
    const chat = await newChat(u);
    const abort = new AbortController();
    const res = await call(sendTurn, u, `${base}/${chat.id}/messages`, {
      body: ask("Write a long poem about the sea [sim:slow]"),
      params: { id: chat.id },
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    abort.abort();
    await reader.cancel();
    let reply;
    for (let i = 0; i < 50; i++) {
      reply = (await read(u, chat.id)).messages[1];
      if (reply?.status !== "streaming") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(reply?.status).toBe("interrupted");
  });

  it("lists, searches, renames and keeps strangers out", async () => {
    const u = await h().makeUser();
    const stranger = await h().makeUser();
    const chat = await newChat(u);
    await turn(u, chat.id, ask("Recipes with saffron"));
    const other = await newChat(u);
    const list = await call(listChats, u, `${base}?q=saffron`);
    const ids = ((await list.json()) as { chats: { id: string }[] }).chats.map((c) => c.id);
    expect(ids).toEqual([chat.id]);
    expect(ids).not.toContain(other.id);
    const renamed = await call(PATCH, u, `${base}/${chat.id}`, {
      method: "PATCH",
      body: { title: "Cooking" },
      params: { id: chat.id },
    });
    expect(((await renamed.json()) as Chat).title).toBe("Cooking");

    expect(
      (await call(getChat, stranger, `${base}/${chat.id}`, { params: { id: chat.id } })).status,
    ).toBe(404);
    expect((await turn(stranger, chat.id, ask("hi"))).res.status).toBe(404);
    expect(
      (await call(getChat, null, `${base}/${chat.id}`, { params: { id: chat.id } })).status,
    ).toBe(401);
    const strangerList = await call(listChats, stranger, base);
    expect(((await strangerList.json()) as { chats: unknown[] }).chats).toEqual([]);
  });
});
