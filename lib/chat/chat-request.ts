// The upstream body for a conversation's next turn (SPEC §7), isomorphic and pure: the server sends
// exactly this to POST /chat/completions, and "Copy as code" prints exactly this, so what a person
// copies is what the Studio sent.
import type { ChatMessage, ChatSettings, ChatTool, ChatToolCall } from "@/lib/schemas/chat";

export type ChatRequestMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

export interface ChatRequestBody {
  model: "gemini";
  messages: ChatRequestMessage[];
  stream: true;
  include_thoughts: boolean;
  reasoning_effort: ChatSettings["reasoning_effort"];
  /** Absent when the conversation has none: an empty list is not the same as no tools. */
  tools?: ChatTool[];
  response_format?: { type: "json_object" };
}

/** Ids of the tool results that directly follow `index` on the path. */
function answeredCalls(path: readonly ChatMessage[], index: number): Set<string> {
  const ids = new Set<string>();
  for (let i = index + 1; i < path.length; i++) {
    const next = path[i];
    if (next?.role !== "tool") break;
    if (next.tool_call_id) ids.add(next.tool_call_id);
  }
  return ids;
}

/** Only what the upstream reads: the stored ids, statuses and timings stay with us. */
function toRequestMessage(message: ChatMessage, answered: Set<string>): ChatRequestMessage | null {
  switch (message.role) {
    case "user":
      return { role: "user", content: message.content ?? "" };
    case "tool":
      return {
        role: "tool",
        tool_call_id: message.tool_call_id ?? "",
        content: message.content ?? "",
      };
    case "assistant": {
      // A call nobody answered (the person wrote a new question instead) is left out: OpenAI's
      // rules, which the upstream may follow, refuse a tool call without its result.
      const toolCalls = (message.tool_calls ?? []).filter((call) => answered.has(call.id));
      // An answer that never started (refused, failed, stopped before its first token) says
      // nothing; an empty assistant turn would only make the upstream refuse the conversation.
      // A partial answer (interrupted) is kept: it is what the reader saw.
      if (!message.content && toolCalls.length === 0) return null;
      if (toolCalls.length === 0) return { role: "assistant", content: message.content };
      return { role: "assistant", content: message.content || null, tool_calls: toolCalls };
    }
  }
}

/**
 * The body for the turn after `path`: the conversation's messages from the first to the leaf, in
 * order (the branch on screen, not the whole tree). The system prompt goes first when it says
 * anything; tools and JSON mode only when set, so a plain chat sends a plain body.
 */
export function chatRequestBody(
  settings: ChatSettings,
  path: readonly ChatMessage[],
): ChatRequestBody {
  const messages: ChatRequestMessage[] = [];
  if (settings.system_prompt.trim() !== "") {
    messages.push({ role: "system", content: settings.system_prompt });
  }
  for (const [index, message] of path.entries()) {
    const next = toRequestMessage(message, answeredCalls(path, index));
    if (next) messages.push(next);
  }
  return {
    model: "gemini",
    messages,
    stream: true,
    include_thoughts: settings.include_thoughts,
    reasoning_effort: settings.reasoning_effort,
    ...(settings.tools.length > 0 ? { tools: settings.tools } : {}),
    ...(settings.json_mode ? { response_format: { type: "json_object" as const } } : {}),
  };
}

/**
 * The path that asked for the last answer: the branch without its trailing answers, so "Copy as
 * code" reproduces that answer's request rather than asking the model to continue its own turn.
 * A path that ends with a question or a tool result (an answer failed, or is yet to come) is
 * already a request.
 */
export function replayPath(path: readonly ChatMessage[]): ChatMessage[] {
  let end = path.length;
  while (end > 0 && path[end - 1]?.role === "assistant") end--;
  return path.slice(0, end);
}
