// One piece of tracker work on one leased task: ask the upstream about it (within its key's
// budget) and store the answer, or copy a finished task's outputs. Whatever happens, the task
// ends with either a next check time or a visible reason it has none.
import "server-only";
import { models } from "@/lib/catalog";
import { normalizeStatus, type TaskInfo } from "@/lib/schemas/api";
import { getEnv } from "@/lib/env";
import type { Database } from "@/lib/server/db";
import type { TaskRow } from "@/lib/server/db/schema";
import { publishTaskChange } from "@/lib/server/events/task-feed";
import { logger } from "@/lib/server/logger";
import { isUpstreamError, type UpstreamError } from "@/lib/server/upstream";
import { parseRetryAfterMs } from "./retry-after";
import { clientFor, type UpstreamTarget } from "@/lib/server/upstream-target";
import { keyFingerprint, targetForTask } from "@/lib/server/tasks/task-target";
import { defaultPauseMs, pauseKey, takeBudget } from "./budget";
import { dropUnrecordedCopies, mirrorTaskOutputs } from "./mirror-task";
import { finishLease, type TaskChanges } from "./queue";
import { ceilingMs, nextCheckDelayMs, retryDelayMs, type ScheduleModel } from "./schedule";

export const forgottenMessage =
  "API in One no longer knows this task (it answered 404 to the status lookup); it cannot finish.";
export const forgottenDemoMessage =
  "The demo simulator no longer knows this task; it cannot finish.";
export const keyChangedMessage =
  "This task was created with a different API key than the one in use now; it can no longer be tracked.";
export const timedOutNote =
  "Timed out: still running upstream long after this model usually finishes. Check again to ask once more.";
export const keyGoneNote =
  "Waiting: the API key this task was created with is not configured any more. Save it again in Settings to resume.";
export const keyRefusedNote =
  "Waiting: API in One refuses the API key this task was created with (401). Save a working key in Settings to resume.";
export const keyRefusedMessage =
  "API in One refused the API key this task was created with (401) for a day; it can no longer be tracked.";
export const waitingNote = "Waiting for a free request within this API key's rate limit.";
export const pausedNote = "API in One asked us to slow down (429); checking again after its pause.";
export const unreachableNote = "API in One did not answer the last status check; trying again.";

/**
 * How long a task that can no longer be asked with its own key stays IN_PROGRESS. The slowest
 * models take minutes, so a day leaves ample room to bring the old key back.
 */
export const abandonAfterMs = 24 * 60 * 60 * 1000;

/** A status check waits at most this long for the upstream. */
const checkTimeoutMs = 15_000;

export interface WorkContext {
  db: Database;
  owner: string;
  /** [0, 1) */
  random?: () => number;
}

const fallbackModel: ScheduleModel = { typicalSeconds: [10, 120] };

export function scheduleModelOf(row: Pick<TaskRow, "modelSlug">): ScheduleModel {
  return models.find((m) => m.slug === row.modelSlug) ?? fallbackModel;
}

/** Demo tasks run on the embedded simulator, DEMO_SIM_SPEED times faster than life. */
export function speedFor(row: Pick<TaskRow, "upstreamMode">): number {
  const env = getEnv();
  return row.upstreamMode === "demo" ? env.DEMO_SIM_SPEED : env.TRACKER_SPEED;
}

function mirrorWanted(): boolean {
  return getEnv().MIRROR_OUTPUTS === "1";
}

/** The columns of a task that has just reached a final status. */
export function finalChanges(status: "SUCCESS" | "FAILED", hasOutputs: boolean) {
  const mirror = status === "SUCCESS" && hasOutputs && mirrorWanted();
  return {
    trackingState: "done",
    trackingNote: null,
    completedAt: new Date(),
    mirrorState: mirror ? "pending" : status === "SUCCESS" && hasOutputs ? "off" : null,
    nextCheckInMs: mirror ? 0 : null,
  } as const;
}

async function finish(ctx: WorkContext, row: TaskRow, changes: TaskChanges): Promise<void> {
  const stored = await finishLease(ctx.db, row.id, ctx.owner, changes);
  if (stored && changes.visible) publishTaskChange(stored);
  // The row was deleted meanwhile (or another instance took the lease): copies made now are nobody's.
  if (!stored) await dropUnrecordedCopies(row, changes.outputs);
}

/** Does the tracker's work on one leased task. Never throws for upstream trouble. */
export async function workOnTask(ctx: WorkContext, row: TaskRow): Promise<void> {
  if (row.status === "SUCCESS" && row.mirrorState === "pending") {
    const changes = await mirrorTaskOutputs(ctx, row);
    return finish(ctx, row, changes);
  }
  if (row.status !== "IN_PROGRESS" || !row.pollable) {
    return finish(ctx, row, { nextCheckInMs: null, visible: false });
  }
  return finish(ctx, row, await checkStatus(ctx, row));
}

