"use client";

import { readJsonAnswer } from "@/lib/chat/json-answer";
import type { ChatMessage, ChatToolCall } from "@/lib/schemas/chat";
import type { BranchInfo } from "./branch-switcher";
import { JsonAnswerView } from "./json-answer-view";
import { ChatMarkdown } from "./chat-markdown";
import { MessageFooter } from "./message-footer";
import { messageStats } from "./message-format";
import { MessageStatusNote } from "./message-status";
import { Thoughts } from "./thoughts";
import { ToolCallCard } from "./tool-call-card";

/** Three soft dots while the first words are on their way (fixed height: nothing jumps). */
function WaitingDots() {
  return (
    <div className="flex h-6 items-center gap-1" data-testid="message-waiting">
      {[0, 150, 300].map((delay) => (
        <span
          key={delay}
          className="bg-muted-foreground/60 size-1.5 animate-pulse rounded-full motion-reduce:animate-none"
          style={{ animationDelay: `${delay}ms` }}
          aria-hidden
        />
      ))}
      <span className="sr-only">Waiting for the answer</span>
    </div>
  );
}

/** An answer: thoughts, then the text (Markdown or checked JSON), tool calls, status, footer. */
export function AssistantMessageBody({
  message,
  branch,
  busy,
  onRegenerate,
  pendingToolCalls,
  onToolResult,
}: {
  message: ChatMessage;
  branch?: BranchInfo;
  busy: boolean;
  onRegenerate?: () => void;
  pendingToolCalls?: ChatToolCall[];
  onToolResult?: (toolCallId: string, content: string) => void;
}) {
  const streaming = message.status === "streaming";
  const content = message.content ?? "";
  const reasoning = message.reasoning ?? "";
  const toolCalls = message.tool_calls ?? [];
  const answerStarted = content !== "" || toolCalls.length > 0;
  const json = message.json_mode && content !== "" && !streaming ? readJsonAnswer(content) : null;
  const pending = new Set((pendingToolCalls ?? []).map((call) => call.id));
  const empty = !streaming && !answerStarted && reasoning === "" && message.status === "complete";

  return (
    <>
      {reasoning !== "" ? (
        <Thoughts reasoning={reasoning} streaming={streaming} answerStarted={answerStarted} />
      ) : null}

      {content !== "" && message.json_mode ? (
        <JsonAnswerView content={content} answer={json} />
      ) : content !== "" ? (
        <ChatMarkdown
          text={content}
          streaming={streaming}
          unfinished={streaming || message.status === "interrupted"}
        />
      ) : null}

      {streaming && !answerStarted && reasoning === "" ? <WaitingDots /> : null}
      {empty ? (
        <p className="text-muted-foreground text-sm italic">The model sent an empty answer.</p>
      ) : null}

      {toolCalls.map((call, i) => (
        <ToolCallCard
          key={call.id || i}
          call={call}
          pending={!streaming && pending.has(call.id)}
          busy={busy}
          onResult={onToolResult ? (text) => onToolResult(call.id, text) : undefined}
        />
      ))}

      <MessageStatusNote message={message} />

      {/* Rendered while streaming too (disabled, empty), so finishing does not shift the page. */}
      <MessageFooter
        branch={branch}
        busy={busy || streaming}
        copyText={streaming ? null : json?.valid ? json.pretty : content !== "" ? content : null}
        onRegenerate={streaming ? undefined : onRegenerate}
        stats={streaming ? [] : messageStats(message)}
        reserve={streaming}
      />
    </>
  );
}
