// The mirrored chat stream's plumbing, over real HTTP against the production build and the
// standalone simulator: Stop (a closed connection) aborts the upstream request at once, on the
// mirrored route and on a stored turn; nothing is buffered on the way; and every SSE framing the
// simulator can send passes through byte for byte and reads the same in the `openai` package.
import { APIUserAbortError } from "openai";
import { anonymous } from "./support/accounts";
import { call, expect, test } from "./support/api";
import {
  assemble,
  both,
  chatBody,
  contentOf,
  direct,
  normaliseIds,
  openaiFor,
  ours,
  postAndRead,
  simChatCalls,
  simChatStreams,
  tokenEvents,
} from "./support/chat";

test.use({ storageState: anonymous });

/** Reads until some answer text and `n` pieces in all (thoughts too) arrived, then aborts, as Stop does. */
const stopAfterContent = (n: number) => (_: unknown, events: { data: string }[]) =>
  contentOf(events).length > 0 && tokenEvents(events).length >= n;

test.describe("Stop", () => {
  test("aborting our stream aborts the upstream's at once, and the call is on /usage", async ({
    apiUser,
  }) => {
    const request = chatBody("Explain back-pressure in streams with a code example [sim:slow]");
    const read = await postAndRead(ours(apiUser), apiUser.token, request, {
      stopAfter: stopAfterContent(5),
    });
    expect(read.status).toBe(200);
    const stoppedAt = Date.now();
    await expect
      .poll(() => simChatStreams(apiUser.key!), { timeout: 2_000, intervals: [50] })
      .toMatchObject({ started: 1, aborted: 1, completed: 0, in_flight: 0 });
    expect(Date.now() - stoppedAt).toBeLessThan(2_000);

    const usage = await call(apiUser, "GET", "/api/v1/usage?days=1&tz=UTC");
    expect(usage.status).toBe(200);
    expect((usage.json as { models: unknown[] }).models).toEqual([
      expect.objectContaining({ model: "gemini", tasks: 1 }),
    ]);
  });

  test("stream: false — a client that gives up aborts the upstream call too", async ({
    apiUser,
  }) => {
    const controller = new AbortController();
    const asked = openaiFor(apiUser, "studio")
      .chat.completions.create(
        { ...chatBody("Explain back-pressure with a code example [sim:slow]"), stream: false },
        { signal: controller.signal },
      )
      .catch((e) => e);
    await expect
      .poll(async () => (await simChatCalls(apiUser.key!)).in_flight, { intervals: [20] })
      .toBe(1);
    controller.abort();
    expect(await asked).toBeInstanceOf(APIUserAbortError);
    await expect
      .poll(() => simChatCalls(apiUser.key!), { timeout: 2_000, intervals: [50] })
      .toMatchObject({ started: 1, aborted: 1, completed: 0, in_flight: 0 });
  });

  test("a stored turn stopped mid-answer keeps what arrived, marked interrupted", async ({
    apiUser,
  }) => {
    const created = await call(apiUser, "POST", "/api/v1/chats", { json: {} });
    expect(created.status, created.text).toBe(201);
    const chatId = (created.json as { id: string }).id;
    const question = "Explain back-pressure in streams with a code example [sim:slow]";
    const read = await postAndRead(
      `${apiUser.base}/api/v1/chats/${chatId}/messages`,
      apiUser.token,
      { parent_id: null, message: { role: "user", content: question } },
      { stopAfter: stopAfterContent(5) },
    );
    expect(read.status).toBe(200);
    const answerId = read.headers.get("x-chat-answer-id");
    expect(answerId).toMatch(/^[0-9a-f-]{36}$/);
    const seen = contentOf(read.events);
    expect(seen.length).toBeGreaterThan(0);

    await expect
      .poll(() => simChatStreams(apiUser.key!), { timeout: 2_000, intervals: [50] })
      .toMatchObject({ started: 1, aborted: 1, in_flight: 0 });
    type Message = { id: string; status: string; content: string; finish_reason: string | null };
    const answer = async () => {
      const chat = await call(apiUser, "GET", `/api/v1/chats/${chatId}`);
      return (chat.json as { messages: Message[] }).messages.find((m) => m.id === answerId);
    };
    await expect.poll(async () => (await answer())?.status).toBe("interrupted");
    const stored = (await answer())!;
    expect(stored.content.startsWith(seen), `${stored.content} starts with ${seen}`).toBe(true);
    expect(stored.finish_reason).toBeNull();
    // The whole answer (the same body, straight to the simulator) is longer than what was kept.
    const full = await postAndRead(direct, apiUser.key!, {
      ...chatBody(question),
      stream: true,
      include_thoughts: true,
      reasoning_effort: "high",
    });
    const whole = contentOf(full.events);
    expect(whole.startsWith(stored.content)).toBe(true);
    expect(stored.content.length).toBeLessThan(whole.length);
  });
});