async function checkStatus(ctx: WorkContext, row: TaskRow): Promise<TaskChanges> {
  const random = ctx.random ?? Math.random;
  const model = scheduleModelOf(row);
  const speed = speedFor(row);
  const found = await targetForTask(row);
  if (found.kind === "unavailable") return keyGone(row, random);

  const fingerprint = keyFingerprint(found.target.apiKey);
  const slot = await takeBudget(ctx.db, fingerprint, "poll");
  if (!slot.ok) {
    // Jitter past the moment a slot frees, so waiting tasks do not all come back at once.
    const wait = slot.retryAfterMs + random() * 1000;
    const note = slot.reason === "paused" ? pausedNote : waitingNote;
    const changed = row.trackingState !== "waiting" || row.trackingNote !== note;
    return { trackingState: "waiting", trackingNote: note, nextCheckInMs: wait, visible: changed };
  }

  let info: TaskInfo;
  try {
    info = await lookUp(row, found.target);
  } catch (err) {
    if (!isUpstreamError(err)) throw err;
    return afterUpstreamError(ctx, row, err, fingerprint, found.kind, random);
  }
  const status = normalizeStatus(info.status);
  const checks = row.checks + 1;
  const checkedAt = new Date();
  if (status === "IN_PROGRESS") {
    // Past the ceiling only after asking: time spent waiting for the budget never times a task
    // out, and a late callback on a timed-out task still gets its check.
    if (row.deadlineAt && row.deadlineAt.getTime() <= Date.now()) {
      return {
        checks,
        checkedAt,
        ...(info.response.length > 0 && { response: info.response }),
        trackingState: "timed_out",
        trackingNote: timedOutNote,
        nextCheckInMs: null,
        visible: true,
      };
    }
    return {
      checks,
      checkedAt,
      ...(info.response.length > 0 && { response: info.response }),
      trackingState: "scheduled",
      trackingNote: null,
      nextCheckInMs: nextCheckDelayMs(model, checks, { speed, random }),
      // A running task that did not change needs no new look: live views hear only of changes.
      visible: row.trackingState !== "scheduled" || row.trackingNote !== null,
    };
  }
  return {
    checks,
    checkedAt,
    status,
    response: info.response,
    ...(info.consumed_credits !== null && { consumedCredits: info.consumed_credits }),
    errorMessage:
      info.error_message ?? (status === "FAILED" ? "API in One reported the task failed." : null),
    ...finalChanges(status, info.response.length > 0),
    visible: true,
  };
}

async function lookUp(row: TaskRow, target: UpstreamTarget): Promise<TaskInfo> {
  // No retries inside the client: every request must pass the budget, so the tracker reschedules.
  return clientFor(target, { retries: 0 }).tasks.get(row.taskId, { timeoutMs: checkTimeoutMs });
}

async function afterUpstreamError(
  ctx: WorkContext,
  row: TaskRow,
  err: UpstreamError,
  fingerprint: string,
  kind: "own" | "changed",
  random: () => number,
): Promise<TaskChanges> {
  if (err.type === "rate_limit") {
    const pause = parseRetryAfterMs(err.retryAfterSeconds) ?? defaultPauseMs;
    await pauseKey(ctx.db, fingerprint, pause);
    logger.warn(`upstream key ${fingerprint}: 429 on a status check; paused for ${pause} ms`);
    return {
      trackingState: "waiting",
      trackingNote: pausedNote,
      nextCheckInMs: pause + random() * 1000,
      visible: true,
    };
  }
  if (err.type === "not_found") {
    // From the task's own key a 404 is final; from a changed key it may be our own doing.
    if (kind === "own") {
      const message = row.upstreamMode === "demo" ? forgottenDemoMessage : forgottenMessage;
      return failed(message);
    }
    return keyGone(row, random);
  }
  if (err.type === "authentication_error") return keyGone(row, random, keyRefusedNote);
  logger.warn(`task ${row.taskId}: status check failed: ${err.type} (${err.status})`);
  if (row.deadlineAt && row.deadlineAt.getTime() <= Date.now()) {
    return {
      checks: row.checks + 1,
      trackingState: "timed_out",
      trackingNote: timedOutNote,
      nextCheckInMs: null,
      visible: true,
    };
  }
  return {
    checks: row.checks + 1,
    trackingState: "scheduled",
    trackingNote: unreachableNote,
    nextCheckInMs: retryDelayMs(row.checks, random) / speedFor(row),
    visible: row.trackingNote !== unreachableNote,
  };
}

function failed(message: string): TaskChanges {
  return {
    status: "FAILED",
    errorMessage: message,
    ...finalChanges("FAILED", false),
    visible: true,
  };
}

/** Nobody can be asked about the task now: wait for the key to come back, for a day at most. */
function keyGone(row: TaskRow, random: () => number, note = keyGoneNote): TaskChanges {
  if (Date.now() - row.createdAt.getTime() >= abandonAfterMs) {
    return failed(note === keyRefusedNote ? keyRefusedMessage : keyChangedMessage);
  }
  return {
    trackingState: "unavailable",
    trackingNote: note,
    nextCheckInMs: 10 * 60 * 1000 * (0.9 + 0.2 * random()),
    visible: row.trackingState !== "unavailable" || row.trackingNote !== note,
  };
}

/** The schedule of a task the upstream has just created. */
export function firstSchedule(
  row: Pick<TaskRow, "modelSlug" | "upstreamMode">,
  random = Math.random,
) {
  const model = scheduleModelOf(row);
  const speed = speedFor(row);
  return {
    firstCheckInMs: nextCheckDelayMs(model, 0, { speed, random }),
    ceilingMs: ceilingMs(model, { speed }),
  };
}
