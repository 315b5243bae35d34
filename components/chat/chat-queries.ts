// Conversations from our database: the sidebar's list (searchable, newest first, in pages) and one
// conversation with every message of every branch. A turn's answer is not a query (see
// use-chat-turn.ts); once it ends, the stored conversation is read again.
import {
  infiniteQueryOptions,
  queryOptions,
  type InfiniteData,
  type QueryClient,
} from "@tanstack/react-query";
import {
  chatDeleteReplySchema,
  chatListReplySchema,
  chatSchema,
  type Chat,
  type ChatListReply,
  type ChatSettings,
  type ChatSummary,
} from "@/lib/schemas/chat";
import { ApiRequestError, apiFetch } from "@/lib/queries/api-fetch";

export const chatKeys = {
  all: ["chats"] as const,
  lists: ["chats", "list"] as const,
  list: (q: string) => ["chats", "list", q] as const,
  details: ["chats", "detail"] as const,
  detail: (chatId: string) => ["chats", "detail", chatId] as const,
};

/** How often a conversation is read again while one of its answers is arriving elsewhere. */
export const chatStreamingPollMs = 1000;
export const chatListPageSize = 30;

export const chatsPath = "/api/v1/chats";
export const chatPath = (chatId: string) => `${chatsPath}/${encodeURIComponent(chatId)}`;
export const chatMessagesPath = (chatId: string) => `${chatPath(chatId)}/messages`;

export function chatListPath(q: string, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(chatListPageSize) });
  if (q) params.set("q", q);
  if (cursor) params.set("cursor", cursor);
  return `${chatsPath}?${params.toString()}`;
}

/** The user's conversations matching `q` (titles and message text), newest activity first. */
export const chatListQuery = (q: string) =>
  infiniteQueryOptions({
    queryKey: chatKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      apiFetch(chatListPath(q, pageParam), chatListReplySchema, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export function isStreaming(chat: Chat | undefined): boolean {
  return chat?.messages.some((m) => m.status === "streaming") ?? false;
}

/**
 * One conversation. `localTurn`: this tab is streaming one of its answers (the stream is the news);
 * otherwise an answer still "streaming" in the database (another tab's) is read every second.
 */
export const chatQuery = (chatId: string, localTurn = false) =>
  queryOptions({
    queryKey: chatKeys.detail(chatId),
    queryFn: ({ signal }) => apiFetch(chatPath(chatId), chatSchema, { signal }),
    refetchInterval: (query) =>
      !localTurn && isStreaming(query.state.data) ? chatStreamingPollMs : false,
    // A 404 is an answer (deleted, or someone else's): asking again will not change it.
    retry: (count, error) =>
      count < 1 && !(error instanceof ApiRequestError && error.status === 404),
  });

type ChatPages = InfiniteData<ChatListReply, string | null>;

/** Every cached list with `change` applied to each of its summaries (null drops the summary). */
function mapSummaries(
  client: QueryClient,
  change: (summary: ChatSummary) => ChatSummary | null,
): void {
  client.setQueriesData<ChatPages>({ queryKey: chatKeys.lists }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            chats: page.chats.flatMap((s) => {
              const next = change(s);
              return next ? [next] : [];
            }),
          })),
        }
      : data,
  );
}

export function summaryOf(chat: Chat): ChatSummary {
  const { id, title, created_at, updated_at, message_count, credits } = chat;
  return { id, title, created_at, updated_at, message_count, credits };
}

/** A conversation the server answered with: its own cache, and its line in every list. */
export function applyChat(client: QueryClient, chat: Chat): void {
  client.setQueryData(chatKeys.detail(chat.id), chat);
  const summary = summaryOf(chat);
  mapSummaries(client, (s) => (s.id === chat.id ? summary : s));
}

/** Out of every list at once (delete with undo: until the DELETE is sent, lists are filtered). */
export function removeChatFromLists(client: QueryClient, chatId: string): void {
  mapSummaries(client, (s) => (s.id === chatId ? null : s));
}

export function createChat(settings: ChatSettings): Promise<Chat> {
  return apiFetch(chatsPath, chatSchema, { method: "POST", json: { settings } });
}

export type ChatPatchBody = {
  title?: string;
  settings?: ChatSettings;
  active_leaf_id?: string;
};

export function patchChat(chatId: string, patch: ChatPatchBody): Promise<Chat> {
  return apiFetch(chatPath(chatId), chatSchema, { method: "PATCH", json: patch });
}

export function deleteChat(chatId: string, keepalive = false) {
  return apiFetch(chatPath(chatId), chatDeleteReplySchema, { method: "DELETE", keepalive });
}
