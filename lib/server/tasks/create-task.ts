// Creating a task on a mirrored route, in the order that spends nothing by mistake and loses
// nothing charged: validate → claim the Idempotency-Key → resolve the user's upstream → store the
// row (SUBMITTING) → one upstream call → record its answer on the row → answer.
import "server-only";
import { randomUUID } from "node:crypto";
import { routes, validateRequest, type RouteId, type UrlPolicy } from "@/lib/catalog";
import { envelope } from "@/lib/schemas/api";
import type { TaskCreatedReply } from "@/lib/schemas/tasks";
import { ApiError, invalid } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import { tasks, type TaskRow, type User } from "@/lib/server/db/schema";
import { failpoint } from "@/lib/server/failpoint";
import { logger } from "@/lib/server/logger";
import { isUpstreamError, type JsonBody, type UpstreamClient } from "@/lib/server/upstream";
import { getUpstreamClient, type UpstreamTarget } from "@/lib/server/upstream-target";
import { claimOrReplay, outcomeOf } from "./claim-or-replay";
import { completeIdempotencyKey, releaseIdempotencyKey, requestHash } from "./idempotency";
import { keyFingerprint } from "./task-target";
import {
  dropSubmitting,
  insertTask,
  markOutcomeUnknown,
  placeholderTaskId,
  recordCreated,
  submittingStatus,
  unknownOutcomeMessage,
} from "./task-repository";
import { upstreamFailure } from "./upstream-failure";
import { studioUrlPolicy } from "./url-policy";
import { publishTaskChange } from "@/lib/server/events/task-feed";
import { defaultPauseMs, pauseKey } from "@/lib/server/tracker/budget";
import { spendBudgetOrRefuse } from "@/lib/server/tracker/budget-lease";
import { callbackFor } from "@/lib/server/tracker/callbacks";
import { finalChanges, firstSchedule } from "@/lib/server/tracker/check-task";
import { parseRetryAfterMs } from "@/lib/server/tracker/retry-after";
import { eq } from "drizzle-orm";

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
  /** Where URLs in the body may point, per upstream mode; the Studio's public-URL policy by default. */
  urlPolicy?: (target: UpstreamTarget) => UrlPolicy;
}

export interface CreateTaskResult {
  reply: TaskCreatedReply;
  /** True when this is the first request's answer, repeated for the same Idempotency-Key. */
  replayed: boolean;
}

/** How the write of the upstream's answer is retried before giving up (ms between attempts). */
const recordRetryDelaysMs = [50, 250, 1000] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** remove-bg takes `model` from us only as a catalog hint (SPEC §0): the upstream gets none. */
function upstreamBody(route: RouteId, body: Record<string, unknown>): JsonBody {
  if (routes[route].modelField === "required" || !("model" in body)) return body;
  const { model: _model, ...rest } = body;
  return rest;
}

/** Writes the upstream's answer over the SUBMITTING row, retrying a failed write a few times. */
async function recordWithRetry(write: () => Promise<unknown>, taskId: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      return;
    } catch (err) {
      const delay = recordRetryDelaysMs[attempt];
      if (delay === undefined) throw err;
      logger.warn(`task ${taskId}: storing the upstream's answer failed; retrying in ${delay} ms`);
      await sleep(delay);
    }
  }
}

