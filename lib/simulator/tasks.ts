// The task lifecycle: IN_PROGRESS until a deterministic, model-typical moment, then SUCCESS or
// FAILED. Status is computed on read; a timer settles the task on time so callbacks are punctual.
// Every change is saved (state.save) before anyone can see it, and a restarted simulator picks
// its tasks up where they were (resumeTask).
import { randomBytes } from "node:crypto";
import type { ModelEntry, RouteId } from "../catalog/types";
import { envelope, type TaskStatus } from "../schemas/api";
import { deliverCallback } from "./callbacks";
import type { CheckFault, ResponseShape } from "./faults";
import { fractionFrom } from "./hash";
import { contentTypes, planOutputs, renderOutput, type OutputPlan } from "./outputs";
import type { SimulatorState } from "./state";

/** Everything a task is: plain JSON, so it can be stored and read back after a restart. */
export interface TaskRecord {
  id: string;
  key: string;
  route: RouteId;
  /** The catalog slug of the model. */
  modelSlug: string;
  /** The `model` value as sent (or the slug for routes that take none): echoed in bare shapes. */
  modelValue: string;
  /** The body as sent, echoed in status replies. */
  request: Record<string, unknown>;
  /** The body after the catalog's schema (defaults applied): what outputs are rendered from. */
  params: Record<string, unknown>;
  /** Origin of the creating request: callbacks carry the same absolute URLs as the status reply. */
  origin: string;
  createdAt: number;
  finishesAt: number;
  outcome: "SUCCESS" | "FAILED";
  errorMessage: string | null;
  price: number;
  shape: ResponseShape | null;
  callbackUrl: string | null;
  outputs: OutputPlan;
  settled: boolean;
  /** The callback was delivered or given up on; false while one is still owed. */
  callbackDone: boolean;
  /** Its files answer 404, as when the upstream's CDN copy has expired (/__sim admin). */
  filesExpired: boolean;
  /** Its next status checks fail this way (`[sim:check=…]`); null once used up. */
  checkFault: CheckFault | null;
  /** Every reply about it trickles out slowly (`[sim:slow-body]`). */
  slowBody: boolean;
}

export interface SimTask extends TaskRecord {
  timer: NodeJS.Timeout | undefined;
}

export function taskRecord(task: SimTask): TaskRecord {
  const { timer: _timer, ...record } = task;
  return record;
}

export interface NewTask {
  key: string;
  route: RouteId;
  model: ModelEntry;
  body: Record<string, unknown>;
  params: Record<string, unknown>;
  origin: string;
  price: number;
  shape: ResponseShape | null;
  fail: boolean;
  slow: boolean;
  callbackUrl: string | null;
  checkFault: CheckFault | null;
  slowBody: boolean;
}

function compactSlug(slug: string): string {
  return (
    slug
      .replace(/[^a-z0-9]/gi, "")
      .toLowerCase()
      .slice(0, 16) || "task"
  );
}

/** Duration in ms: a point within the model's typical range picked by the request, then scaled. */
export function taskDurationMs(
  state: SimulatorState,
  model: ModelEntry,
  body: Record<string, unknown>,
  slow: boolean,
): number {
  const [min, max] = model.typicalSeconds;
  // Markers are left out of the pick: "prompt [sim:slow]" takes exactly ten times "prompt".
  const unmarked = JSON.stringify(body).replace(/\s*\[sim:[^\]]*\]/gi, "");
  const seconds = min + fractionFrom(model.slug, unmarked) * Math.max(0, max - min);
  return state.scaled(seconds * 1000) * (slow ? 10 : 1);
}

/** Creates, stores and schedules a task; saved to disk (with the charged account) on return. */
export function createTask(state: SimulatorState, input: NewTask): SimTask {
  const now = Date.now();
  const modelValue = typeof input.body.model === "string" ? input.body.model : input.model.slug;
  const task: SimTask = {
    // 80 random bits: output URLs carry the id and are served without auth.
    id: `sim${randomBytes(10).toString("hex")}_${compactSlug(input.model.slug)}`,
    key: input.key,
    route: input.route,
    modelSlug: input.model.slug,
    modelValue,
    request: input.body,
    params: input.params,
    origin: input.origin,
    createdAt: now,
    finishesAt: now + taskDurationMs(state, input.model, input.params, input.slow),
    outcome: input.fail ? "FAILED" : "SUCCESS",
    errorMessage: input.fail
      ? "Simulated failure: the provider rejected this job ([sim:fail])"
      : null,
    price: input.price,
    shape: input.shape,
    callbackUrl: input.callbackUrl,
    outputs: planOutputs(input.route, input.model, input.params),
    settled: false,
    callbackDone: false,
    filesExpired: false,
    checkFault: input.checkFault,
    slowBody: input.slowBody,
    timer: undefined,
  };
  state.addTask(task);
  state.save({ task, account: state.account(task.key) });
  scheduleFinish(state, task);
  return task;
}

