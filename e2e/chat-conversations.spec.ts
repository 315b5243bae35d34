// Conversations on the chat page: versions of an answer (regenerate) and of a question (edit and
// resend, the old branch kept), the sidebar (new chat by button and keys, search, rename, delete
// with undo), a phone's screen, and axe on a conversation holding thoughts, code, JSON and a tool
// call, in light and dark.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, setTheme, test } from "./fixtures";
import {
  answers,
  ask,
  askViaApi,
  chatIdOf,
  createChatViaApi,
  expectAnswerEnded,
  input,
  lastAnswer,
  messages,
  openChat,
  patchChatSettings,
  questions,
  workspace,
} from "./support/chat-page";
import { toolExamples } from "../lib/chat/tool-examples";
import { anonymous, userWithKey } from "./support/generate";

test.use({ storageState: anonymous });
test.describe.configure({ timeout: 120_000 });

const switcher = (message: Locator) => message.getByTestId("branch-switcher");
const messageId = (message: Locator) => message.getAttribute("data-message-id");

test("regenerate adds a second answer; the versions switch back and forth and stay chosen", async ({
  page,
}) => {
  await userWithKey(page, "aio_chatregen");
  await openChat(page);
  await ask(page, "Tell me about tides");
  await expectAnswerEnded(lastAnswer(page));
  const chatId = await chatIdOf(page);
  const firstId = await messageId(lastAnswer(page));

  await lastAnswer(page).getByTestId("regenerate").click();
  await expect.poll(() => messageId(lastAnswer(page))).not.toBe(firstId);
  await expectAnswerEnded(lastAnswer(page));
  const secondId = await messageId(lastAnswer(page));
  await expect(answers(page)).toHaveCount(1);
  await expect(switcher(lastAnswer(page))).toContainText("2 / 2");
  await expect(lastAnswer(page)).toContainText("Tell me about tides");

  await switcher(lastAnswer(page)).getByRole("button", { name: "Previous version" }).click();
  await expect(switcher(lastAnswer(page))).toContainText("1 / 2");
  await expect.poll(() => messageId(lastAnswer(page))).toBe(firstId);
  // The choice is saved with the conversation.
  await page.reload();
  await expect(switcher(lastAnswer(page))).toContainText("1 / 2");
  expect(await messageId(lastAnswer(page))).toBe(firstId);
  await switcher(lastAnswer(page)).getByRole("button", { name: "Next version" }).click();
  await expect.poll(() => messageId(lastAnswer(page))).toBe(secondId);
  expect(page.url()).toContain(chatId);
});

test("editing an earlier question resends it as a new branch; the old one is kept", async ({
  page,
}) => {
  await userWithKey(page, "aio_chatedit");
  await openChat(page);
  await ask(page, "Tell me about tides");
  await expectAnswerEnded(lastAnswer(page));
  await ask(page, "And about the moon?");
  await expect(answers(page)).toHaveCount(2);
  await expectAnswerEnded(lastAnswer(page));

  const first = questions(page).first();
  await first.getByTestId("edit-message-button").click();
  const editor = workspace(page).getByTestId("edit-message");
  await editor.getByRole("textbox").fill("Tell me about waves");
  await editor.getByRole("textbox").press("Enter");

  // The new branch: the edited question and its own answer; the follow-up is not on it.
  await expect(questions(page)).toHaveCount(1);
  await expect(questions(page).first()).toContainText("Tell me about waves");
  await expectAnswerEnded(lastAnswer(page));
  await expect(lastAnswer(page)).toContainText("Tell me about waves");
  await expect(switcher(questions(page).first())).toContainText("2 / 2");

  // The old branch, whole.
  await switcher(questions(page).first()).getByRole("button", { name: "Previous version" }).click();
  await expect(questions(page)).toHaveCount(2);
  await expect(questions(page).first()).toContainText("Tell me about tides");
  await expect(questions(page).last()).toContainText("And about the moon?");
  await expect(lastAnswer(page)).toContainText("And about the moon?");
  await expect(switcher(questions(page).first())).toContainText("1 / 2");

  await switcher(questions(page).first()).getByRole("button", { name: "Next version" }).click();
  await expect(questions(page)).toHaveCount(1);
  await expect(questions(page).first()).toContainText("Tell me about waves");
  await page.reload();
  await expect(questions(page)).toHaveCount(1);
  await expect(questions(page).first()).toContainText("Tell me about waves");
});

