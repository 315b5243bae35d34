// Reading a chat completion stream (SPEC §7): SSE bytes in any framing the upstream may use, then
// the OpenAI chunks folded into one answer. Isomorphic: the server records what it passes through
// with it, and the browser shows the same stream with it, so both read the stream alike.
import { createParser } from "eventsource-parser";
import type { ChatToolCall, ChatUsage } from "@/lib/schemas/chat";

/**
 * Calls `onData` with each event's data, whatever the framing: CRLF or LF, comments, multi-line
 * data, events and UTF-8 characters split across chunks. Named events other than "message" and
 * "error" are ignored (keep-alives and the like).
 */
export function createChatSseReader(onData: (data: string) => void): {
  feed(bytes: Uint8Array): void;
  end(): void;
} {
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent(event) {
      if (event.event === undefined || event.event === "message" || event.event === "error") {
        onData(event.data);
      }
    },
  });
  return {
    feed: (bytes) => parser.feed(decoder.decode(bytes, { stream: true })),
    end: () => {
      const rest = decoder.decode();
      if (rest) parser.feed(rest);
      // An event the stream never finished (no blank line after it) still counts.
      parser.feed("\n\n");
    },
  };
}

export interface ChatStreamError {
  type: string;
  message: string;
  source: "studio" | "upstream";
}

export interface ChatStreamState {
  id: string | null;
  model: string | null;
  content: string;
  reasoning: string;
  toolCalls: ChatToolCall[];
  finishReason: string | null;
  usage: ChatUsage | null;
  credits: number | null;
  error: ChatStreamError | null;
  /** `[DONE]` arrived. A stream may also end without it (SPEC §7): then the caller decides. */
  done: boolean;
  /** Any content, thought or tool call has arrived. */
  started: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const reasoningFields = ["reasoning_content", "reasoning", "thoughts", "thinking"] as const;

function usageOf(value: unknown): ChatUsage | null {
  if (!isObject(value)) return null;
  const { prompt_tokens: p, completion_tokens: c, total_tokens: t } = value;
  if (typeof p !== "number" || typeof c !== "number") return null;
  return {
    prompt_tokens: p,
    completion_tokens: c,
    total_tokens: typeof t === "number" ? t : p + c,
  };
}

/** `{code,message,data:{…chunk}}` (SPEC §12.3) → the chunk; a bare chunk as is. */
function unwrap(json: Json): Json {
  if (isObject(json.data) && ("choices" in json.data || "error" in json.data)) {
    return { ...json.data, credits_consumed: json.data.credits_consumed ?? json.credits_consumed };
  }
  return json;
}

function errorOf(json: Json): ChatStreamError | null {
  if (isObject(json.error)) {
    const source = json.error.source === "studio" ? "studio" : "upstream";
    return {
      type: text(json.error.type) || "server_error",
      message: text(json.error.message) || "The answer failed.",
      source,
    };
  }
  // An envelope reporting a failure inside a 200 (SPEC §10).
  if (typeof json.code === "number" && json.code >= 400 && !("choices" in json)) {
    return {
      type: "server_error",
      message: text(json.message) || "The answer failed.",
      source: "upstream",
    };
  }
  return null;
}

/** Folds `chat.completion.chunk` events into the answer so far. */
export class ChatStreamAccumulator {
  readonly state: ChatStreamState = {
    id: null,
    model: null,
    content: "",
    reasoning: "",
    toolCalls: [],
    finishReason: null,
    usage: null,
    credits: null,
    error: null,
    done: false,
    started: false,
  };

  /** One event's data; true when the state changed. Unreadable events are skipped. */
  push(data: string): boolean {
    const trimmed = data.trim();
    if (trimmed === "[DONE]") {
      this.state.done = true;
      return true;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return false;
    }
    if (!isObject(parsed)) return false;
    const error = errorOf(parsed);
    if (error) {
      this.state.error = error;
      return true;
    }
    const chunk = unwrap(parsed);
    const nestedError = errorOf(chunk);
    if (nestedError) {
      this.state.error = nestedError;
      return true;
    }
    return this.apply(chunk);
  }

  private apply(chunk: Json): boolean {
    const s = this.state;
    let changed = false;
    if (typeof chunk.id === "string" && s.id === null) s.id = chunk.id;
    if (typeof chunk.model === "string") s.model = chunk.model;
    const usage = usageOf(chunk.usage);
    if (usage) {
      s.usage = usage;
      changed = true;
    }
    if (typeof chunk.credits_consumed === "number") {
      s.credits = chunk.credits_consumed;
      changed = true;
    }
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (!isObject(choice)) return changed;
    if (typeof choice.finish_reason === "string") {
      s.finishReason = choice.finish_reason;
      changed = true;
    }
    // A non-streaming reply sent on the stream path (some upstream pages): `message`, not `delta`.
    const delta = isObject(choice.delta)
      ? choice.delta
      : isObject(choice.message)
        ? choice.message
        : null;
    if (!delta) return changed;
    for (const field of reasoningFields) {
      const piece = text(delta[field]);
      if (piece) {
        s.reasoning += piece;
        s.started = true;
        changed = true;
        break;
      }
    }
    const content = text(delta.content);
    if (content) {
      s.content += content;
      s.started = true;
      changed = true;
    }
    if (Array.isArray(delta.tool_calls)) {
      for (const [position, call] of delta.tool_calls.entries()) {
        if (this.mergeToolCall(call, position)) changed = true;
      }
    }
    return changed;
  }

  /** Calls by the upstream's index (which need not start at 0), shown densely in index order. */
  private readonly callsByIndex = new Map<number, ChatToolCall>();
  private lastIndex = -1;

  /**
   * Tool-call deltas: the first names the call, later ones add pieces of its arguments. Some
   * upstreams leave out `index`: then a delta with a new id starts a new call, and one without an
   * id continues the last.
   */
  private mergeToolCall(call: unknown, position: number): boolean {
    if (!isObject(call)) return false;
    const id = typeof call.id === "string" && call.id ? call.id : null;
    let index: number;
    if (typeof call.index === "number" && Number.isInteger(call.index) && call.index >= 0) {
      index = call.index;
    } else {
      const last = this.callsByIndex.get(this.lastIndex);
      const continues = last !== undefined && (id === null || id === last.id);
      index = continues ? this.lastIndex : Math.max(this.lastIndex + 1, position);
    }
    const fn = isObject(call.function) ? call.function : {};
    let existing = this.callsByIndex.get(index);
    if (!existing) {
      existing = { id: "", type: "function", function: { name: "", arguments: "" } };
      this.callsByIndex.set(index, existing);
      this.state.toolCalls = [...this.callsByIndex.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, value]) => value);
    }
    this.lastIndex = index;
    if (id) existing.id = id;
    if (typeof fn.name === "string" && fn.name) existing.function.name = fn.name;
    existing.function.arguments += text(fn.arguments);
    this.state.started = true;
    return true;
  }
}

/** The data of an in-band error event, in the Studio's error shape (OpenAI clients throw on it). */
export function inBandErrorEvent(error: {
  code: number;
  type: string;
  message: string;
  source: "studio" | "upstream";
  requestId: string;
}): string {
  const body = {
    error: {
      code: error.code,
      type: error.type,
      message: error.message,
      param: null,
      source: error.source,
      may_have_been_charged: error.source === "upstream",
      request_id: error.requestId,
    },
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}
