// The chat page answering: streaming, Stop, thoughts, tools, JSON mode, Markdown and code, an
// XSS payload rendered inert, a stream cut mid-way, errors before the stream, and a reload
// mid-answer — each against the standalone simulator with the test user's own key, so the
// simulator's counters for that key are this test's alone.
import { execFileSync } from "node:child_process";
import { simOrigin } from "../playwright.config";
import { expect, test } from "./fixtures";
import {
  answerText,
  answers,
  ask,
  chatIdOf,
  expectAnswerEnded,
  expectSimStreams,
  input,
  lastAnswer,
  openChat,
  paced,
  questions,
  recordLastAnswer,
  workspace,
} from "./support/chat-page";
import { anonymous, userWithKey } from "./support/generate";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

test("an answer appears token by token and ends with its tokens, credits and duration", async ({
  page,
}) => {
  const key = await userWithKey(page, "aio_chatstream");
  await openChat(page);
  const log = await recordLastAnswer(page);
  await ask(page, `Explain server-sent events ${paced(40)}`);
  // The question is on screen at once, before any answer.
  await expect(questions(page).first()).toContainText("Explain server-sent events");
  const answer = lastAnswer(page);
  await expect(answer).toHaveAttribute("data-status", "streaming");
  await expect(workspace(page).getByTestId("chat-stop")).toBeVisible();
  // A screen reader hears the answer once it is finished, not token by token.
  const announcer = workspace(page).getByTestId("chat-announcer");
  await expect(announcer).toHaveText("");
  await expectAnswerEnded(answer);
  await expect(announcer).toContainText("Gemini answered: ");

  // While it streamed, the text grew in steps over the four seconds the 40 chunks took — not in
  // one piece at the end. (A busy machine paints fewer frames, so the count of steps is modest;
  // the time the answer spent growing on screen is what buffering could not fake.)
  const growing = (await log())
    .filter((s) => s.status === "streaming" && s.answer > 0)
    .filter((s, i, all) => i === 0 || s.answer > all[i - 1]!.answer);
  const steps = growing.map((s) => s.answer).join(",");
  expect(growing.length, steps).toBeGreaterThanOrEqual(5);
  expect(growing.at(-1)!.at - growing[0]!.at, steps).toBeGreaterThan(2000);

  const stats = answer.getByTestId("message-stats");
  await expect(stats).toContainText(/\d+ in \/ 40 out tokens/);
  await expect(stats).toContainText(/\d+ credits?/);
  await expect(stats).toContainText(/\d+(\.\d)? s|\d+ ms/);
  await expect(workspace(page).getByTestId("chat-send")).toBeVisible();
  await chatIdOf(page);
  await expectSimStreams(key, { started: 1, completed: 1, aborted: 0, in_flight: 0 });
});

