// The mirrored chat route as an OpenAI client meets it, over real HTTP against the production
// build and the standalone simulator: the official `openai` package reads our answers exactly as
// it reads the simulator's, errors keep their status before the stream and arrive in-band after
// it, and every call lands on /usage. Stop, buffering and framings: chat-stream.spec.ts.
import OpenAI, { APIError, AuthenticationError, BadRequestError, RateLimitError } from "openai";
import { anonymous } from "./support/accounts";
import {
  call,
  createApiUser,
  expect,
  expectError,
  simCounts,
  test,
  type ApiUser,
} from "./support/api";
import {
  assemble,
  both,
  chatBody,
  comparableCompletion,
  direct,
  normaliseIds,
  openaiFor,
  ours,
  postAndRead,
  simBalance,
  simChatStreams,
  tokenEvents,
  weatherTool,
  type ChatBody,
} from "./support/chat";
import { setSimKeyLimits } from "./support/sim-stats";

test.use({ storageState: anonymous });

const completionsPath = "/api/v1/chat/completions";
const jsonMode = { response_format: { type: "json_object" as const } };

/** Chat requests the simulator has seen from this user's key. */
async function simChatRequests(user: ApiUser): Promise<number> {
  return (await simCounts(user.key!))["POST /chat/completions"] ?? 0;
}

test.describe("the openai package on our route", () => {
  test("stream: false — the same parsed completion as straight from the simulator", async ({
    apiUser,
  }) => {
    const requests: ChatBody[] = [
      chatBody("Explain back-pressure with a code example"),
      chatBody("What is the weather in Lisbon?", { tools: [weatherTool] }),
      chatBody("List three facts about rivers", jsonMode),
    ];
    const answers: OpenAI.Chat.ChatCompletion[] = [];
    for (const request of requests) {
      const [viaStudio, viaSim] = await both(apiUser, (client) =>
        client.chat.completions.create({ ...request, stream: false }),
      );
      expect(comparableCompletion(viaStudio), JSON.stringify(request)).toEqual(
        comparableCompletion(viaSim),
      );
      expect((viaStudio as { credits_consumed?: number }).credits_consumed).toBeGreaterThan(0);
      answers.push(viaStudio);
    }
    const [plain, tools, json] = answers.map((answer) => answer.choices[0]!);
    expect(plain!.message.content).toContain("```");
    expect(tools!.finish_reason).toBe("tool_calls");
    const toolCall = tools!.message.tool_calls?.[0];
    expect(toolCall?.type === "function" && toolCall.function.name).toBe("get_weather");
    expect(JSON.parse(json!.message.content ?? "")).toEqual(
      expect.objectContaining({ question: expect.any(String) }),
    );

    // An upstream that wraps its answer in {code, message, data}: the SDK still gets the bare one.
    const unwrapped = await openaiFor(apiUser, "studio").chat.completions.create({
      ...chatBody("Say hi [sim:shape=envelope]"),
      stream: false,
    });
    expect(unwrapped.object).toBe("chat.completion");
    expect(unwrapped.choices[0]!.message.content).toContain("hi");
    expect(unwrapped.usage?.total_tokens).toBeGreaterThan(0);
  });

  test("stream: true — chunks assemble to the same thoughts, answer, usage and credits", async ({
    apiUser,
  }) => {
    for (const request of [
      chatBody("Explain eventual consistency with an example"),
      chatBody("Summarise the causes of inflation", jsonMode),
    ]) {
      const [viaStudio, viaSim] = await both(apiUser, async (client) =>
        assemble(await client.chat.completions.create({ ...request, stream: true })),
      );
      expect(viaStudio).toEqual(viaSim);
      expect(viaStudio.chunks).toBeGreaterThan(10);
      expect(viaStudio.reasoning.length).toBeGreaterThan(20);
      expect(viaStudio.finishReason).toBe("stop");
      expect(viaStudio.usage?.total_tokens).toBeGreaterThan(0);
      expect(viaStudio.credits).toBeGreaterThan(0);
      if (request.response_format) {
        expect(JSON.parse(viaStudio.content)).toEqual(
          expect.objectContaining({ answer: expect.any(String) }),
        );
      }
    }
  });

  test("a tool call streamed in pieces assembles into the same call", async ({ apiUser }) => {
    const request = chatBody("What is the weather in Oslo?", { tools: [weatherTool] });
    const [viaStudio, viaSim] = await both(apiUser, async (client) =>
      assemble(await client.chat.completions.create({ ...request, stream: true })),
    );
    expect(viaStudio).toEqual(viaSim);
    expect(viaStudio.finishReason).toBe("tool_calls");
    expect(viaStudio.argumentPieces).toBeGreaterThan(1);
    expect(viaStudio.toolCalls).toHaveLength(1);
    expect(viaStudio.toolCalls[0]!.name).toBe("get_weather");
    expect(JSON.parse(viaStudio.toolCalls[0]!.arguments)).toEqual({ city: expect.any(String) });
  });
});

