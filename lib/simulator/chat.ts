// POST /chat/completions: OpenAI-compatible, streaming by default (SPEC §0, §7). Never a task.
import { randomBytes } from "node:crypto";
import { validateChatRequest } from "../catalog";
import { envelope } from "../schemas/api";
import { charge } from "./auth-and-limits";
import { chatOptions, pacedChat, withNonAscii } from "./chat-options";
import { streamChat, type StreamEvent } from "./chat-stream";
import { planChat, tokenPieces, estimateTokens, type ChatPlan } from "./chat-text";
import { errorIn200, sendMalformed, type ApiContext } from "./context";
import { readFaults, type Faults } from "./faults";
import { createRng, seedFrom } from "./hash";
import { sendError, sendJson } from "./http-io";

/** Credits held when a call starts (newer docs: "~5 credits pre-deduct, pay-per-token"). */
export const chatPreDeduct = 5;
/** The final charge: one credit per started 200 tokens, at least one. */
export function chatCredits(totalTokens: number): number {
  return Math.max(1, Math.ceil(totalTokens / 200));
}

const firstTokenMs = 150;
const tokenMs = [20, 30] as const;

type Delta = Record<string, unknown>;

/** When each piece of the reply is produced, as a model would: a pause, then a steady trickle. */
function timeline(
  plan: ChatPlan,
  scale: number,
  seed: string,
): { events: StreamEvent[]; completionTokens: number } {
  const rng = createRng(seedFrom(seed));
  const events: StreamEvent[] = [];
  let at = firstTokenMs * scale;
  const push = (delta: Delta): void => {
    events.push({ atMs: at, delta });
    at += (tokenMs[0] + rng() * (tokenMs[1] - tokenMs[0])) * scale;
  };
  push({ role: "assistant", content: "" });
  const reasoning = tokenPieces(plan.reasoning);
  for (const piece of reasoning) push({ reasoning_content: piece });
  const content = tokenPieces(plan.content ?? "");
  for (const piece of content) push({ content: piece });
  let toolTokens = 0;
  if (plan.toolCall) {
    const call = plan.toolCall;
    push({
      tool_calls: [
        { index: 0, id: call.id, type: "function", function: { name: call.name, arguments: "" } },
      ],
    });
    for (let i = 0; i < call.arguments.length; i += 12) {
      push({
        tool_calls: [{ index: 0, function: { arguments: call.arguments.slice(i, i + 12) } }],
      });
    }
    toolTokens = 4 + estimateTokens(call.arguments);
  }
  return { events, completionTokens: reasoning.length + content.length + toolTokens };
}

function settleCredits(ctx: ApiContext, totalTokens: number): number {
  const credits = chatCredits(totalTokens);
  // Give back the unused hold, or take the extra if the balance allows (never below zero).
  ctx.account.balance = Math.max(0, ctx.account.balance + chatPreDeduct - credits);
  ctx.state.save({ account: ctx.account });
  return credits;
}

export function handleChat(ctx: ApiContext, body: Record<string, unknown>): void {
  // chatRequestSchema through the catalog's wrapper, for the same "field: message" text as tasks.
  const validated = validateChatRequest(body);
  if (!validated.ok) {
    sendError(ctx.res, "invalid_request", validated.message);
    return;
  }
  // Only the newest message carries markers: a marker typed once must not haunt the conversation.
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const faults: Faults = readFaults({ ...body, messages: messages.slice(-1) });
  const parsed = chatOptions(faults);
  if (!parsed.ok) return sendError(ctx.res, "invalid_request", parsed.message);
  const { framing, paced } = parsed.options;
  if (faults.hang) return;
  if (faults.serverError || faults.fail) {
    sendError(ctx.res, "server_error", "Simulated upstream failure");
    return;
  }
  if (faults.malformed) return sendMalformed(ctx);
  if (faults.shape === "error-in-200") return sendJson(ctx.res, 200, errorIn200);
  if (!charge(ctx.account, chatPreDeduct)) {
    sendError(
      ctx.res,
      "insufficient_credits",
      `Insufficient credits: a chat call needs ${chatPreDeduct} credits`,
    );
    return;
  }
  ctx.state.save({ account: ctx.account });

  const seed = JSON.stringify(messages);
  let plan = planChat(body);
  if (framing.split) plan = withNonAscii(plan, body);
  const scale = ctx.state.scaled(1) * (faults.slow ? 10 : 1);
  let events: StreamEvent[];
  let completionTokens: number;
  if (paced) {
    ({ plan, events } = pacedChat(plan, paced));
    completionTokens = events.length;
  } else ({ events, completionTokens } = timeline(plan, scale, seed));
  const usage = {
    prompt_tokens: plan.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: plan.promptTokens + completionTokens,
  };
  const id = `chatcmpl_${randomBytes(12).toString("hex")}`;
  const created = Math.floor(Date.now() / 1000);
  const enveloped = faults.shape === "envelope";
  const model = enveloped ? "gemini-3-flash" : "gemini";

  if (body.stream !== false) {
    streamChat(ctx, {
      events,
      usage,
      id,
      created,
      model,
      finishReason: plan.finishReason,
      enveloped,
      cut: faults.drop ? "drop" : faults.streamError ? "error" : null,
      framing,
      seed,
      settle: () => settleCredits(ctx, usage.total_tokens),
    });
    return;
  }
  // Answered when the last token would have been streamed ([sim:chunks]: exactly then).
  const doneAt = (events.at(-1)?.atMs ?? 0) + (paced ? 0 : tokenMs[0] * scale);
  const ended = ctx.state.stats.chat.start(ctx.key, false);
  const timer = ctx.state.schedule(() => {
    ended("completed");
    const completion = {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: plan.content,
            ...(plan.reasoning ? { reasoning_content: plan.reasoning } : {}),
            ...(plan.toolCall
              ? {
                  tool_calls: [
                    {
                      id: plan.toolCall.id,
                      type: "function",
                      function: { name: plan.toolCall.name, arguments: plan.toolCall.arguments },
                    },
                  ],
                }
              : {}),
          },
          finish_reason: plan.finishReason,
        },
      ],
      usage,
      credits_consumed: settleCredits(ctx, usage.total_tokens),
    };
    sendJson(ctx.res, 200, enveloped ? envelope(completion) : completion);
  }, doneAt);
  ctx.res.on("close", () => {
    ctx.state.cancel(timer);
    ended("aborted");
  });
}
