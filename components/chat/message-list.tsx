"use client";

import { ArrowDownIcon } from "lucide-react";
import { memo, useEffect, useMemo } from "react";
import { StickToBottom, useStickToBottomContext } from "use-stick-to-bottom";
import { Button } from "@/components/ui/button";
import {
  branchPositions,
  callAnsweredBy,
  lastAssistant,
  unansweredToolCalls,
  type BranchPosition,
} from "@/lib/chat/branches";
import type { ChatMessage, ChatToolCall } from "@/lib/schemas/chat";
import { ChatMessageItem } from "./message/chat-message";

/** What a message can ask of the conversation; stable across renders so rows can skip work. */
export interface MessageActions {
  switchBranch: (messageId: string, index: number) => void;
  edit: (message: ChatMessage, content: string) => void;
  regenerate: (message: ChatMessage) => void;
  toolResult: (toolCallId: string, content: string) => void;
}

interface RowProps {
  message: ChatMessage;
  position: BranchPosition | undefined;
  busy: boolean;
  canRegenerate: boolean;
  pendingToolCalls: ChatToolCall[] | undefined;
  answeredCall: ChatToolCall | undefined;
  actions: MessageActions;
}

// While an answer streams only its own row changes; memo keeps the rest of a long chat still.
const MessageRow = memo(function MessageRow({
  message,
  position,
  busy,
  canRegenerate,
  pendingToolCalls,
  answeredCall,
  actions,
}: RowProps) {
  const branch =
    position && position.count > 1
      ? {
          index: position.index,
          count: position.count,
          onSelect: (i: number) => actions.switchBranch(message.id, i),
        }
      : undefined;
  return (
    <ChatMessageItem
      message={message}
      branch={branch}
      busy={busy}
      onEdit={message.role === "user" ? (content) => actions.edit(message, content) : undefined}
      onRegenerate={canRegenerate ? () => actions.regenerate(message) : undefined}
      pendingToolCalls={pendingToolCalls}
      onToolResult={pendingToolCalls ? actions.toolResult : undefined}
      answeredCall={answeredCall}
    />
  );
});

function ScrollToBottomButton() {
  const { isAtBottom, scrollToBottom } = useStickToBottomContext();
  if (isAtBottom) return null;
  return (
    <Button
      type="button"
      variant="outline"
      size="icon"
      className="absolute bottom-3 left-1/2 size-9 -translate-x-1/2 rounded-full shadow-md"
      onClick={() => void scrollToBottom()}
      aria-label="Scroll to the latest message"
      data-testid="chat-scroll-bottom"
    >
      <ArrowDownIcon aria-hidden />
    </Button>
  );
}

/** Scrolls to the end when `signal` changes (the user sent something: they want to see it). */
function FollowOnSend({ signal }: { signal: number }) {
  const { scrollToBottom } = useStickToBottomContext();
  useEffect(() => {
    if (signal > 0) void scrollToBottom("instant");
  }, [signal, scrollToBottom]);
  return null;
}

/**
 * The active path, root first. Follows a streaming answer down while the reader is at the end,
 * stops following when they scroll up, and offers the way back.
 */
export function MessageList({
  path,
  tree,
  busy,
  actions,
  scrollSignal,
  children,
}: {
  path: ChatMessage[];
  /** Every message of every branch: where each one sits among its siblings. */
  tree: ChatMessage[];
  busy: boolean;
  actions: MessageActions;
  scrollSignal: number;
  /** Under the last message (an alert about the turn). */
  children?: React.ReactNode;
}) {
  const positions = useMemo(() => branchPositions(tree), [tree]);
  const pending = useMemo(() => (busy ? null : unansweredToolCalls(path)), [busy, path]);
  const regenerable = lastAssistant(path)?.id;
  return (
    <StickToBottom className="relative min-h-0 flex-1" resize="smooth" initial="instant">
      <StickToBottom.Content
        className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 pt-6 pb-8 md:px-6"
        data-testid="chat-messages"
      >
        {path.map((message, index) => (
          <MessageRow
            key={message.id}
            message={message}
            position={positions.get(message.id)}
            busy={busy}
            canRegenerate={message.id === regenerable && message.status !== "streaming"}
            pendingToolCalls={pending?.assistantId === message.id ? pending.calls : undefined}
            answeredCall={message.role === "tool" ? callAnsweredBy(path, index) : undefined}
            actions={actions}
          />
        ))}
        {children}
      </StickToBottom.Content>
      <ScrollToBottomButton />
      <FollowOnSend signal={scrollSignal} />
    </StickToBottom>
  );
}
