// The messages of a turn while it is on its way: the question as typed and the answer as it
// streams, shaped like stored messages so the page renders both alike. Pure: the hook feeds it.
import {
  chatMessageOf,
  type ChatMessage,
  type ChatMessageStatus,
  type ChatTurn,
} from "@/lib/schemas/chat";
import type { ChatStreamState } from "./stream-accumulator";

export interface LiveTurn {
  chatId: string;
  /** Null on regenerate and on a tool result's 201 (nothing new to show until the refetch). */
  question: ChatMessage | null;
  answer: ChatMessage;
}

function blank(id: string, parentId: string | null, now: string): ChatMessage {
  return chatMessageOf({
    id,
    parent_id: parentId,
    role: "assistant",
    status: "streaming",
    created_at: now,
  });
}

/**
 * What the page shows the moment Send is pressed, before the server has answered: ids are
 * provisional until the reply's headers name the stored rows.
 */
export function optimisticTurn(
  chatId: string,
  turn: ChatTurn,
  { jsonMode, newId, now }: { jsonMode: boolean; newId: () => string; now: Date },
): LiveTurn {
  // The answer is a millisecond newer, so ordering by created_at keeps it after its question.
  const at = now.toISOString();
  const later = new Date(now.getTime() + 1).toISOString();
  const message = turn.message;
  const question: ChatMessage | null = message
    ? {
        ...blank(newId(), turn.parent_id, at),
        role: message.role,
        content: message.content,
        tool_call_id: message.role === "tool" ? message.tool_call_id : null,
        status: "complete",
      }
    : null;
  const answer = { ...blank(newId(), question?.id ?? turn.parent_id, later), json_mode: jsonMode };
  return { chatId, question, answer };
}

/** The provisional ids replaced by the stored rows' (the headers of the reply). */
export function withStoredIds(
  live: LiveTurn,
  ids: { questionId: string | null; answerId: string | null },
): LiveTurn {
  const question =
    live.question && ids.questionId ? { ...live.question, id: ids.questionId } : live.question;
  const answer = {
    ...live.answer,
    id: ids.answerId ?? live.answer.id,
    parent_id: question ? question.id : live.answer.parent_id,
  };
  return { ...live, question, answer };
}

/** How an answer ended, as the server will have stored it. */
export function endStatus(state: ChatStreamState, aborted: boolean): ChatMessageStatus {
  if (state.error) return state.started ? "interrupted" : "error";
  if (aborted) return "interrupted";
  // A stream that ended with neither [DONE] nor a finish reason was cut short.
  return state.done || state.finishReason !== null ? "complete" : "interrupted";
}

/** The answer so far, copied out of the accumulator (which mutates its state in place). */
export function answerFromStream(
  base: ChatMessage,
  state: ChatStreamState,
  status: ChatMessageStatus = "streaming",
): ChatMessage {
  return {
    ...base,
    status,
    // Null, as stored, for an answer that only calls tools.
    content: state.content === "" && state.toolCalls.length > 0 ? null : state.content,
    reasoning: state.reasoning || null,
    tool_calls:
      state.toolCalls.length > 0
        ? state.toolCalls.map((call) => ({ ...call, function: { ...call.function } }))
        : null,
    finish_reason: state.finishReason,
    usage: state.usage,
    credits: state.credits,
    error: state.error,
  };
}

/** What a screen reader hears once an answer is complete: who answered and how it starts. */
/** Markdown read aloud as prose: no asterisks, fences, heading marks or link targets. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([^]*?\S)\1/g, "$2")
    .replace(/\s+/g, " ")
    .trim();
}

export function announcement(modelLabel: string, answer: ChatMessage): string {
  const text = plainText(answer.content ?? "");
  if (text) return `${modelLabel} answered: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
  const calls = answer.tool_calls?.map((c) => c.function.name).join(", ");
  return calls ? `${modelLabel} asked to call ${calls}` : `${modelLabel} answered.`;
}
