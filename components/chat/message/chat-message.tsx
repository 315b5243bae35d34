"use client";

import { PencilIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { chatModel } from "@/lib/catalog/chat";
import type { ChatMessage as ChatMessageData, ChatToolCall } from "@/lib/schemas/chat";
import { cn } from "@/lib/utils/cn";
import { AssistantMessageBody } from "./assistant-message";
import type { BranchInfo } from "./branch-switcher";
import { MessageAction } from "./message-actions";
import { MessageFooter } from "./message-footer";
import { ToolResultCard } from "./tool-call-card";
import { UserBubble, UserMessageEditor } from "./user-message";

export interface ChatMessageProps {
  /** From lib/schemas/chat.ts. While streaming, a live copy that grows (status "streaming"). */
  message: ChatMessageData;
  /** Branch switcher "‹ 2 / 3 ›": this message's place (0-based) among its versions. */
  branch?: BranchInfo;
  /** A turn is streaming somewhere in this conversation: edit, regenerate and sends wait. */
  busy: boolean;
  /** User messages: resend with edited text (a new branch; the old one stays). */
  onEdit?: (content: string) => void;
  /** Only for the last assistant message on the path: answer again. */
  onRegenerate?: () => void;
  /** Assistant messages: calls not yet answered by a tool message on this path. */
  pendingToolCalls?: ChatToolCall[];
  onToolResult?: (toolCallId: string, content: string) => void;
  /** Tool messages: the call they answer (for its function name). */
  answeredCall?: ChatToolCall;
}

const labels = { user: "You said", assistant: `${chatModel.label} said`, tool: "Tool result" };

/** One message of a conversation, by role: the user's bubble, an answer, or a tool's result. */
export function ChatMessageItem(props: ChatMessageProps) {
  const { message } = props;
  return (
    <MessageArticle message={message}>
      {message.role === "user" ? (
        <UserMessage {...props} />
      ) : message.role === "tool" ? (
        <ToolResultCard
          content={message.content ?? ""}
          name={props.answeredCall?.function.name ?? null}
        />
      ) : (
        <AssistantMessageBody
          message={message}
          branch={props.branch}
          busy={props.busy}
          onRegenerate={props.onRegenerate}
          pendingToolCalls={props.pendingToolCalls}
          onToolResult={props.onToolResult}
        />
      )}
    </MessageArticle>
  );
}

/** The same component under the name the page may expect (alias the schema type on import). */
export { ChatMessageItem as ChatMessage };

function MessageArticle({ message, children }: { message: ChatMessageData; children: ReactNode }) {
  return (
    <article
      aria-label={labels[message.role]}
      // Busy, not live: the page announces a finished answer once, not every token.
      aria-busy={message.status === "streaming" || undefined}
      className={cn(
        "flex min-w-0 flex-col gap-2",
        message.role === "user" ? "items-end" : "items-stretch",
        message.role === "tool" && "sm:max-w-[85%]",
      )}
      data-testid="chat-message"
      data-role={message.role}
      data-status={message.status}
      data-message-id={message.id}
    >
      {children}
    </article>
  );
}

function UserMessage({ message, branch, busy, onEdit }: ChatMessageProps) {
  const [editing, setEditing] = useState(false);
  const content = message.content ?? "";
  if (editing && onEdit) {
    return (
      <UserMessageEditor
        initial={content}
        busy={busy}
        onCancel={() => setEditing(false)}
        onSave={(text) => {
          setEditing(false);
          onEdit(text);
        }}
      />
    );
  }
  return (
    <>
      <UserBubble content={content} />
      <MessageFooter
        align="end"
        branch={branch}
        busy={busy}
        copyText={content}
        stats={[]}
        extra={
          onEdit ? (
            <MessageAction
              label="Edit message"
              onClick={() => setEditing(true)}
              disabled={busy}
              testId="edit-message-button"
            >
              <PencilIcon aria-hidden />
            </MessageAction>
          ) : null
        }
      />
    </>
  );
}