test("the stream is not buffered: events arrive as the upstream sends them", async ({
  apiUser,
}) => {
  const request = chatBody("Hi there [sim:slow]");
  const viaStudio = await postAndRead(ours(apiUser), apiUser.token, request);
  const viaSim = await postAndRead(direct, apiUser.key!, request);
  for (const read of [viaStudio, viaSim]) expect(read.events.at(-1)?.data).toBe("[DONE]");

  expect(viaStudio.headers.get("content-type")).toMatch(/^text\/event-stream/);
  expect(viaStudio.headers.get("cache-control")).toContain("no-transform");
  expect(viaStudio.headers.get("content-encoding")).toBeNull();

  const spread = (read: typeof viaStudio) => {
    const tokens = tokenEvents(read.events);
    return { first: tokens[0]!.at, last: tokens.at(-1)!.at, count: tokens.length };
  };
  const ourSpread = spread(viaStudio);
  const simSpread = spread(viaSim);
  expect(ourSpread.count).toBe(simSpread.count);
  expect(simSpread.last - simSpread.first, "the simulator's stream is slow").toBeGreaterThan(300);
  // The first piece arrives long before the last, as it does straight from the simulator.
  expect(ourSpread.first - viaStudio.headersAt).toBeLessThan(
    0.25 * (ourSpread.last - viaStudio.headersAt),
  );
  expect(ourSpread.last - ourSpread.first).toBeGreaterThan(
    0.7 * (simSpread.last - simSpread.first),
  );
  // Many reads, not a few big ones: a buffering proxy delivers the answer in one or two. (How
  // many chunks a read coalesces depends on how busy this test's process is: a starved reader
  // saw 25 reads for 117 chunks in a loaded CI run, so the bar is a tenth, not a quarter.)
  expect(viaStudio.reads).toBeGreaterThan(simSpread.count / 10);
});

const framings = ["crlf", "comments", "multiline", "split", "no-done", "all"] as const;

test.describe("SSE framings pass through unchanged", () => {
  for (const framing of framings) {
    test(`[sim:framing=${framing}]: the same bytes, and the SDK reads the same answer`, async ({
      apiUser,
    }) => {
      const request = chatBody(`Explain caching with an example [sim:framing=${framing}]`);
      const viaStudio = await postAndRead(ours(apiUser), apiUser.token, request);
      const viaSim = await postAndRead(direct, apiUser.key!, request);
      expect(viaStudio.status).toBe(200);
      expect(viaSim.status).toBe(200);
      expect(viaStudio.text.length).toBeGreaterThan(1000);
      expect(normaliseIds(viaStudio.text)).toBe(normaliseIds(viaSim.text));

      const [sdkStudio, sdkSim] = await both(apiUser, async (client) =>
        assemble(await client.chat.completions.create({ ...request, stream: true })),
      );
      expect(sdkStudio).toEqual(sdkSim);
      expect(sdkStudio.content.length).toBeGreaterThan(50);
      expect(sdkStudio.finishReason).toBe("stop");
      expect(sdkStudio.content).toBe(contentOf(viaStudio.events.filter(isChunk)));
    });
  }
});

/** A data event that is a completion chunk (not `[DONE]`, not a ping's `{}`). */
function isChunk(event: { data: string }): boolean {
  return event.data !== "[DONE]" && event.data.includes("chat.completion.chunk");
}