test.describe("errors before the stream keep their status and JSON body", () => {
  test("401: no app token or a wrong one; the SDK raises AuthenticationError", async ({
    apiUser,
  }) => {
    const body = chatBody("Hello");
    expectError(await call(apiUser, "POST", completionsPath, { json: body, token: null }), {
      status: 401,
      type: "authentication_error",
    });
    const wrong = openaiFor(apiUser, "studio", "ais_not_a_real_token");
    const error = await wrong.chat.completions.create({ ...body, stream: true }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as APIError).status).toBe(401);
    // The stored conversations too, whatever the method they take.
    const chatId = crypto.randomUUID();
    for (const [method, path] of [
      ["GET", "/api/v1/chats"],
      ["POST", "/api/v1/chats"],
      ["GET", `/api/v1/chats/${chatId}`],
      ["PATCH", `/api/v1/chats/${chatId}`],
      ["DELETE", `/api/v1/chats/${chatId}`],
      ["POST", `/api/v1/chats/${chatId}/messages`],
    ] as const) {
      for (const token of [null, "ais_not_a_real_token"]) {
        const answer = await call(apiUser, method, path, {
          token,
          ...(method === "GET" || method === "DELETE" ? {} : { json: {} }),
        });
        expectError(answer, { status: 401, type: "authentication_error" }, `${method} ${path}`);
      }
    }
    expect(await simChatRequests(apiUser)).toBe(0);
  });

  test("402: the user's own key has no credits; status 402, insufficient_credits", async ({
    browser,
  }) => {
    const poor = await createApiUser(browser, { label: "nocredits" });
    expect(poor.key).toMatch(/^aio_nocredits/);
    // createApiUser gives every key a generous balance: take it back.
    await setSimKeyLimits(poor.key!, { credits: 0 });
    const answer = await call(poor, "POST", completionsPath, { json: chatBody("Hello") });
    expectError(answer, { status: 402, type: "insufficient_credits", source: "upstream" });
    const error = await openaiFor(poor, "studio")
      .chat.completions.create({ ...chatBody("Hello"), stream: true })
      .catch((e) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(402);
    expect((error as APIError).type).toBe("insufficient_credits");
  });

  test("429: the upstream's rate limit, then the Studio's own pause, both with Retry-After", async ({
    apiUser,
  }) => {
    await setSimKeyLimits(apiUser.key!, { rateLimitPerMinute: 1 });
    // The one request of this minute, straight to the simulator.
    await openaiFor(apiUser, "sim")
      .chat.completions.create({ ...chatBody("Hi"), stream: false })
      .catch(() => undefined);

    const upstream = await openaiFor(apiUser, "studio")
      .chat.completions.create({ ...chatBody("Hello"), stream: true })
      .catch((e) => e);
    expect(upstream).toBeInstanceOf(RateLimitError);
    const upstreamError = upstream as RateLimitError;
    expect(upstreamError.status).toBe(429);
    expect(Number(upstreamError.headers?.get("retry-after"))).toBeGreaterThan(0);
    expect((upstreamError.error as { source?: string }).source).toBe("upstream");

    // The Studio learnt of the 429: the next call waits in its own budget, nothing is sent.
    const before = await simChatRequests(apiUser);
    const answer = await call(apiUser, "POST", completionsPath, { json: chatBody("Again") });
    expectError(answer, { status: 429, type: "rate_limit", source: "studio", charged: false });
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await simChatRequests(apiUser)).toBe(before);
  });

  test("400: an invalid body names the field and nothing reaches the simulator", async ({
    apiUser,
  }) => {
    const cases: [unknown, string][] = [
      [{ messages: [{ role: "user", content: "hi" }] }, "model"],
      [chatBody("hi", { model: "gpt-4o" }), "model"],
      [{ model: "gemini", messages: [] }, "messages"],
      [chatBody("a\u0000b"), "messages[0].content"],
      [chatBody("hi", { reasoning_effort: "max" as never }), "reasoning_effort"],
      [chatBody("hi", { stream: "yes" as never }), "stream"],
    ];
    for (const [body, param] of cases) {
      expectError(
        await call(apiUser, "POST", completionsPath, { json: body }),
        { status: 400, type: "invalid_request", param, source: "studio", charged: false },
        JSON.stringify(body),
      );
    }
    const error = await openaiFor(apiUser, "studio")
      .chat.completions.create({ model: "gemini", messages: [], stream: true })
      .catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe("messages");
    expect(await simChatRequests(apiUser)).toBe(0);
  });
});