const sidebar = (page: Page) => workspace(page).getByTestId("chat-sidebar");
const items = (page: Page) => sidebar(page).getByTestId("chat-list-item");
const item = (page: Page, title: string | RegExp) => items(page).filter({ hasText: title });

async function itemAction(page: Page, title: string, action: "chat-rename" | "chat-delete") {
  await item(page, title).hover();
  await item(page, title).getByTestId("chat-item-menu").click();
  await page.getByTestId(action).click();
}

test("sidebar: new chat by button and by Ctrl+Shift+O, search, rename, delete with undo", async ({
  page,
}) => {
  await userWithKey(page, "aio_chatlist");
  await openChat(page);
  await expect(sidebar(page).getByTestId("chat-list-empty")).toBeVisible();
  await ask(page, "Rivers of Europe");
  await expectAnswerEnded(lastAnswer(page));
  const rivers = await chatIdOf(page);
  await expect(item(page, "Rivers of Europe")).toHaveAttribute("data-chat-id", rivers);

  await sidebar(page).getByTestId("new-chat").click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(workspace(page).getByTestId("chat-welcome")).toBeVisible();
  await expect(input(page)).toBeFocused();
  await ask(page, "Mountains of Asia");
  await expectAnswerEnded(lastAnswer(page));
  await chatIdOf(page);
  await expect(items(page)).toHaveCount(2);
  // Newest activity first.
  await expect(items(page).first()).toContainText("Mountains of Asia");

  // The keys work from anywhere on the page (here the search box) and land in the message box.
  await sidebar(page).getByTestId("chat-search").focus();
  await page.keyboard.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/chat$/);
  await expect(input(page)).toBeFocused();
  await expect(messages(page)).toHaveCount(0);

  // Search looks through titles and messages.
  const search = sidebar(page).getByTestId("chat-search");
  await search.fill("rivers");
  await expect(items(page)).toHaveCount(1);
  await expect(items(page)).toContainText("Rivers of Europe");
  await search.fill("no such words anywhere");
  await expect(sidebar(page).getByTestId("chat-list-empty")).toContainText("No matches");
  await search.fill("");
  await expect(items(page)).toHaveCount(2);

  await itemAction(page, "Rivers of Europe", "chat-rename");
  const rename = sidebar(page).getByTestId("chat-rename-input");
  await rename.fill("Great rivers");
  await rename.press("Enter");
  await expect(item(page, "Great rivers")).toHaveCount(1);
  await page.reload();
  await expect(item(page, "Great rivers")).toHaveAttribute("data-chat-id", rivers);

  // Delete, undo: it comes back; delete again and let the undo notice close: it is gone for good.
  await itemAction(page, "Great rivers", "chat-delete");
  await expect(item(page, "Great rivers")).toHaveCount(0);
  const toast = page.getByTestId("chat-delete-toast");
  await expect(toast).toContainText("Deleted “Great rivers”");
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(item(page, "Great rivers")).toHaveCount(1);
  await itemAction(page, "Great rivers", "chat-delete");
  await expect(item(page, "Great rivers")).toHaveCount(0);
  await expect(toast).toBeHidden({ timeout: 15_000 });
  await expect
    .poll(async () => (await page.request.get(`/api/v1/chats/${rivers}`)).status())
    .toBe(404);
  await page.reload();
  await expect(items(page)).toHaveCount(1);
  await expect(items(page)).toContainText("Mountains of Asia");
});

