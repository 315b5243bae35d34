// Chat-only markers that take a value: `[sim:framing=<name>]` (how the SSE bytes are laid out) and
// `[sim:chunks=<n>x<ms>]` (benchmark pacing). A value the simulator does not know is a 400, so a
// typo in a test fails loudly instead of testing the plain stream.
import {
  framingFor,
  framingNames,
  isFramingName,
  nonAsciiSample,
  type Framing,
} from "./chat-framing";
import type { StreamEvent } from "./chat-stream";
import { tokenPieces, type ChatPlan } from "./chat-text";
import type { Faults } from "./faults";

export const maxPacedChunks = 10_000;
export const maxPacedIntervalMs = 10_000;

export interface ChatOptions {
  framing: Framing;
  /** `[sim:chunks=<n>x<ms>]`: n content chunks, one every `intervalMs` real milliseconds. */
  paced: { count: number; intervalMs: number } | null;
}

export type ChatOptionsResult = { ok: true; options: ChatOptions } | { ok: false; message: string };

export function chatOptions(faults: Faults): ChatOptionsResult {
  let framing = framingFor(null);
  if (faults.framing !== null) {
    if (!isFramingName(faults.framing)) {
      return {
        ok: false,
        message: `[sim:framing=${faults.framing}]: unknown framing; use one of ${framingNames.join(", ")}`,
      };
    }
    framing = framingFor(faults.framing);
  }
  if (faults.chunks === null) return { ok: true, options: { framing, paced: null } };
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(faults.chunks);
  const count = Number(match?.[1]);
  const intervalMs = Number(match?.[2]);
  if (!match || count < 1 || count > maxPacedChunks || intervalMs > maxPacedIntervalMs) {
    return {
      ok: false,
      message: `[sim:chunks=${faults.chunks}]: must be <n>x<ms> with n from 1 to ${maxPacedChunks} and ms from 0 to ${maxPacedIntervalMs}`,
    };
  }
  return { ok: true, options: { framing, paced: { count, intervalMs } } };
}

function isJsonMode(body: Record<string, unknown>): boolean {
  const format = body.response_format;
  const type = typeof format === "object" && format !== null ? Reflect.get(format, "type") : null;
  return type === "json_object" || type === "json_schema";
}

/**
 * With a split framing the reply must hold multi-byte characters for the cuts to land in: a text
 * answer ends with a paragraph of them, a JSON answer gets a "sample" field, a tool call's
 * thoughts end with them.
 */
export function withNonAscii(plan: ChatPlan, body: Record<string, unknown>): ChatPlan {
  if (plan.content === null) {
    return plan.reasoning ? { ...plan, reasoning: `${plan.reasoning} ${nonAsciiSample}` } : plan;
  }
  if (isJsonMode(body)) {
    const parsed: unknown = JSON.parse(plan.content);
    return { ...plan, content: JSON.stringify({ ...(parsed as object), sample: nonAsciiSample }) };
  }
  return { ...plan, content: `${plan.content}\n\n${nonAsciiSample}` };
}

/**
 * `[sim:chunks=<n>x<ms>]`: exactly n content chunks (the first also carries the role), the first
 * after ms and then one every ms, in real time. The words are the answer's, repeated or cut to n
 * pieces; no thoughts and no tool call.
 */
export function pacedChat(
  plan: ChatPlan,
  paced: { count: number; intervalMs: number },
): { plan: ChatPlan; events: StreamEvent[] } {
  const words = tokenPieces(plan.content ?? plan.reasoning).map((w) =>
    /\s$/.test(w) ? w : `${w} `,
  );
  const source = words.length > 0 ? words : ["chunk "];
  const events: StreamEvent[] = [];
  for (let i = 0; i < paced.count; i++) {
    const content = source[i % source.length] ?? "";
    events.push({
      atMs: (i + 1) * paced.intervalMs,
      delta: i === 0 ? { role: "assistant", content } : { content },
    });
  }
  const content = events.map((e) => String(e.delta.content)).join("");
  return {
    plan: { ...plan, reasoning: "", content, toolCall: null, finishReason: "stop" },
    events,
  };
}
