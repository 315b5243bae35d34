// The chat page when things go wrong: an XSS payload in a model answer rendered inert, a stream
// cut mid-way, a reload mid-answer, and refusals before the stream (no credits, rate limit, a
// revoked key) shown in words, decided on the error's type.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { simOrigin } from "../playwright.config";
import { expect, test } from "./fixtures";
import { registerThroughUi, uniqueEmail } from "./support/accounts";
import {
  answerText,
  answers,
  ask,
  chatError,
  chatIdOf,
  expectAnswerEnded,
  expectSimStreams,
  input,
  lastAnswer,
  openChat,
  paced,
  questions,
  workspace,
} from "./support/chat-page";
import { anonymous, userWithKey } from "./support/generate";
import { setSimKeyLimits } from "./support/sim-stats";
import { startStudio, stopStudio } from "./support/server";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

test("an XSS payload echoed by the model stays inert text everywhere", async ({ page }) => {
  await userWithKey(page, "aio_chatxss");
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await openChat(page);
  const img = `<img src=x onerror="window.__xss=1">`;
  const script = "<script>window.__xss=1</script>";
  const link = "[click](javascript:window.__xss=1)";
  await ask(page, img);
  await expectAnswerEnded(lastAnswer(page));
  await chatIdOf(page);
  await ask(page, `${script} and ${link}`);
  await expect(answers(page)).toHaveCount(2);
  await expectAnswerEnded(lastAnswer(page));

  // The model's answers echo the payloads (as text), the question bubbles show them as typed.
  await expect(answers(page).first()).toContainText(img);
  await expect(lastAnswer(page)).toContainText(script);
  await expect(lastAnswer(page)).toContainText("click");
  await expect(questions(page).first()).toContainText(img);
  await expect(questions(page).last()).toContainText(`${script} and ${link}`);
  // The conversation is titled from the first question: text there too.
  const item = workspace(page).getByTestId("chat-list-item").first();
  await expect(item).toContainText(img);
  await expect(workspace(page).getByTestId("chat-title")).toHaveText(img);

  await page.reload();
  await expectAnswerEnded(lastAnswer(page));
  // Open the thoughts too: they echo the question as well.
  for (const toggle of await workspace(page).getByTestId("chat-thoughts").getByRole("button").all())
    await toggle.click();
  await expect(workspace(page).getByTestId("chat-thoughts").first()).toContainText(img);
  const found = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    scripts: document.querySelectorAll("main script").length,
    onerror: document.querySelectorAll("[onerror]").length,
    images: document.querySelectorAll('main [data-testid="chat-workspace"] img').length,
    jsLinks: [...document.querySelectorAll("a[href]")].filter((a) =>
      /^\s*javascript:/i.test(a.getAttribute("href") ?? ""),
    ).length,
  }));
  expect(found).toEqual({ xss: undefined, scripts: 0, onerror: 0, images: 0, jsLinks: 0 });
  // The link's words stay, as text.
  await expect(lastAnswer(page).locator("[data-blocked-link]").last()).toHaveText("click");
});

test("a stream cut mid-way keeps what arrived and says the answer was cut short", async ({
  page,
}) => {
  const key = await userWithKey(page, "aio_chatdrop");
  await openChat(page);
  await ask(page, `Tell me about rivers ${paced(20, 30)} [sim:drop]`);
  const answer = lastAnswer(page);
  await expectAnswerEnded(answer, "interrupted");
  const note = answer.getByTestId("message-interrupted");
  // Cut by the upstream, not stopped by the reader: the note says which.
  await expect(note).toContainText("Cut short — API in One's stream broke off");
  await expect(note).not.toContainText("Stopped");
  await expect(note).not.toContainText("{");
  // Half of the 20 chunks arrived and stay on screen.
  expect((await answerText(answer)).length).toBeGreaterThan(20);
  await expect(chatError(page)).toContainText("The answer stopped early");
  await expect(chatError(page)).not.toContainText("{");
  await expectSimStreams(key, { started: 1, dropped: 1, completed: 0 });
  // Stored as such.
  const kept = await answerText(answer);
  await page.reload();
  await expectAnswerEnded(lastAnswer(page), "interrupted");
  expect(await answerText(lastAnswer(page))).toBe(kept);
});

