// Conversations and their messages in the database, and their API views. Every read and write is
// scoped to the user: another user's chat is "not found", exactly like one that does not exist.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import {
  chatSettingsSchema,
  defaultChatSettings,
  type Chat,
  type ChatListReply,
  type ChatMessage,
  type ChatSettings,
  type ChatSummary,
} from "@/lib/schemas/chat";
import { notFound } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import { chatMessages, chats, type ChatMessageRow, type ChatRow } from "@/lib/server/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/server/tasks/list-cursor";

export const newChatTitle = "New chat";

/** A "streaming" answer whose server stopped renewing it this long ago died with that server. */
export const staleStreamMs = 30_000;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function settingsOf(row: Pick<ChatRow, "settings">): ChatSettings {
  const parsed = chatSettingsSchema.safeParse(row.settings);
  return parsed.success ? parsed.data : defaultChatSettings;
}

export function toChatMessage(row: ChatMessageRow, now = Date.now()): ChatMessage {
  const stale =
    row.status === "streaming" &&
    (row.heartbeatAt ?? row.createdAt).getTime() < now - staleStreamMs;
  return {
    id: row.id,
    parent_id: row.parentId,
    role: row.role as ChatMessage["role"],
    content: row.content,
    reasoning: row.reasoning,
    tool_calls: (row.toolCalls as ChatMessage["tool_calls"]) ?? null,
    tool_call_id: row.toolCallId,
    status: stale ? "interrupted" : (row.status as ChatMessage["status"]),
    error: (row.error as ChatMessage["error"]) ?? null,
    finish_reason: row.finishReason,
    usage: (row.usage as ChatMessage["usage"]) ?? null,
    credits: row.credits,
    duration_ms: row.durationMs,
    first_token_ms: row.firstTokenMs,
    json_mode: row.jsonMode,
    created_at: iso(row.createdAt),
  };
}

interface SummaryRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  updated_key: string;
  message_count: number | string;
  credits: number | string | null;
}

const summarySelect = sql`
  select c.id, c.title, c.created_at, c.updated_at,
    to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as updated_key,
    (select count(*) from chat_messages m where m.chat_id = c.id) as message_count,
    (select coalesce(sum(m.credits), 0) from chat_messages m where m.chat_id = c.id) as credits
  from chats c`;

function toSummary(row: SummaryRow): ChatSummary {
  return {
    id: row.id,
    title: row.title,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    message_count: Number(row.message_count),
    credits: Number(row.credits ?? 0),
  };
}

/** `%`, `_` and `\` match themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listChats(
  db: Database,
  userId: string,
  query: { q?: string; cursor?: string; limit: number },
): Promise<ChatListReply> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const q = query.q?.trim();
  const rows = rowsOf<SummaryRow>(
    await db.execute(sql`${summarySelect}
      where c.user_id = ${userId}::uuid
      ${q ? sql`and (c.title ilike ${likePattern(q)} or exists (select 1 from chat_messages m where m.chat_id = c.id and m.content ilike ${likePattern(q)}))` : sql``}
      ${after ? sql`and (c.updated_at, c.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``}
      order by c.updated_at desc, c.id desc
      limit ${query.limit + 1}`),
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    chats: page.map(toSummary),
    next_cursor:
      rows.length > query.limit && last
        ? encodeCursor({ createdAt: last.updated_key, id: last.id })
        : null,
  };
}

export async function getChatRowOrThrow(db: Database, userId: string, id: string) {
  const [row]: ChatRow[] = await db
    .select()
    .from(chats)
    .where(and(eq(chats.id, id), eq(chats.userId, userId)))
    .limit(1);
  if (!row) throw notFound("Chat", "id");
  return row;
}

export async function chatMessagesOf(db: Database, chatId: string): Promise<ChatMessageRow[]> {
  return db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.chatId, chatId))
    .orderBy(asc(chatMessages.createdAt), asc(chatMessages.id));
}

export async function chatView(db: Database, userId: string, id: string): Promise<Chat> {
  const row = await getChatRowOrThrow(db, userId, id);
  const messages = (await chatMessagesOf(db, id)).map((m) => toChatMessage(m));
  return {
    id: row.id,
    title: row.title,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    message_count: messages.length,
    credits: messages.reduce((sum, m) => sum + (m.credits ?? 0), 0),
    settings: settingsOf(row),
    active_leaf_id: row.activeLeafId,
    messages,
  };
}

export async function createChat(
  db: Database,
  userId: string,
  input: { title?: string; settings?: ChatSettings },
): Promise<string> {
  const [row] = await db
    .insert(chats)
    .values({
      userId,
      title: input.title ?? newChatTitle,
      settings: input.settings ?? defaultChatSettings,
    })
    .returning({ id: chats.id });
  return row!.id;
}

export async function updateChat(
  db: Database,
  userId: string,
  id: string,
  patch: { title?: string; settings?: ChatSettings; active_leaf_id?: string },
): Promise<void> {
  await getChatRowOrThrow(db, userId, id);
  if (patch.active_leaf_id !== undefined) {
    const [leaf] = await db
      .select({ id: chatMessages.id })
      .from(chatMessages)
      .where(and(eq(chatMessages.id, patch.active_leaf_id), eq(chatMessages.chatId, id)))
      .limit(1);
    if (!leaf) throw notFound("Message", "active_leaf_id");
  }
  await db
    .update(chats)
    .set({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.settings !== undefined && { settings: patch.settings }),
      ...(patch.active_leaf_id !== undefined && { activeLeafId: patch.active_leaf_id }),
      // Switching branches is reading, not writing: the list keeps its order.
      ...((patch.title !== undefined || patch.settings !== undefined) && { updatedAt: new Date() }),
    })
    .where(and(eq(chats.id, id), eq(chats.userId, userId)));
}

export async function deleteChat(db: Database, userId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(chats)
    .where(and(eq(chats.id, id), eq(chats.userId, userId)))
    .returning({ id: chats.id });
  if (deleted.length === 0) throw notFound("Chat", "id");
}