test.describe("an error after the first byte", () => {
  test("a stream cut mid-way ends in an in-band error event; the SDK throws, never hangs", async ({
    apiUser,
  }) => {
    const request = chatBody("Tell me a long story [sim:drop]");
    const read = await postAndRead(ours(apiUser), apiUser.token, request);
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(read.brokenOff).toBe(false);
    expect(tokenEvents(read.events).length).toBeGreaterThan(3);
    const last = JSON.parse(read.events.at(-1)!.data) as { error: Record<string, unknown> };
    expect(last.error).toMatchObject({ type: "server_error", source: "upstream" });
    expect(read.events.some((e) => e.data === "[DONE]")).toBe(false);

    const started = Date.now();
    const thrown = await assemble(
      await openaiFor(apiUser, "studio").chat.completions.create({ ...request, stream: true }),
    ).catch((e) => e);
    expect(thrown).toBeInstanceOf(APIError);
    expect((thrown as APIError).type).toBe("server_error");
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect.poll(() => simChatStreams(apiUser.key!)).toMatchObject({ dropped: 2 });
  });

  test("the upstream's own in-band error passes through and the SDK throws it", async ({
    apiUser,
  }) => {
    const request = chatBody("Tell me a story [sim:stream-error]");
    const viaStudio = await postAndRead(ours(apiUser), apiUser.token, request);
    const viaSim = await postAndRead(direct, apiUser.key!, request);
    expect(viaStudio.status).toBe(200);
    expect(normaliseIds(viaStudio.text)).toBe(normaliseIds(viaSim.text));
    const thrown = await assemble(
      await openaiFor(apiUser, "studio").chat.completions.create({ ...request, stream: true }),
    ).catch((e) => e);
    expect(thrown).toBeInstanceOf(APIError);
    expect((thrown as APIError).type).toBe("server_error");
  });
});

test("usage: every call's credits under model gemini", async ({ apiUser }) => {
  const client = openaiFor(apiUser, "studio");
  const balanceBefore = await simBalance(apiUser.key!);
  const once = await client.chat.completions.create({
    ...chatBody("Count to three"),
    stream: false,
  });
  const streamed = await assemble(
    await client.chat.completions.create({ ...chatBody("Count to four"), stream: true }),
  );
  const credits = (once as { credits_consumed?: number }).credits_consumed! + streamed.credits!;
  expect(credits).toBeGreaterThanOrEqual(2);
  expect(balanceBefore - (await simBalance(apiUser.key!))).toBe(credits);

  const usage = await call(apiUser, "GET", "/api/v1/usage?days=1&tz=UTC");
  expect(usage.status).toBe(200);
  const reply = usage.json as {
    tz: string;
    models: { model: string; credits: number; tasks: number }[];
    totals: { today: number };
  };
  expect(reply.tz).toBe("UTC");
  expect(reply.models).toEqual([{ model: "gemini", credits, tasks: 2 }]);
  expect(reply.totals.today).toBe(credits);
});