function scheduleFinish(state: SimulatorState, task: SimTask): void {
  task.timer = state.schedule(() => finishTask(state, task), task.finishesAt - Date.now());
}

/**
 * Puts a restored task back on its timeline. One still running settles at its original finish
 * time, with its callback then. One that came due while the simulator was down settles now, and
 * a callback it is owed (or was owed before, undelivered) goes out `callbackDelayMs` after the
 * start: the receiver is often restarting with us and not listening yet.
 */
export function resumeTask(state: SimulatorState, task: SimTask, callbackDelayMs: number): void {
  if (!task.settled && task.finishesAt > Date.now()) {
    scheduleFinish(state, task);
    return;
  }
  settle(state, task, true);
  if (task.callbackUrl && !task.callbackDone) {
    state.schedule(() => sendTaskCallback(state, task), callbackDelayMs);
  }
}

function finishTask(state: SimulatorState, task: SimTask): void {
  task.timer = undefined;
  settle(state, task, true);
  if (task.callbackUrl && !task.callbackDone) sendTaskCallback(state, task);
}

function sendTaskCallback(state: SimulatorState, task: SimTask): void {
  if (!task.callbackUrl) return;
  deliverCallback(state, task.callbackUrl, statusReply(state, task, task.origin), task.id, () => {
    task.callbackDone = true;
    state.save({ task });
  });
}

/** Moves a due task to its final state once; a failed task gives its credits back. */
export function settle(state: SimulatorState, task: SimTask, force = false): void {
  if (task.settled || (!force && Date.now() < task.finishesAt)) return;
  task.settled = true;
  const account = task.outcome === "FAILED" ? state.accounts.get(task.key) : undefined;
  if (account) account.balance += task.price;
  state.save({ task, ...(account && { account }) });
}

export function taskStatus(state: SimulatorState, task: SimTask): TaskStatus {
  settle(state, task);
  return task.settled ? task.outcome : "IN_PROGRESS";
}

export function outputUrls(task: SimTask, origin: string): string[] {
  if (!task.settled || task.outcome !== "SUCCESS") return [];
  return Array.from(
    { length: task.outputs.count },
    (_, i) => `${origin}/files/${task.id}/${i}.${task.outputs.ext}`,
  );
}

export function outputFile(
  state: SimulatorState,
  task: SimTask,
  index: number,
): { bytes: Buffer; contentType: string } {
  const bytes = state.renders.get(`${task.id}/${index}`, () => renderOutput(task, index));
  return { bytes, contentType: contentTypes[task.outputs.ext] };
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const lowerStatus: Record<TaskStatus, string> = {
  IN_PROGRESS: "pending",
  SUCCESS: "completed",
  FAILED: "failed",
};

/** The creation reply in the shape the request asked for (SPEC §3, §12 item 1). */
export function creationReply(task: SimTask): unknown {
  const createdAt = isoSeconds(task.createdAt);
  switch (task.shape) {
    case "bare":
      return { id: task.id, status: "pending", model: task.modelValue, created_at: createdAt };
    case "bare-task-id":
      return { task_id: task.id, status: "pending", model: task.modelValue, created_at: createdAt };
    case "task-id-camel":
      return { code: 200, msg: "success", data: { taskId: task.id } };
    case "no-status":
      return envelope({ task_id: task.id });
    case "lowercase":
      return envelope({ task_id: task.id, status: "pending" });
    default:
      return envelope({ task_id: task.id, status: "IN_PROGRESS" });
  }
}

/** The status reply (SPEC §0); a shape chosen at creation keeps applying to this task. */
export function statusReply(state: SimulatorState, task: SimTask, origin: string): unknown {
  const status = taskStatus(state, task);
  const fields = {
    consumed_credits: status === "FAILED" ? 0 : task.price,
    error_message: status === "FAILED" ? task.errorMessage : null,
    created_at: isoSeconds(task.createdAt),
    request: task.request,
    response: outputUrls(task, state.config.filesOrigin ?? origin),
  };
  switch (task.shape) {
    case "bare":
      return { id: task.id, status: lowerStatus[status], model: task.modelValue, ...fields };
    case "bare-task-id":
      return { task_id: task.id, status: lowerStatus[status], model: task.modelValue, ...fields };
    case "task-id-camel":
      return { code: 200, msg: "success", data: { taskId: task.id, status, ...fields } };
    case "lowercase":
      return envelope({ task_id: task.id, status: lowerStatus[status], ...fields });
    default:
      return envelope({ task_id: task.id, status, ...fields });
  }
}
