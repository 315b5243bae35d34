// One turn of a stored conversation: check where it goes in the tree, store the question (or tool
// result) and an empty answer before the upstream hears of it, then stream the answer through
// while its row follows. Nothing invalid is stored or sent: the whole upstream body is validated
// first.
import "server-only";
import { eq } from "drizzle-orm";
import { validateChatRequest } from "@/lib/catalog";
import { chatRequestBody } from "@/lib/chat/chat-request";
import {
  chatMessageOf,
  chatTurnHeaders,
  type ChatMessage,
  type ChatTurn,
} from "@/lib/schemas/chat";
import { ApiError, invalid, notFound } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import { chatMessages, chats, type ChatMessageRow } from "@/lib/server/db/schema";
import type { ChatRequestBody } from "@/lib/server/upstream";
import { getUpstreamClient } from "@/lib/server/upstream-target";
import { messageRecorder } from "./chat-record";
import {
  chatMessagesOf,
  getChatRowOrThrow,
  newChatTitle,
  settingsOf,
  toChatMessage,
} from "./chat-store";
import { streamChatCall } from "./chat-stream";

/** Root → `leaf`, following parent ids. */
function pathTo(leaf: ChatMessageRow | undefined, byId: Map<string, ChatMessageRow>) {
  const path: ChatMessageRow[] = [];
  for (let at = leaf; at; at = at.parentId ? byId.get(at.parentId) : undefined) path.push(at);
  return path.reverse();
}

/** Tool calls of the newest assistant message on the path that no later tool message answers. */
export function unansweredCalls(path: Pick<ChatMessage, "role" | "tool_calls" | "tool_call_id">[]) {
  let last = -1;
  path.forEach((m, i) => {
    if (m.role === "assistant") last = i;
  });
  const calls = last >= 0 ? (path[last]?.tool_calls ?? []) : [];
  const answered = new Set(path.slice(last + 1).map((m) => m.tool_call_id));
  return calls.filter((call) => !answered.has(call.id));
}

/** A title from the first question: its first line, cut at a word near 60 characters. */
export function titleFrom(question: string): string {
  const line = question.trim().split("\n")[0]?.trim() ?? "";
  const chars = Array.from(line); // by code point: an emoji is never cut in half
  if (chars.length <= 60) return line || newChatTitle;
  const cut = chars.slice(0, 60).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > 30 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function checkPlace(turn: ChatTurn, parent: ChatMessageRow | undefined, path: ChatMessage[]) {
  const message = turn.message;
  if (!message) {
    if (!parent || parent.role === "assistant") {
      throw invalid(
        "parent_id: only a question or a tool result can be answered again",
        "parent_id",
      );
    }
    return;
  }
  if (message.role === "user") {
    if (parent && parent.role !== "assistant") {
      throw invalid("parent_id: a question follows an answer", "parent_id");
    }
    return;
  }
  // A tool result follows the answer that called it, or another result of that answer.
  if (
    parent?.role === "user" ||
    !unansweredCalls(path).some((call) => call.id === message.tool_call_id)
  ) {
    throw invalid("tool_call_id: no unanswered tool call with this id here", "tool_call_id");
  }
}

export interface ChatTurnInput {
  db: Database;
  userId: string;
  chatId: string;
  turn: ChatTurn;
  signal: AbortSignal;
  requestId: string;
}

export async function runChatTurn(input: ChatTurnInput): Promise<Response> {
  const { db, userId, chatId, turn } = input;
  const chat = await getChatRowOrThrow(db, userId, chatId);
  const rows = await chatMessagesOf(db, chatId);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const parent = turn.parent_id === null ? undefined : byId.get(turn.parent_id);
  if (turn.parent_id !== null && !parent) throw notFound("Message", "parent_id");
  const path = pathTo(parent, byId).map((row) => toChatMessage(row));
  checkPlace(turn, parent, path);
  if (path.some((m) => m.status === "streaming")) {
    throw new ApiError(
      409,
      "conflict",
      "An answer on this branch is still streaming; stop it first.",
    );
  }

  const settings = settingsOf(chat);
  const now = new Date();
  const newMessage: ChatMessage | null = turn.message
    ? chatMessageOf({
        id: crypto.randomUUID(),
        parent_id: turn.parent_id,
        role: turn.message.role,
        content: turn.message.content,
        tool_call_id: turn.message.role === "tool" ? turn.message.tool_call_id : null,
        status: "complete",
        created_at: now.toISOString(),
      })
    : null;
  const fullPath = newMessage ? [...path, newMessage] : path;
  const waiting = newMessage?.role === "tool" ? unansweredCalls(fullPath) : [];
  const body = chatRequestBody(settings, fullPath);
  const checked = validateChatRequest(body);
  if (!checked.ok) throw invalid(checked.message, checked.field);
  // Resolved before anything is stored: no key, no conversation turn.
  const upstream = waiting.length === 0 ? await getUpstreamClient(userId) : null;

  const answerId = crypto.randomUUID();
  const firstQuestion = newMessage?.role === "user" && !rows.some((r) => r.role === "user");
  await db.transaction(async (tx) => {
    if (newMessage) {
      await tx.insert(chatMessages).values({
        id: newMessage.id,
        chatId,
        parentId: newMessage.parent_id,
        role: newMessage.role,
        content: newMessage.content,
        toolCallId: newMessage.tool_call_id,
        status: "complete",
        createdAt: now,
      });
    }
    if (upstream) {
      await tx.insert(chatMessages).values({
        id: answerId,
        chatId,
        parentId: newMessage?.id ?? turn.parent_id,
        role: "assistant",
        content: "",
        status: "streaming",
        jsonMode: settings.json_mode,
        // Just after the question, so the two never tie in the tree's order.
        createdAt: new Date(now.getTime() + 1),
        heartbeatAt: new Date(),
      });
    }
    await tx
      .update(chats)
      .set({
        activeLeafId: upstream ? answerId : (newMessage?.id ?? chat.activeLeafId),
        updatedAt: new Date(),
        ...(firstQuestion &&
          chat.title === newChatTitle && { title: titleFrom(newMessage?.content ?? "") }),
      })
      .where(eq(chats.id, chatId));
  });
  if (!upstream) {
    // Other calls of the same answer still wait for their results: nothing to ask yet.
    return Response.json({ message: newMessage }, { status: 201 });
  }

  const ids: Record<string, string> = { [chatTurnHeaders.assistantMessageId]: answerId };
  if (newMessage) ids[chatTurnHeaders.userMessageId] = newMessage.id;
  let response: Response;
  try {
    response = await streamChatCall({
      db,
      upstream,
      body: checked.body as ChatRequestBody,
      signal: input.signal,
      requestId: input.requestId,
      recorder: messageRecorder(db, userId, answerId),
    });
  } catch (err) {
    // The refusal is stored on the answer's row too: say which, so the page can show it there.
    if (err instanceof ApiError) Object.assign(err.headers, ids);
    throw err;
  }
  if (newMessage) response.headers.set(chatTurnHeaders.userMessageId, newMessage.id);
  response.headers.set(chatTurnHeaders.assistantMessageId, answerId);
  return response;
}
