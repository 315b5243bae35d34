import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { defaultChatSettings, type Chat, type ChatListReply } from "@/lib/schemas/chat";
import { applyChat, chatKeys, chatListPath, removeChatFromLists, summaryOf } from "./chat-queries";

const chat = (id: string, title: string): Chat => ({
  id,
  title,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  message_count: 0,
  credits: 0,
  settings: defaultChatSettings,
  active_leaf_id: null,
  messages: [],
});
type Pages = InfiniteData<ChatListReply, string | null>;
const pages = (...lists: Chat[][]): Pages => ({
  pages: lists.map((chats, i) => ({
    chats: chats.map(summaryOf),
    next_cursor: i < lists.length - 1 ? `c${i}` : null,
  })),
  pageParams: lists.map((_, i) => (i === 0 ? null : `c${i - 1}`)),
});
const titles = (data: Pages | undefined) => data?.pages.map((p) => p.chats.map((c) => c.title));

describe("chatListPath", () => {
  it("asks for a page of the search, from the cursor", () => {
    expect(chatListPath("", null)).toBe("/api/v1/chats?limit=30");
    expect(chatListPath("fox & hen", "abc")).toBe(
      "/api/v1/chats?limit=30&q=fox+%26+hen&cursor=abc",
    );
  });
});

describe("the list caches", () => {
  it("take a renamed conversation in every list and page, and drop a deleted one", () => {
    const client = new QueryClient();
    client.setQueryData(
      chatKeys.list(""),
      pages([chat("a", "A"), chat("b", "B")], [chat("c", "C")]),
    );
    client.setQueryData(chatKeys.list("c"), pages([chat("c", "C")]));
    applyChat(client, chat("c", "Renamed"));
    expect(titles(client.getQueryData(chatKeys.list("")))).toEqual([["A", "B"], ["Renamed"]]);
    expect(titles(client.getQueryData(chatKeys.list("c")))).toEqual([["Renamed"]]);
    expect(client.getQueryData<Chat>(chatKeys.detail("c"))?.title).toBe("Renamed");
    removeChatFromLists(client, "a");
    expect(titles(client.getQueryData(chatKeys.list("")))).toEqual([["B"], ["Renamed"]]);
  });
});