test("a reload mid-answer shows what had arrived, marked interrupted, and the question", async ({
  page,
}) => {
  const key = await userWithKey(page, "aio_chatreload");
  await openChat(page);
  const question = `Explain tides slowly ${paced(100)}`;
  await ask(page, question);
  await chatIdOf(page);
  const answer = lastAnswer(page);
  await expect.poll(async () => (await answerText(answer)).length).toBeGreaterThan(60);
  // The server writes a streaming answer down every half second.
  await page.waitForTimeout(1200);
  const seen = await answerText(answer);
  await page.reload();

  await expect(questions(page)).toHaveText([question]);
  await expectAnswerEnded(lastAnswer(page), "interrupted");
  const after = await answerText(lastAnswer(page));
  expect(after.length).toBeGreaterThanOrEqual(seen.length - 10);
  expect(after).toContain(seen.slice(0, 40));
  await expectSimStreams(key, { started: 1, aborted: 1, in_flight: 0 });
});

test("out of credits: a readable message with a way to top up, not a JSON dump", async ({
  page,
}) => {
  const key = await userWithKey(page, "aio_nocredits_chat");
  await openChat(page);
  await ask(page, "Will this be answered?");
  const alert = chatError(page);
  await expect(alert).toContainText("Your API in One account is out of credits.");
  await expect(alert.getByRole("link", { name: /Top up/ })).toBeVisible();
  await expect(alert).not.toContainText("{");
  // The question stays; its answer says why there is none, in words.
  await expect(questions(page)).toHaveCount(1);
  await expectAnswerEnded(lastAnswer(page), "error");
  await expect(lastAnswer(page).getByTestId("message-error")).toContainText("Not enough credits");
  await expect(workspace(page).getByTestId("chat-messages")).not.toContainText('{"');
  await expectSimStreams(key, { started: 0 });
});

test("rate limited: the wait is shown, counting down, and Send waits for it", async ({ page }) => {
  const key = await userWithKey(page, "aio_chat429");
  // One request a minute for this key, and it is spent.
  await setSimKeyLimits(key, { rateLimitPerMinute: 1 });
  await fetch(`${simOrigin}/api/v1/tasks/spend-the-minute`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  await openChat(page);
  await ask(page, "Am I too fast?");
  const alert = chatError(page);
  await expect(alert).toContainText(/Too many requests — try again in \d+ s\./);
  await expect(alert).not.toContainText("{");
  const note = workspace(page).getByTestId("composer-note");
  await expect(note).toContainText(/Send is back in \d+ s/);
  const seconds = async () => Number((await note.innerText()).match(/(\d+) s/)?.[1]);
  const first = await seconds();
  await input(page).fill("Again?");
  await expect(workspace(page).getByTestId("chat-send")).toBeDisabled();
  await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(first);
});

test("a revoked key: the page says the key was refused and leads to Settings", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // A key cannot be saved once revoked (it is checked first), so this Studio has a revoked
  // server key: its users' chats reach the simulator with it.
  const port = 3197;
  const base = `http://localhost:${port}`;
  const dataDir = path.resolve("tmp/e2e-chat-revoked");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const server = await startStudio(port, {
    DATA_DIR: dataDir,
    AUTH_SECRET: "",
    DATABASE_URL: "",
    PUBLIC_URL: "",
    AIO_BASE_URL: `${simOrigin}/api/v1`,
    AIO_API_KEY: `aio_revoked_${randomUUID().replace(/-/g, "")}`,
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const context = await browser.newContext({ storageState: anonymous, baseURL: base });
  try {
    const page = await context.newPage();
    await registerThroughUi(page, {
      email: uniqueEmail("revoked"),
      password: "chat password",
      base,
    });
    await openChat(page);
    await ask(page, "Is my key fine?");
    const alert = chatError(page);
    await expect(alert).toContainText("API in One rejected your API key.");
    await expect(alert).not.toContainText("{");
    await expectAnswerEnded(lastAnswer(page), "error");
    await alert.getByRole("link", { name: "Open Settings" }).click();
    await expect(page).toHaveURL(`${base}/settings`);
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  } finally {
    await context.close();
    await stopStudio(server.proc);
  }
});