test("Stop keeps what arrived, marks it stopped, and aborts the upstream stream", async ({
  page,
}) => {
  const key = await userWithKey(page, "aio_chatstop");
  await openChat(page);
  await ask(page, `Tell me a long story about lighthouses ${paced(100)}`);
  const answer = lastAnswer(page);
  await expect.poll(async () => (await answerText(answer)).length).toBeGreaterThan(40);
  await workspace(page).getByTestId("chat-stop").click();
  const atStop = await answerText(answer);

  await expectAnswerEnded(answer, "interrupted");
  await expect(answer.getByTestId("message-interrupted")).toContainText("Stopped");
  await expect(workspace(page).getByTestId("chat-send")).toBeVisible();
  // The stored answer replaces the live one (it may hold the token that was on its way when Stop
  // was pressed); from then on nothing more arrives.
  await page.waitForTimeout(1000);
  const kept = await answerText(answer);
  // Markdown marks differ: the live answer closes an open "**" for display, the stored one not.
  const words = (text: string) => text.replace(/[*_`]/g, "");
  expect(words(kept).startsWith(words(atStop).slice(0, -12)), `${atStop} / ${kept}`).toBe(true);
  expect(kept.length).toBeLessThan(atStop.length + 40);
  // What was cut mid-syntax is shown closed, as while it streamed: no stray "**".
  expect(kept).not.toContain("**");
  await page.waitForTimeout(1500);
  expect(await answerText(answer)).toBe(kept);
  await expectSimStreams(key, { started: 1, aborted: 1, completed: 0, in_flight: 0 });

  // Kept on the server too: a reload shows the same stopped answer.
  await page.reload();
  await expectAnswerEnded(lastAnswer(page), "interrupted");
  expect(await answerText(lastAnswer(page))).toBe(kept);
});

test("thoughts stream in their own block before the answer, fold, and can be opened", async ({
  page,
}) => {
  await userWithKey(page, "aio_chatthink");
  await openChat(page);
  const log = await recordLastAnswer(page);
  // A slow connection (5 kB/s) lets the page show each phase for seconds, however busy the
  // machine: the e2e simulator thinks and answers within a fraction of one.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: 5000,
    uploadThroughput: -1,
  });
  await ask(page, "Why is the sky blue?");
  const answer = lastAnswer(page);
  await expectAnswerEnded(answer);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });

  // The thoughts were on screen, open and alone, before any word of the answer; then the block
  // folded as the answer came.
  const snaps = await log();
  const thinking = snaps.findIndex(
    (s) => s.thinking === "true" && s.thoughts > 0 && s.answer === 0,
  );
  const answering = snaps.findIndex((s) => s.thinking === "false" && s.answer > 0);
  expect(thinking, JSON.stringify(snaps)).toBeGreaterThanOrEqual(0);
  expect(answering, JSON.stringify(snaps)).toBeGreaterThan(thinking);
  expect(snaps.slice(0, thinking).every((s) => s.thoughts === 0 && s.answer < 40)).toBe(true);

  const thoughts = answer.getByTestId("chat-thoughts");
  const toggle = thoughts.getByRole("button");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(thoughts).not.toContainText("The user is asking about");
  await toggle.click();
  await expect(thoughts).toContainText('The user is asking about "Why is the sky blue?"');
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(thoughts).not.toContainText("The user is asking about");
  expect(await answerText(answer)).toContain("Why is the sky blue?");
});

test("with Show thinking off, answers come without thoughts", async ({ page }) => {
  await userWithKey(page, "aio_chatnothink");
  await openChat(page);
  const panel = workspace(page).getByTestId("chat-settings-panel");
  const showThinking = panel.getByRole("switch", { name: "Show thinking" });
  await expect(showThinking).toBeChecked();
  await showThinking.click();
  await expect(showThinking).not.toBeChecked();
  await ask(page, "Why is the sea salty?");
  await expectAnswerEnded(lastAnswer(page));
  await expect(lastAnswer(page)).toContainText("Why is the sea salty?");
  await expect(lastAnswer(page).getByTestId("chat-thoughts")).toHaveCount(0);
  // The setting belongs to the conversation: it is still off after a reload.
  await chatIdOf(page);
  await page.reload();
  await expect(panel.getByRole("switch", { name: "Show thinking" })).not.toBeChecked();
});

test("tools: the model calls get_weather, the user types its result, the answer quotes it", async ({
  page,
}) => {
  await userWithKey(page, "aio_chattools");
  await openChat(page);
  const panel = workspace(page).getByTestId("chat-settings-panel");
  await panel.getByTestId("insert-tool-example").click();
  await page.getByRole("menuitem", { name: /get_weather/ }).click();
  await expect(panel.getByTestId("chat-tools-count")).toHaveText("1 tool");
  // The caret lands in the tools editor once the menu has closed; then the question is typed.
  await expect(panel.getByTestId("chat-tools-json")).toBeFocused();
  await expect(panel.getByTestId("chat-tools-json")).toHaveValue(/"name": "get_weather"/);

  await ask(page, "What is the weather in Paris today?");
  const call = lastAnswer(page).getByTestId("tool-call");
  await expectAnswerEnded(lastAnswer(page));
  await expect(call).toContainText("get_weather");
  const args = call.getByLabel("Arguments of get_weather");
  expect(JSON.parse((await args.textContent()) ?? "")).toEqual({ city: "Paris" });
  await expect(call).toHaveAttribute("data-pending", "true");
  // The composer waits for the result.
  await expect(workspace(page).getByTestId("composer-note")).toContainText("Answer the tool calls");

  const result = '{"temperature": 21, "conditions": "sunny"}';
  await call.getByTestId("tool-result-input").fill(result);
  await call.getByTestId("tool-result-input").press("Enter");
  await expect(workspace(page).getByTestId("tool-result")).toContainText('"conditions": "sunny"');
  await expect(answers(page)).toHaveCount(2);
  await expectAnswerEnded(lastAnswer(page));
  await expect(lastAnswer(page)).toContainText(`Based on the tool result (${result})`);
  await expect(workspace(page).getByTestId("tool-call")).toHaveAttribute("data-pending", "false");
});

test("JSON mode: the answer is pretty-printed JSON marked valid", async ({ page }) => {
  await userWithKey(page, "aio_chatjson");
  await openChat(page);
  await workspace(page)
    .getByTestId("chat-settings-panel")
    .getByRole("switch", { name: "JSON mode" })
    .click();
  await ask(page, "Describe Paris as a JSON object");
  const answer = lastAnswer(page);
  await expectAnswerEnded(answer);
  await expect(answer.getByTestId("json-verdict")).toHaveText("Valid JSON");
  // The code block is drawn again once its highlighter loads: read it until it holds the JSON.
  await expect(async () => {
    const code = (await answer.locator("pre").first().innerText()).trim();
    expect(code).toContain('\n  "question": ');
    const json = JSON.parse(code) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["question", "answer", "key_points", "confidence"]);
    expect(json.question).toBe("Describe Paris as a JSON object");
  }).toPass({ timeout: 10_000 });
});

test("Markdown: a numbered list, bold, a quote and a highlighted code block that copies", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await userWithKey(page, "aio_chatmd");
  await openChat(page);
  await ask(page, "Show me a code example for calling an API");
  const answer = lastAnswer(page);
  await expectAnswerEnded(answer);

  await expect(answer.locator("ol > li")).toHaveCount(3);
  await expect(answer.locator('[data-streamdown="strong"]').first()).toContainText(
    "Show me a code example for calling an API",
  );
  await expect(answer.locator("blockquote")).toHaveCount(1);
  const block = answer.locator('[data-streamdown="code-block"]');
  await expect(block).toHaveCount(1);
  await expect(block).toContainText("async function ask(question: string)");
  // Shiki colours the tokens: several distinct colours inside the block.
  await expect
    .poll(() =>
      block.evaluate(
        (el) =>
          new Set([...el.querySelectorAll("pre span")].map((s) => getComputedStyle(s).color)).size,
      ),
    )
    .toBeGreaterThan(2);
  // No raw Markdown syntax left on screen.
  expect(await answerText(answer)).not.toMatch(/\*\*|```/);

  await block.locator('[data-streamdown="code-block-copy-button"]').click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('const res = await fetch("/api/v1/chat/completions", { method: "POST" });');
});

test("Enter sends, Shift+Enter breaks the line", async ({ page }) => {
  await userWithKey(page, "aio_chatkeys");
  await openChat(page);
  await input(page).click();
  await page.keyboard.type("line one");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("line two");
  await expect(input(page)).toHaveValue("line one\nline two");
  await expect(questions(page)).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(questions(page)).toHaveCount(1);
  await expect(input(page)).toHaveValue("");
  expect(await questions(page).first().innerText()).toContain("line one\nline two");
  await expectAnswerEnded(lastAnswer(page));
});

/** The answer text in an SSE body, as an OpenAI client joins it. */
function sseContent(body: string): string {
  return body
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => {
      const chunk = JSON.parse(line.slice(6)) as { choices?: { delta?: { content?: string } }[] };
      return chunk.choices?.[0]?.delta?.content ?? "";
    })
    .join("");
}

