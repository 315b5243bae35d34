// Page objects for the chat page (/chat): the composer, the messages on screen, a recorder of how
// an answer changed while it streamed (a fast simulator finishes before a poll could see it), and
// conversations seeded through the Studio's own /api/v1/chats with the signed-in session.
import { expect, type Locator, type Page } from "@playwright/test";
import { simChatStreams, type SimChatStreams } from "./chat";

/** The chat workspace inside the layout's main. */
export const workspace = (page: Page) => page.getByRole("main").getByTestId("chat-workspace");
export const input = (page: Page) => workspace(page).getByTestId("chat-input");
export const messages = (page: Page) =>
  workspace(page).getByTestId("chat-messages").getByTestId("chat-message");
export const answers = (page: Page) => messages(page).and(page.locator('[data-role="assistant"]'));
export const questions = (page: Page) => messages(page).and(page.locator('[data-role="user"]'));
export const lastAnswer = (page: Page) => answers(page).last();
export const chatError = (page: Page) => workspace(page).getByTestId("chat-error");

/** Opens /chat (or a conversation) and waits for the composer. */
export async function openChat(page: Page, path = "/chat") {
  await page.goto(path);
  await expect(input(page)).toBeVisible({ timeout: 30_000 });
}

/**
 * Types a question and sends it with Enter, as a person does — once the composer offers Send
 * again (after an answer ends, the page reads the stored conversation before it does).
 */
export async function ask(page: Page, text: string) {
  await expect(workspace(page).getByTestId("chat-send")).toBeVisible({ timeout: 15_000 });
  await input(page).fill(text);
  await input(page).press("Enter");
}

/** Waits until `answer` has ended with `status` (a slow machine: generous but bounded). */
export async function expectAnswerEnded(
  answer: Locator,
  status: "complete" | "interrupted" | "error" = "complete",
) {
  await expect(answer).toHaveAttribute("data-status", status, { timeout: 45_000 });
}

/** The conversation's id, once the address names it. */
export async function chatIdOf(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

/**
 * The answer's own text on screen: without its thoughts, status note and footer numbers, once the
 * Markdown renderer has replaced the plain-text stand-in it shows while it loads (after a reload,
 * `**bold**` reads with its asterisks for a moment).
 */
export async function answerText(answer: Locator): Promise<string> {
  await expect(answer.locator('[data-markdown="loading"]')).toHaveCount(0);
  return answer.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    const apart = ["chat-thoughts", "message-stats", "message-interrupted", "message-error"];
    copy
      .querySelectorAll(apart.map((id) => `[data-testid="${id}"]`).join(", "))
      .forEach((n) => n.remove());
    return (copy.textContent ?? "").trim();
  });
}

export interface AnswerSnapshot {
  status: string;
  /** "true" while the thoughts block says the model is thinking. */
  thinking: string | null;
  /** Characters of thoughts on screen (0 when the block is folded or absent). */
  thoughts: number;
  /** Characters of the answer itself (everything but the thoughts). */
  answer: number;
  at: number;
}

/**
 * Records every change of the last answer on screen from now on (a MutationObserver in the page),
 * so a test can check the order things appeared in however fast the simulator streams.
 */
export async function recordLastAnswer(page: Page): Promise<() => Promise<AnswerSnapshot[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __answerLog: unknown[]; __answerObserver?: MutationObserver };
    w.__answerObserver?.disconnect();
    w.__answerLog = [];
    const snap = () => {
      const all = document.querySelectorAll('[data-testid="chat-message"][data-role="assistant"]');
      const el = all[all.length - 1];
      if (!el) return;
      const thoughtsEl = el.querySelector('[data-testid="chat-thoughts"]');
      const thoughts = thoughtsEl?.textContent?.length ?? 0;
      const open = thoughtsEl?.querySelector('[data-state="open"]') ? thoughts : 0;
      const entry = {
        status: el.getAttribute("data-status") ?? "",
        thinking: thoughtsEl?.getAttribute("data-thinking") ?? null,
        thoughts: open,
        answer: (el.textContent?.length ?? 0) - thoughts,
        at: performance.now(),
      };
      const prev = w.__answerLog.at(-1) as typeof entry | undefined;
      if (
        !prev ||
        prev.status !== entry.status ||
        prev.thinking !== entry.thinking ||
        prev.thoughts !== entry.thoughts ||
        prev.answer !== entry.answer
      )
        w.__answerLog.push(entry);
    };
    w.__answerObserver = new MutationObserver(snap);
    w.__answerObserver.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["data-status", "data-thinking", "data-state"],
    });
  });
  return () =>
    page.evaluate(() => (window as unknown as { __answerLog: AnswerSnapshot[] }).__answerLog);
}

/** Polls the simulator until `key`'s chat stream counters match `expected`. */
export async function expectSimStreams(key: string, expected: Partial<SimChatStreams>) {
  await expect
    .poll(() => simChatStreams(key), { timeout: 15_000, message: `chat_streams of ${key}` })
    .toMatchObject(expected);
}

// ---- Conversations made through the API (the page's session), for tests about what is shown.

interface StoredMessage {
  id: string;
  status: string;
}
interface StoredChat {
  id: string;
  active_leaf_id: string | null;
  messages: StoredMessage[];
  settings: Record<string, unknown>;
}

async function readChat(page: Page, chatId: string): Promise<StoredChat> {
  const res = await page.request.get(`/api/v1/chats/${chatId}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as StoredChat;
}

export async function createChatViaApi(
  page: Page,
  settings: Record<string, unknown> = {},
): Promise<string> {
  const res = await page.request.post("/api/v1/chats", { data: { settings } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as StoredChat).id;
}

export async function patchChatSettings(
  page: Page,
  chatId: string,
  settings: Record<string, unknown>,
) {
  const current = await readChat(page, chatId);
  const res = await page.request.patch(`/api/v1/chats/${chatId}`, {
    data: { settings: { ...current.settings, ...settings } },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Sends one question under the active leaf and waits until its answer is stored as ended. */
export async function askViaApi(page: Page, chatId: string, content: string) {
  const before = await readChat(page, chatId);
  const res = await page.request.post(`/api/v1/chats/${chatId}/messages`, {
    data: { parent_id: before.active_leaf_id, message: { role: "user", content } },
    timeout: 45_000,
  });
  expect(res.status(), await res.text()).toBe(200);
  await expect
    .poll(async () => (await readChat(page, chatId)).messages.map((m) => m.status), {
      timeout: 15_000,
    })
    .not.toContain("streaming");
}

/** `[sim:chunks=NxMS]`: an answer paced in real milliseconds (the e2e simulator runs 50× fast). */
export const paced = (n: number, ms = 100) => `[sim:chunks=${n}x${ms}]`;