export async function createTaskForUser(
  db: Database,
  user: Pick<User, "id">,
  route: RouteId,
  body: unknown,
  options: CreateTaskOptions = {},
): Promise<CreateTaskResult> {
  // The catalog's checks first (most refusals end here, before any lookup)…
  const plain = validateRequest(route, body);
  if (!plain.ok) throw invalid(plain.message, plain.field);
  const upstream = await (options.resolveUpstream ?? getUpstreamClient)(user.id);
  // …then where the URLs may point, which depends on who would call them (demo mode calls back
  // from this very process).
  const checked = validateRequest(route, body, {
    urlPolicy: (options.urlPolicy ?? studioUrlPolicy)(upstream.target),
  });
  if (!checked.ok) throw invalid(checked.message, checked.field);

  const key = options.idempotencyKey;
  const rowId = randomUUID();
  if (key !== undefined) {
    const hash = requestHash(route, checked.body);
    const wait = options.duplicateWaitMs ?? 5000;
    const earlier = await claimOrReplay(db, user.id, key, hash, rowId, wait);
    if (earlier) return earlier;
  }
  const release = async () => {
    if (key !== undefined) await releaseIdempotencyKey(db, user.id, key);
  };

  const fingerprint = keyFingerprint(upstream.target.apiKey);
  const callback = callbackFor(rowId, checked.model, checked.body, upstream.target);
  try {
    // Stored before the upstream hears of it: whatever happens next, the row is there to find.
    await insertTask(db, {
      id: rowId,
      userId: user.id,
      taskId: placeholderTaskId(rowId),
      route,
      modelSlug: checked.model.slug,
      modelValue: typeof checked.body.model === "string" ? checked.body.model : null,
      request: checked.body,
      status: submittingStatus,
      upstreamMode: upstream.target.mode,
      keyFingerprint: fingerprint,
      pollable: false,
      callbackTokenHash: callback?.tokenHash ?? null,
    });
  } catch (err) {
    await release();
    throw err;
  }
  // The slot is taken last, just before the request leaves: the budget counts from this moment,
  // and the upstream from the request's arrival, which must not lag it by much.
  try {
    await spendBudgetOrRefuse(db, fingerprint, "submit");
  } catch (err) {
    await dropSubmitting(db, rowId).catch(() => undefined);
    await release();
    throw err;
  }
  const { client, target } = upstream;

  let created;
  try {
    const sent = callback ? { ...checked.body, callback_url: callback.url } : checked.body;
    created = await client.createTask(routes[route].path, upstreamBody(route, sent), {
      timeoutMs: options.timeoutMs,
    });
  } catch (err) {
    if (isUpstreamError(err) && err.type === "rate_limit") {
      // Our budget let it through, yet the upstream refused: the key is busier than we know
      // (another client uses it). Everyone waits out its pause.
      const pause = parseRetryAfterMs(err.retryAfterSeconds) ?? defaultPauseMs;
      await pauseKey(db, fingerprint, pause).catch(() => undefined);
    }
    // Anything but a refusal that surely never left this machine may have been charged.
    const failure = isUpstreamError(err)
      ? upstreamFailure(err, target.mode)
      : new ApiError(502, "server_error", unknownOutcomeMessage, { mayHaveBeenCharged: true });
    if (!isUpstreamError(err)) logger.error(`task creation on ${route} failed unexpectedly`);
    // The bookkeeping below must never replace the answer: a database hiccup here would turn a
    // "may have been charged" into a plain 500 (the start-up reconciliation settles what is left).
    try {
      if (failure.mayHaveBeenCharged) {
        // Kept, visibly, and the key keeps its answer: a retry must not charge again.
        await markOutcomeUnknown(db, { rowId }, `${failure.message} (${unknownOutcomeMessage})`);
        if (key !== undefined) await completeIdempotencyKey(db, user.id, key, outcomeOf(failure));
      } else {
        await dropSubmitting(db, rowId);
        await release();
      }
    } catch {
      logger.error(`task creation on ${route}: recording its failure failed`);
    }
    throw failure;
  }

  failpoint("after-upstream-create");
  const status = created.status;
  const response = created.response ?? [];
  const schedule = firstSchedule({ modelSlug: checked.model.slug, upstreamMode: target.mode });
  const final = status === "IN_PROGRESS" ? undefined : finalChanges(status, response.length > 0);
  // The stored row as written (read back with the write when no Idempotency-Key is involved).
  let storedRow: TaskRow | undefined;
  const write = async () => {
    const update = recordCreated(
      db,
      rowId,
      {
        taskId: created.task_id,
        status,
        response,
        consumedCredits: created.consumed_credits ?? null,
        errorMessage: created.error_message ?? null,
        pollable: created.synthetic_id !== true,
      },
      {
        nextCheckInMs: final ? final.nextCheckInMs : schedule.firstCheckInMs,
        ceilingMs: schedule.ceilingMs,
        trackingState: final ? "done" : "scheduled",
        mirrorState: final?.mirrorState ?? null,
      },
    );
    const outcome = { kind: "task" as const, taskId: created.task_id, status };
    let stored: boolean;
    if (key === undefined) {
      [storedRow] = await update.returning();
      stored = storedRow !== undefined;
    } else {
      stored = await completeIdempotencyKey(db, user.id, key, outcome, update);
    }
    // The row must have taken it (a retry of a lost write, or one that outlived reconciliation).
    if (!stored) throw new Error("the task row was not updated");
  };
  try {
    await recordWithRetry(write, created.task_id);
  } catch {
    // The upstream has the task (and may have charged): the SUBMITTING row stays, and start-up or
    // the next duplicate settles it as "unknown outcome"; never silently dropped.
    logger.error(`task ${created.task_id} (${route}) was created upstream but could not be stored`);
    throw new ApiError(
      503,
      "server_error",
      `API in One created task ${created.task_id}, but the Studio could not store it. It may have been charged; it stays in your list and is marked as an unknown outcome within a couple of minutes.`,
      { mayHaveBeenCharged: true },
    );
  }
  // Live views hear of the task after the answer has gone, which does not wait for them.
  if (storedRow) {
    const row = storedRow;
    setImmediate(() => publishTaskChange(row));
  } else {
    void announce(db, rowId);
  }
  return { reply: envelope({ task_id: created.task_id, status }), replayed: false };
}

/** Tells live views about the new task (best effort: the row is stored either way). */
async function announce(db: Database, rowId: string): Promise<void> {
  try {
    const [row]: TaskRow[] = await db.select().from(tasks).where(eq(tasks.id, rowId)).limit(1);
    if (row) publishTaskChange(row);
  } catch {
    logger.warn("task creation: announcing the new task failed");
  }
}
