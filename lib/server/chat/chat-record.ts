// What a chat call leaves behind: a `chat_calls` row for every call (the spend on /usage), and for
// the Studio's own chat the answer's message row, written as it streams so that a reload, another
// tab or another instance sees what has arrived.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { chatModel } from "@/lib/catalog/chat";
import { cleanText } from "@/lib/catalog/text";
import type { ChatStreamState } from "@/lib/chat/stream-accumulator";
import type { Database } from "@/lib/server/db";
import { chatCalls, chatMessages } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import type { ChatOutcome, ChatRecorder } from "./chat-stream";

async function recordCall(
  db: Database,
  userId: string,
  outcome: ChatOutcome,
  messageId: string | null,
): Promise<void> {
  const { state } = outcome;
  await db.insert(chatCalls).values({
    userId,
    messageId,
    model: "gemini",
    status: outcome.status,
    promptTokens: state.usage?.prompt_tokens ?? null,
    completionTokens: state.usage?.completion_tokens ?? null,
    // A call cut off before its usage arrived still cost the hold the upstream takes when it
    // starts (SPEC §7: ~5 credits pre-deducted); a refusal before the stream cost nothing.
    credits:
      state.credits ?? (outcome.status === "interrupted" ? chatModel.estimatedCredits : null),
    durationMs: outcome.durationMs,
    firstTokenMs: outcome.firstTokenMs,
  });
}

/** The mirrored route: only the call's cost and timing. */
export function callRecorder(db: Database, userId: string): ChatRecorder {
  return { finish: (outcome) => recordCall(db, userId, outcome, null) };
}

/**
 * What a model wrote, storable and sendable again: a NUL would make Postgres refuse every write,
 * and a control character would make the catalog refuse the conversation's next turn.
 */
const answerFields = (state: ChatStreamState) => ({
  content: state.content === "" && state.toolCalls.length > 0 ? null : cleanText(state.content),
  reasoning: state.reasoning ? cleanText(state.reasoning) : null,
  toolCalls:
    state.toolCalls.length > 0
      ? state.toolCalls.map((call) => ({
          ...call,
          id: cleanText(call.id),
          function: {
            name: cleanText(call.function.name),
            arguments: cleanText(call.function.arguments),
          },
        }))
      : null,
});

/** How often a streaming answer says it is alive when nothing new arrived. */
const heartbeatMs = 5_000;

/**
 * The Studio's chat: the answer's row follows the stream. Writes are chained so they land in
 * order; a failed progress write is only logged (the final write carries everything).
 */
export function messageRecorder(db: Database, userId: string, messageId: string): ChatRecorder {
  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = (write: () => Promise<unknown>) => {
    chain = chain.then(write).catch(() => logger.warn(`chat answer ${messageId}: a write failed`));
    return chain;
  };
  const beat = setInterval(() => {
    void enqueue(() =>
      db
        .update(chatMessages)
        .set({ heartbeatAt: sql`now()` })
        .where(eq(chatMessages.id, messageId)),
    );
  }, heartbeatMs);
  beat.unref?.();
  return {
    progress(state) {
      const fields = answerFields(state);
      void enqueue(() =>
        db
          .update(chatMessages)
          .set({ ...fields, heartbeatAt: sql`now()` })
          .where(eq(chatMessages.id, messageId)),
      );
    },
    async finish(outcome) {
      clearInterval(beat);
      const { state } = outcome;
      await enqueue(async () => {
        await db
          .update(chatMessages)
          .set({
            ...answerFields(state),
            status: outcome.status,
            error: state.error ? { ...state.error } : null,
            finishReason: state.finishReason,
            usage: state.usage,
            credits: state.credits,
            durationMs: outcome.durationMs,
            firstTokenMs: outcome.firstTokenMs,
            heartbeatAt: sql`now()`,
          })
          .where(eq(chatMessages.id, messageId));
      });
      // Apart from the answer's row: the spend is recorded even if that write failed.
      await recordCall(db, userId, outcome, messageId).catch(() =>
        logger.error(`chat answer ${messageId}: recording its cost failed`),
      );
    },
  };
}
