"use client";

import { PanelLeftIcon, PlusIcon, SlidersHorizontalIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ChatMessage, ChatSettings } from "@/lib/schemas/chat";
import { newChatKeyShortcuts, useNewChatShortcutText } from "./new-chat-shortcut";
import { ChatCodeButton } from "./settings/chat-code-dialog";
import { formatCredits } from "@/lib/utils/format";

/**
 * The conversation's bar: its title, and on screens too narrow for the side panels the buttons
 * that open them as sheets.
 */
export function ChatHeader({
  title,
  credits,
  settings,
  path,
  onOpenConversations,
  onOpenSettings,
  onNewChat,
}: {
  title: string;
  /** Credits of every answer in the conversation; null for a conversation not yet created. */
  credits: number | null;
  settings: ChatSettings;
  path: ChatMessage[];
  onOpenConversations: () => void;
  onOpenSettings: () => void;
  onNewChat: () => void;
}) {
  const shortcut = useNewChatShortcutText();
  return (
    <div className="flex h-12 shrink-0 items-center gap-1 border-b px-2 md:px-3">
      <Button
        variant="ghost"
        size="icon"
        className="lg:hidden"
        onClick={onOpenConversations}
        aria-label="Open conversations"
        data-testid="open-conversations"
      >
        <PanelLeftIcon aria-hidden />
      </Button>
      <h1 className="min-w-0 flex-1 truncate px-1 text-sm font-semibold" data-testid="chat-title">
        {title}
      </h1>
      {credits !== null && credits > 0 ? (
        <span
          className="text-muted-foreground hidden shrink-0 px-2 text-xs tabular-nums sm:inline"
          data-testid="chat-credits"
        >
          {formatCredits(credits)}
        </span>
      ) : null}
      {path.length > 0 ? <ChatCodeButton settings={settings} messages={path} /> : null}
      <Button
        variant="ghost"
        size="icon"
        className="lg:hidden"
        onClick={onNewChat}
        aria-label={`New chat (${shortcut})`}
        aria-keyshortcuts={newChatKeyShortcuts}
      >
        <PlusIcon aria-hidden />
      </Button>
      <Button
        variant="ghost"
        size="icon"
        className="xl:hidden"
        onClick={onOpenSettings}
        aria-label="Chat settings"
        data-testid="open-chat-settings"
      >
        <SlidersHorizontalIcon aria-hidden />
      </Button>
    </div>
  );
}
