// The Idempotency-Key side of a task creation: claim the key before anything is stored or sent,
// or answer what the first request with it did (waiting briefly while it is still in flight);
// the answers kept for the key, and what a request cut short by a dead process gets.
import "server-only";
import type { TaskStatus } from "@/lib/schemas/api";
import { envelope } from "@/lib/schemas/api";
import { idempotentReplayedHeader } from "@/lib/schemas/tasks";
import { ApiError } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import type { CreateTaskResult } from "./create-task";
import {
  claimIdempotencyKey,
  pruneIdempotencyKeys,
  settleStaleClaim,
  type IdempotencyOutcome,
} from "./idempotency";
import { unknownOutcomeMessage } from "./task-repository";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const replayedHeaders = { [idempotentReplayedHeader]: "true" };

/** Longer than any creation call can take (30 s timeout): a claim or row older than this is orphaned. */
export const inFlightLimitMs = 60_000;

/** The stored answer for a request that may have reached API in One without us learning the result. */
export const unknownOutcome: IdempotencyOutcome = {
  kind: "error",
  status: 502,
  type: "server_error",
  message: unknownOutcomeMessage,
  source: "studio",
  mayHaveBeenCharged: true,
};

function replay(outcome: IdempotencyOutcome): CreateTaskResult {
  if (outcome.kind === "task") {
    const status = outcome.status as TaskStatus;
    return { reply: envelope({ task_id: outcome.taskId, status }), replayed: true };
  }
  const headers: Record<string, string> = { ...replayedHeaders };
  if (outcome.retryAfterSeconds !== undefined) {
    headers["Retry-After"] = String(outcome.retryAfterSeconds);
  }
  throw new ApiError(outcome.status, outcome.type as ApiError["type"], outcome.message, {
    headers,
    source: outcome.source ?? "upstream",
    mayHaveBeenCharged: outcome.mayHaveBeenCharged ?? outcome.status >= 500,
    ...(outcome.param ? { param: outcome.param } : {}),
  });
}

/** Claims the key, or waits (briefly) for the first request with it to finish. */
export async function claimOrReplay(
  db: Database,
  userId: string,
  key: string,
  hash: string,
  rowId: string,
  waitMs: number,
): Promise<CreateTaskResult | undefined> {
  await pruneIdempotencyKeys(db);
  const deadline = Date.now() + waitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    const claim = await claimIdempotencyKey(db, userId, key, hash, rowId);
    if (claim.kind === "claimed") return undefined;
    if (claim.kind === "done") return replay(claim.outcome);
    // The first request's process died mid-flight: freed if it never stored its task (the loop
    // claims it again), else its outcome is unknown — never "still running".
    if (await settleStaleClaim(db, userId, key, inFlightLimitMs, unknownOutcome)) continue;
    if (Date.now() >= deadline) {
      throw new ApiError(
        409,
        "invalid_request",
        "A request with this Idempotency-Key is still being processed; ask again in a few seconds",
        { headers: { "Retry-After": "2" }, param: "Idempotency-Key" },
      );
    }
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
  }
}

export function outcomeOf(err: ApiError): IdempotencyOutcome {
  const retryAfter = Number(err.headers["Retry-After"]);
  return {
    kind: "error",
    status: err.status,
    type: err.type,
    message: err.message,
    param: err.param,
    source: err.source,
    mayHaveBeenCharged: err.mayHaveBeenCharged,
    ...(Number.isFinite(retryAfter) && { retryAfterSeconds: retryAfter }),
  };
}
