"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { MessagesSquareIcon, PlusIcon, SearchIcon, SearchXIcon } from "lucide-react";
import { useDeferredValue, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { chatListQuery } from "./chat-queries";
import type { ChatSummary } from "@/lib/schemas/chat";
import { ChatListItem } from "./chat-list-item";
import { ChatListSkeleton } from "./chat-skeleton";
import { NewChatShortcut, newChatKeyShortcuts, useNewChatShortcutText } from "./new-chat-shortcut";

/** The search box's text once typing pauses: one list read per pause, not per key. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function ConversationList({
  q,
  activeId,
  hidden,
  onOpen,
  onDelete,
}: {
  q: string;
  activeId: string | null;
  hidden: ReadonlySet<string>;
  onOpen?: () => void;
  onDelete: (summary: ChatSummary) => void;
}) {
  const query = useInfiniteQuery(chatListQuery(q));
  if (query.isPending) return <ChatListSkeleton />;
  if (query.isError && !query.data) {
    return (
      <div className="flex flex-col items-start gap-2 px-3 py-4 text-sm" role="alert">
        <p className="text-muted-foreground">Could not load your conversations.</p>
        <Button variant="outline" size="sm" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  const chats = query.data.pages.flatMap((page) => page.chats).filter((c) => !hidden.has(c.id));
  if (chats.length === 0) {
    return q ? (
      <EmptyState
        size="sm"
        icon={<SearchXIcon />}
        title="No matches"
        className="px-4 py-8"
        data-testid="chat-list-empty"
      >
        No conversation mentions “{q}”.
      </EmptyState>
    ) : (
      <EmptyState
        size="sm"
        icon={<MessagesSquareIcon />}
        title="No conversations yet"
        className="px-4 py-8"
        data-testid="chat-list-empty"
      >
        Your chats are kept on this server, only for you.
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="flex flex-col gap-0.5 px-2" aria-label="Conversations" data-testid="chat-list">
        {chats.map((summary) => (
          <ChatListItem
            key={summary.id}
            summary={summary}
            active={summary.id === activeId}
            onOpen={onOpen}
            onDelete={onDelete}
          />
        ))}
      </ul>
      {query.hasNextPage ? (
        <div className="px-2 pt-2">
          <Button
            variant="ghost"
            size="sm"
            className="w-full"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? "Loading…" : "Show older conversations"}
          </Button>
        </div>
      ) : null}
    </>
  );
}

/** Conversations, newest activity first: search, open, rename, delete, and start a new one. */
export function ChatSidebar({
  activeId,
  hidden,
  onNewChat,
  onOpen,
  onDelete,
}: {
  activeId: string | null;
  hidden: ReadonlySet<string>;
  onNewChat: () => void;
  /** A conversation was opened (the phone's sheet closes). */
  onOpen?: () => void;
  onDelete: (summary: ChatSummary) => void;
}) {
  const [search, setSearch] = useState("");
  const q = useDeferredValue(useDebounced(search.trim(), 250));
  const shortcut = useNewChatShortcutText();
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="chat-sidebar">
      <div className="flex flex-col gap-2 p-3">
        <Tooltip>
          <TooltipTrigger asChild>
            <Button
              variant="outline"
              className="w-full justify-start"
              onClick={onNewChat}
              aria-keyshortcuts={newChatKeyShortcuts}
              data-testid="new-chat"
            >
              <PlusIcon aria-hidden /> New chat
              <NewChatShortcut className="ml-auto" />
            </Button>
          </TooltipTrigger>
          <TooltipContent side="bottom">New chat ({shortcut})</TooltipContent>
        </Tooltip>
        <div className="relative">
          <SearchIcon
            className="text-muted-foreground pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2"
            aria-hidden
          />
          <Input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Search chats"
            aria-label="Search conversations"
            data-testid="chat-search"
            className="pl-8"
          />
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto pb-3">
        <ConversationList
          q={q}
          activeId={activeId}
          hidden={hidden}
          onOpen={onOpen}
          onDelete={onDelete}
        />
      </div>
    </div>
  );
}
