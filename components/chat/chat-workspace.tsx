"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { Sheet, SheetContent } from "@/components/ui/sheet";
import { unansweredToolCalls } from "@/lib/chat/branches";
import { ChatComposer } from "./chat-composer";
import { ChatLoadError, ChatNotFound, ChatWelcome } from "./chat-empty";
import { ChatHeader } from "./chat-header";
import { ChatSidebar } from "./chat-sidebar";
import { ChatMessagesSkeleton } from "./chat-skeleton";
import { ChatTurnAlert } from "./chat-turn-alert";
import { describeChatError } from "./describe-chat-error";
import { MessageList } from "./message-list";
import { useNewChatKey } from "./new-chat-shortcut";
import { ChatSettingsPanel } from "./settings/chat-settings-panel";
import { useConversation } from "./use-conversation";
import { useDeleteChat } from "./use-delete-chat";
import { useMediaQuery } from "./use-media-query";

/** Why Send cannot be used now, in the composer's words; null when it can. */
function composerBlock(c: ReturnType<typeof useConversation>): string | null {
  if (c.notFound) return "This conversation does not exist.";
  if (c.chatId && !c.chat)
    return c.query.isError ? "The conversation could not be loaded." : "Loading the conversation…";
  if (c.turn.busy && c.turn.live?.chatId !== c.chatId)
    return "Another conversation is being answered; wait for it to finish.";
  if (c.blocked) return `Too many requests — Send is back in ${c.secondsLeft} s.`;
  if (!c.ownTurn && unansweredToolCalls(c.path)) return "Answer the tool calls above to continue.";
  return null;
}

/**
 * The chat page: conversations on the left (a sheet on narrow screens), the conversation and its
 * composer in the middle, its settings on the right (a sheet below extra-wide screens). Lives in
 * the chat layout, so a turn keeps streaming while the URL moves from /chat to /chat/{id}.
 */
export function ChatWorkspace() {
  const router = useRouter();
  const c = useConversation();
  const [text, setText] = useState("");
  const [conversationsOpen, setConversationsOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const wide = useMediaQuery("(min-width: 1024px)");
  const extraWide = useMediaQuery("(min-width: 1280px)");

  const { settings } = c;
  const newChat = useCallback(() => {
    setConversationsOpen(false);
    setText("");
    settings.resetDraft();
    router.push("/chat");
    // The composer stays mounted across the navigation: focus it now.
    textareaRef.current?.focus();
  }, [router, settings]);
  useNewChatKey(newChat);

  const activeId = c.chatId;
  const onDeleteActive = useCallback(
    (chatId: string) => {
      if (chatId === activeId) router.push("/chat");
    },
    [activeId, router],
  );
  const deletion = useDeleteChat({ onDeleteActive });

  const send = () => {
    const content = text;
    setText("");
    void c.ask(content).then((sent) => {
      // Only into an empty box: never over what was typed meanwhile.
      if (!sent) setText((now) => (now === "" ? content : now));
    });
  };

  const sidebar = (onOpen?: () => void) => (
    <ChatSidebar
      activeId={activeId}
      hidden={deletion.hidden}
      onNewChat={newChat}
      onOpen={onOpen}
      onDelete={deletion.remove}
    />
  );
  const settingsPanel = (
    <ChatSettingsPanel
      value={settings.value}
      onChange={settings.onChange}
      disabled={c.notFound || (c.chatId !== null && !c.chat)}
    />
  );
  const description = c.failure ? describeChatError(c.failure) : null;

  let body: React.ReactNode;
  if (c.notFound) body = <ChatNotFound onNewChat={newChat} />;
  else if (c.chatId && !c.chat && c.query.isError)
    body = <ChatLoadError onRetry={() => void c.query.refetch()} />;
  else if (c.chatId && !c.chat) body = <ChatMessagesSkeleton />;
  else if (c.path.length === 0)
    body = (
      <ChatWelcome
        onPick={(prompt) => {
          setText(prompt);
          textareaRef.current?.focus();
        }}
      />
    );
  else
    body = (
      <MessageList
        path={c.path}
        tree={c.tree}
        busy={c.turn.busy}
        actions={c.actions}
        scrollSignal={c.scrollSignal}
      />
    );

  return (
    <div
      data-fill-height
      data-testid="chat-workspace"
      className="bg-background flex max-h-[calc(100dvh-3.5rem)] min-h-[24rem] flex-1 overflow-hidden"
    >
      {wide ? (
        <aside
          aria-label="Conversations"
          className="bg-sidebar/50 hidden w-64 shrink-0 flex-col border-r lg:flex"
        >
          {sidebar()}
        </aside>
      ) : null}
      <Sheet open={conversationsOpen} onOpenChange={setConversationsOpen}>
        <SheetContent
          title="Conversations"
          side="left"
          className="pt-10"
          // Into the search box, not onto New chat (whose tooltip would open on focus).
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            if (event.target instanceof Element)
              event.target.querySelector<HTMLElement>('input[type="search"]')?.focus();
          }}
        >
          {sidebar(() => setConversationsOpen(false))}
        </SheetContent>
      </Sheet>

      <section aria-label="Conversation" className="flex min-w-0 flex-1 flex-col">
        <ChatHeader
          title={c.chat?.title ?? (c.chatId ? "Chat" : "New chat")}
          credits={c.chat?.credits ?? null}
          settings={settings.value}
          path={c.path}
          onOpenConversations={() => setConversationsOpen(true)}
          onOpenSettings={() => setSettingsOpen(true)}
          onNewChat={newChat}
        />
        <div className="flex min-h-0 flex-1 flex-col">{body}</div>
        <div className="mx-auto flex w-full max-w-3xl shrink-0 flex-col gap-2 px-3 pb-3 md:px-6 md:pb-4">
          {description ? (
            <ChatTurnAlert
              error={description}
              secondsLeft={c.secondsLeft}
              onDismiss={c.dismissFailure}
            />
          ) : null}
          <ChatComposer
            value={text}
            onChange={setText}
            onSend={send}
            onStop={c.turn.stop}
            streaming={c.ownTurn}
            disabledReason={composerBlock(c)}
            textareaRef={textareaRef}
          />
        </div>
        {/* Each finished answer is read once, never token by token. */}
        <div role="status" aria-live="polite" className="sr-only" data-testid="chat-announcer">
          {c.spoken}
        </div>
      </section>

      {extraWide ? (
        <aside
          aria-label="Chat settings"
          className="hidden w-80 shrink-0 flex-col overflow-y-auto border-l xl:flex"
          data-testid="chat-settings-aside"
        >
          <h2 className="px-4 pt-4 text-sm font-semibold">Settings</h2>
          {settingsPanel}
        </aside>
      ) : null}
      <Sheet open={settingsOpen} onOpenChange={setSettingsOpen}>
        <SheetContent title="Chat settings" side="right" className="w-96 overflow-y-auto pt-10">
          {settingsPanel}
        </SheetContent>
      </Sheet>
    </div>
  );
}
