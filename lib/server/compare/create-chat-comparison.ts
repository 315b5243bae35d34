// A chat comparison: the same message to the chat model with different settings per column. Every
// column is checked before anything is stored; the comparison is stored with each column's answer
// marked streaming; then the calls run at once (`stream: false`, each counted against the key's
// budget and recorded as a chat call) and each answer is written onto the row as it ends. The
// page reads the row, so answers arrive in place and a reload loses nothing.
import "server-only";
import { createHash } from "node:crypto";
import { validateChatRequest } from "@/lib/catalog";
import { ApiError, invalid } from "@/lib/server/api-error";
import { completeChatCall } from "@/lib/server/chat/chat-complete";
import { callRecorder } from "@/lib/server/chat/chat-record";
import type { ChatOutcome } from "@/lib/server/chat/chat-stream";
import type { Database } from "@/lib/server/db";
import type { StoredComparisonAnswer, StoredComparisonColumn, User } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import type { ResolveUpstream } from "@/lib/server/tasks/create-task";
import { requestHash } from "@/lib/server/tasks/idempotency";
import type { ChatRequestBody } from "@/lib/server/upstream";
import { getUpstreamClient } from "@/lib/server/upstream-target";
import { insertComparison, recordColumn, type ComparisonRow } from "./comparison-repository";

/** A call still unanswered after this long is given up (its column then reads interrupted). */
export const chatColumnTimeoutMs = 120_000;

export interface CreateChatComparisonInput {
  prompt: string;
  blind: boolean;
  columns: Record<string, unknown>[];
}

export interface CreateChatComparisonOptions {
  /** The request's Idempotency-Key: a resend returns the first comparison and calls nothing. */
  idempotencyKey?: string;
  resolveUpstream?: ResolveUpstream;
  shuffle: <T>(items: T[]) => T[];
  /** Told when every column's call has ended (tests wait on it). */
  onSettled?: (settled: Promise<void>) => void;
}

const pending: StoredComparisonAnswer = {
  status: "streaming",
  content: "",
  reasoning: null,
  usage: null,
  credits: null,
  durationMs: null,
  error: null,
};

export function answerOf(outcome: ChatOutcome): StoredComparisonAnswer {
  const { state } = outcome;
  return {
    status: outcome.status,
    content: state.content,
    reasoning: state.reasoning || null,
    usage: state.usage,
    credits: state.credits,
    durationMs: outcome.durationMs,
    error: state.error ? { type: state.error.type, message: state.error.message } : null,
  };
}

/** The same key from the same user names the same comparison (a UUID made from both). */
function idFromKey(userId: string, key: string): string {
  const hex = createHash("sha256").update(`${userId}\n${key}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A resend is the same request: same message, blind choice and columns (in any order). */
function sameRequest(
  row: ComparisonRow,
  input: CreateChatComparisonInput,
  bodies: readonly ChatRequestBody[],
): boolean {
  const hashes = (list: readonly unknown[]) => list.map((b) => requestHash("chat", b)).sort();
  return (
    row.route === "chat" &&
    row.prompt === input.prompt &&
    row.blind === input.blind &&
    JSON.stringify(hashes(row.columns.map((c) => c.body))) === JSON.stringify(hashes(bodies))
  );
}

export async function createChatComparison(
  db: Database,
  user: Pick<User, "id">,
  input: CreateChatComparisonInput,
  options: CreateChatComparisonOptions,
): Promise<ComparisonRow> {
  const bodies = input.columns.map((body, i) => {
    const checked = validateChatRequest(body);
    if (!checked.ok) {
      throw invalid(`columns[${i}].${checked.message}`, `columns[${i}].${checked.field}`);
    }
    // One JSON answer per column: the page shows each when it is whole.
    return { ...checked.body, stream: false } as ChatRequestBody;
  });
  const upstream = await (options.resolveUpstream ?? getUpstreamClient)(user.id);
  const columns = options.shuffle(
    bodies.map((body): StoredComparisonColumn => ({
      model: "gemini",
      body,
      taskId: null,
      error: null,
      answer: pending,
    })),
  );
  const { row, created } = await insertComparison(db, {
    ...(options.idempotencyKey && { id: idFromKey(user.id, options.idempotencyKey) }),
    userId: user.id,
    route: "chat",
    prompt: input.prompt,
    blind: input.blind,
    columns,
  });
  if (!created) {
    if (!sameRequest(row, input, bodies)) {
      throw new ApiError(
        422,
        "invalid_request",
        "Idempotency-Key reused with a different body: send a new key for a new request",
        { param: "Idempotency-Key" },
      );
    }
    return row;
  }

  const runs = row.columns.map(async (column, index) => {
    const record = callRecorder(db, user.id);
    await completeChatCall({
      db,
      upstream,
      body: column.body as ChatRequestBody,
      signal: AbortSignal.timeout(chatColumnTimeoutMs),
      recorder: {
        finish: async (outcome) => {
          await recordColumn(db, row.id, index, { answer: answerOf(outcome) }).catch(() =>
            logger.error(`comparison ${row.id}: storing column ${index}'s answer failed`),
          );
          await record.finish(outcome);
        },
      },
    }).catch(() => undefined); // the failure is on the column (finish above)
  });
  const settled = Promise.all(runs).then(() => undefined);
  options.onSettled?.(settled);
  return row;
}