test("the list follows a streaming answer, stops when the reader scrolls up, and ↓ brings it back", async ({
  page,
}) => {
  await userWithKey(page, "aio_chatscroll");
  await openChat(page);
  await ask(page, "Show me a code example of a queue");
  await expectAnswerEnded(lastAnswer(page));
  await ask(page, "Explain it again, slowly [sim:chunks=400x50]");
  await expect(lastAnswer(page)).toHaveAttribute("data-status", "streaming");
  const list = workspace(page).getByTestId("chat-messages");
  // The scrolling element around the messages: where the reader is, and how far from its end.
  const scroll = () =>
    list.evaluate((el) => {
      let box: HTMLElement | null = el.parentElement;
      while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
      if (!box) return { top: -1, fromEnd: -1 };
      const top = Math.round(box.scrollTop);
      return { top, fromEnd: Math.round(box.scrollHeight - box.scrollTop - box.clientHeight) };
    });
  const fromEnd = async () => (await scroll()).fromEnd;
  const place = async () => (await scroll()).top;
  await expect.poll(fromEnd).toBeLessThan(80);
  const down = workspace(page).getByTestId("chat-scroll-bottom");
  await expect(down).toBeHidden();

  await list.hover();
  await page.mouse.wheel(0, -600);
  await expect(down).toBeVisible();
  // The wheel's scroll lands (it may take a few frames on a busy machine), then the reader stays.
  await expect.poll(fromEnd).toBeGreaterThan(200);
  let left = -1;
  await expect
    .poll(async () => {
      const now = await place();
      const settled = now === left;
      left = now;
      return settled;
    })
    .toBe(true);
  const away = await fromEnd();
  // More text arrives below; the reader's place stays where they left it.
  await expect.poll(fromEnd, { timeout: 15_000 }).toBeGreaterThan(away + 100);
  expect(await place()).toBe(left);
  await expect(lastAnswer(page)).toHaveAttribute("data-status", "streaming");

  await down.click();
  await expect.poll(fromEnd).toBeLessThan(80);
  await expect(down).toBeHidden();
  await expectAnswerEnded(lastAnswer(page));
  await expect.poll(fromEnd).toBeLessThan(80);
});

test("on a phone: nothing overflows sideways and the conversations open from their button", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await userWithKey(page, "aio_chatphone");
  await openChat(page);
  await ask(page, "Show me a code example with a very long line of TypeScript");
  await expectAnswerEnded(lastAnswer(page));
  await chatIdOf(page);
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expect(workspace(page).getByTestId("chat-sidebar")).toBeHidden();

  await workspace(page).getByTestId("open-conversations").click();
  const sheet = page.getByRole("dialog", { name: "Conversations" });
  await expect(sheet).toBeVisible();
  const entry = sheet.getByTestId("chat-list-item");
  await expect(entry).toHaveCount(1);
  await sheet.getByTestId("new-chat").click();
  await expect(sheet).toBeHidden();
  await expect(page).toHaveURL(/\/chat$/);
  await workspace(page).getByTestId("open-conversations").click();
  await page.getByRole("dialog", { name: "Conversations" }).getByRole("link").first().click();
  await expect(page.getByRole("dialog", { name: "Conversations" })).toBeHidden();
  await expect(lastAnswer(page)).toHaveAttribute("data-status", "complete");
  expect(await overflow()).toBeLessThanOrEqual(0);
});

/** Serious and critical violations, one readable line per rule and its elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary ?? ""}`).join("\n"),
    );
}

test("axe: a conversation with thoughts, code, JSON and a tool call, light and dark", async ({
  page,
}) => {
  await userWithKey(page, "aio_chata11y");
  const chatId = await createChatViaApi(page);
  await askViaApi(page, chatId, "Show me a code example for a retry loop");
  await patchChatSettings(page, chatId, { json_mode: true });
  await askViaApi(page, chatId, "Summarise that as JSON");
  await patchChatSettings(page, chatId, { json_mode: false, tools: [toolExamples[0]!.tool] });
  await askViaApi(page, chatId, "What is the weather in Paris?");

  const problems: string[] = [];
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    await openChat(page, `/chat/${chatId}`);
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    await expect(answers(page)).toHaveCount(3);
    await expect(workspace(page).getByTestId("tool-call")).toHaveAttribute("data-pending", "true");
    await expect(workspace(page).getByTestId("json-verdict")).toHaveText("Valid JSON");
    await expect(workspace(page).locator('[data-streamdown="code-block"]')).toHaveCount(2);
    // One thoughts block open, so its text is checked too.
    await answers(page).first().getByTestId("chat-thoughts").getByRole("button").click();
    await expect(answers(page).first().getByTestId("chat-thoughts")).toContainText(
      "The user is asking about",
    );
    await page.waitForTimeout(400);
    for (const found of await seriousViolations(page)) problems.push(`[${theme}] ${found}`);
  }
  expect(problems, problems.join("\n")).toEqual([]);
});