const runCurl = (code: string, env: Record<string, string>) =>
  execFileSync("bash", ["-c", code], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    // curl's progress meter stays out of the test's output (and in the error if it fails).
    stdio: ["ignore", "pipe", "pipe"],
  });

test("Copy as code: the curl for API in One and for this Studio stream the same answer again", async ({
  page,
}) => {
  const key = await userWithKey(page, "aio_chatcode");
  await openChat(page);
  await ask(page, "What is a monad?");
  await expectAnswerEnded(lastAnswer(page));
  const chatId = await chatIdOf(page);
  const chat = (await (await page.request.get(`/api/v1/chats/${chatId}`)).json()) as {
    messages: { role: string; content: string | null }[];
  };
  const stored = chat.messages.find((m) => m.role === "assistant")!.content!;
  expect(stored).toContain("What is a monad?");

  await workspace(page).getByTestId("chat-copy-as-code").click();
  const dialog = page.getByTestId("chat-code-dialog");
  const upstream = (await dialog.getByTestId("chat-code-upstream-curl").textContent())!;
  expect(upstream).toContain("What is a monad?");
  expect(upstream).not.toContain(key);
  const direct = runCurl(upstream, { AIO_BASE_URL: `${simOrigin}/api/v1`, AIO_API_KEY: key });
  expect(sseContent(direct)).toBe(stored);

  await dialog.getByTestId("chat-code-target-studio").click();
  const studio = (await dialog.getByTestId("chat-code-studio-curl").textContent())!;
  const created = await page.request.post("/api/v1/tokens", { data: { name: "chat code" } });
  expect(created.status(), await created.text()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  expect(sseContent(runCurl(studio, { STUDIO_TOKEN: token }))).toBe(stored);
  await expectSimStreams(key, { started: 3, completed: 3 });
});
