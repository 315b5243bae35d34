// Creating a task on a mirrored route, in the order that spends nothing by mistake: validate →
// claim the Idempotency-Key → resolve the user's upstream → one upstream call → record → answer.
import "server-only";
import { routes, validateRequest, type RouteId } from "@/lib/catalog";
import { envelope, type TaskStatus } from "@/lib/schemas/api";
import { idempotentReplayedHeader, type TaskCreatedReply } from "@/lib/schemas/tasks";
import { ApiError, invalid } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import type { User } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { isUpstreamError, type JsonBody, type UpstreamClient } from "@/lib/server/upstream";
import { getUpstreamClient, type UpstreamTarget } from "@/lib/server/upstream-target";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  pruneIdempotencyKeys,
  releaseIdempotencyKey,
  requestHash,
  type IdempotencyOutcome,
} from "./idempotency";
import { keyFingerprint } from "./task-target";
import { insertTask } from "./task-repository";
import { upstreamFailure } from "./upstream-failure";

export type ResolveUpstream = (
  userId: string,
) => Promise<{ client: UpstreamClient; target: UpstreamTarget }>;

export interface CreateTaskOptions {
  /** The request's Idempotency-Key, already checked with parseIdempotencyKey. */
  idempotencyKey?: string;
  /** Limit for the creation call; a timeout is answered 504 and never retried. */
  timeoutMs?: number;
  /** How long a duplicate waits for the first request's answer before answering 409. */
  duplicateWaitMs?: number;
  resolveUpstream?: ResolveUpstream;
}

export interface CreateTaskResult {
  reply: TaskCreatedReply;
  /** True when this is the first request's answer, repeated for the same Idempotency-Key. */
  replayed: boolean;
}

const replayedHeaders = { [idempotentReplayedHeader]: "true" };

function replay(outcome: IdempotencyOutcome): CreateTaskResult {
  if (outcome.kind === "task") {
    const status = outcome.status as TaskStatus;
    return { reply: envelope({ task_id: outcome.taskId, status }), replayed: true };
  }
  const headers: Record<string, string> = { ...replayedHeaders };
  if (outcome.retryAfterSeconds !== undefined) {
    headers["Retry-After"] = String(outcome.retryAfterSeconds);
  }
  throw new ApiError(outcome.status, outcome.type as ApiError["type"], outcome.message, headers);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Claims the key, or waits (briefly) for the first request with it to finish. */
async function claimOrReplay(
  db: Database,
  userId: string,
  key: string,
  hash: string,
  waitMs: number,
): Promise<CreateTaskResult | undefined> {
  await pruneIdempotencyKeys(db);
  const deadline = Date.now() + waitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    const claim = await claimIdempotencyKey(db, userId, key, hash);
    if (claim.kind === "claimed") return undefined;
    if (claim.kind === "done") return replay(claim.outcome);
    if (Date.now() >= deadline) {
      throw new ApiError(
        409,
        "invalid_request",
        "A request with this Idempotency-Key is still being processed; ask again in a few seconds",
        { "Retry-After": "2" },
      );
    }
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
  }
}

function outcomeOf(err: ApiError): IdempotencyOutcome {
  const retryAfter = Number(err.headers["Retry-After"]);
  return {
    kind: "error",
    status: err.status,
    type: err.type,
    message: err.message,
    ...(Number.isFinite(retryAfter) && { retryAfterSeconds: retryAfter }),
  };
}

/** Routes whose `model` is optional take it from us only as a catalog hint; the upstream gets none. */
function upstreamBody(route: RouteId, body: Record<string, unknown>): JsonBody {
  if (routes[route].modelField === "required" || !("model" in body)) return body;
  const { model: _model, ...rest } = body;
  return rest;
}

export async function createTaskForUser(
  db: Database,
  user: Pick<User, "id">,
  route: RouteId,
  body: unknown,
  options: CreateTaskOptions = {},
): Promise<CreateTaskResult> {
  const checked = validateRequest(route, body);
  if (!checked.ok) throw invalid(checked.message);

  const key = options.idempotencyKey;
  if (key !== undefined) {
    const hash = requestHash(route, checked.body);
    const earlier = await claimOrReplay(db, user.id, key, hash, options.duplicateWaitMs ?? 5000);
    if (earlier) return earlier;
  }

  let upstream: Awaited<ReturnType<ResolveUpstream>>;
  try {
    upstream = await (options.resolveUpstream ?? getUpstreamClient)(user.id);
  } catch (err) {
    if (key !== undefined) await releaseIdempotencyKey(db, user.id, key);
    throw err;
  }
  const { client, target } = upstream;

  let created;
  try {
    created = await client.createTask(routes[route].path, upstreamBody(route, checked.body), {
      timeoutMs: options.timeoutMs,
    });
  } catch (err) {
    if (!isUpstreamError(err)) throw err;
    const failure = upstreamFailure(err, target.mode);
    if (key !== undefined) {
      // A request that may have been acted on keeps its key: a retry must not charge again.
      if (err.mayHaveReachedUpstream) {
        await completeIdempotencyKey(db, user.id, key, outcomeOf(failure));
      } else await releaseIdempotencyKey(db, user.id, key);
    }
    throw failure;
  }

  const status = created.status;
  const insert = insertTask(db, {
    userId: user.id,
    taskId: created.task_id,
    route,
    modelSlug: checked.model.slug,
    modelValue: typeof checked.body.model === "string" ? checked.body.model : null,
    request: checked.body,
    status,
    response: created.response ?? [],
    consumedCredits: created.consumed_credits ?? null,
    errorMessage: created.error_message ?? null,
    upstreamMode: target.mode,
    keyFingerprint: keyFingerprint(target.apiKey),
    pollable: created.synthetic_id !== true,
    ...(status !== "IN_PROGRESS" && { completedAt: new Date() }),
  });
  try {
    if (key === undefined) await insert;
    else {
      const outcome = { kind: "task" as const, taskId: created.task_id, status };
      await completeIdempotencyKey(db, user.id, key, outcome, insert);
    }
  } catch (err) {
    // The upstream has the task (and may have charged for it): leave a trace to find it by.
    logger.error(`task ${created.task_id} (${route}) was created upstream but could not be stored`);
    throw err;
  }
  return { reply: envelope({ task_id: created.task_id, status }), replayed: false };
}
