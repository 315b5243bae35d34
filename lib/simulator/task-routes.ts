// The async media routes (create a task) and GET /tasks/{task_id} (SPEC §0).
import { applyDefaults, validateRequest } from "../catalog";
import type { RouteId } from "../catalog/types";
import { charge } from "./auth-and-limits";
import { errorIn200, sendMalformed, type ApiContext } from "./context";
import { readFaults } from "./faults";
import { sendError, sendJson, sendJsonSlowly } from "./http-io";
import { createTask, creationReply, statusReply, type SimTask } from "./tasks";

/** Charged when the catalog has no documented price for a body (price(body) → null). */
export const defaultTaskPrice = 10;

export function handleCreateTask(
  ctx: ApiContext,
  route: RouteId,
  body: Record<string, unknown>,
): void {
  const faults = readFaults(body);
  if (faults.hang) return; // never answered; close() or the client's abort ends it
  if (faults.serverError) {
    sendError(ctx.res, "server_error", "Simulated internal error, please retry later");
    return;
  }
  if (faults.malformed) return sendMalformed(ctx);
  if (faults.shape === "error-in-200") return sendJson(ctx.res, 200, errorIn200);

  const { urlPolicy, callbackPolicy } = ctx.state.config;
  // The catalog counts lengths and checks characters by its one rule (lib/catalog/text.ts), so
  // the simulator refuses exactly what the Studio's forms and routes refuse.
  const validated = validateRequest(route, body, urlPolicy ? { urlPolicy } : {});
  if (!validated.ok) {
    // The catalog's message already starts with the field ("prompt: must be at least 3 characters").
    sendError(ctx.res, "invalid_request", validated.message);
    return;
  }
  // The catalog's schema has checked callback_url is an http(s) URL; the policy says whether we
  // may call it. Refused before anything is charged, and never contacted.
  const callbackUrl = body.callback_url;
  if (typeof callbackUrl === "string" && callbackPolicy && !callbackPolicy(callbackUrl)) {
    sendError(
      ctx.res,
      "invalid_request",
      "callback_url: not allowed here (this server only calls back to approved addresses)",
    );
    return;
  }
  const model = validated.model;
  const price = model.price(validated.body) ?? defaultTaskPrice;
  if (!charge(ctx.account, price)) {
    sendError(
      ctx.res,
      "insufficient_credits",
      `Insufficient credits: this request costs ${price} credits, the balance is ${ctx.account.balance}`,
    );
    return;
  }
  ctx.account.taskCount++;
  // Stored on disk (with the charged balance) before the reply: a task whose id a client has
  // seen survives a crash of the simulator.
  const task = createTask(ctx.state, {
    key: ctx.key,
    route,
    model,
    // Echo what was sent (SPEC §0 "request echoes what was sent"), not the schema's defaults.
    body,
    // Outputs follow the documented defaults (aspect ratio, duration) for fields left out.
    params: applyDefaults(model, validated.body),
    origin: ctx.origin,
    price,
    shape: faults.shape,
    fail: faults.fail,
    slow: faults.slow,
    callbackUrl: typeof callbackUrl === "string" ? callbackUrl : null,
    checkFault: faults.check,
    slowBody: faults.slowBody,
  });
  sendTaskReply(ctx, task, creationReply(task));
}

/** How long a `[sim:slow-body]` reply takes to arrive in full. */
export const slowBodyMs = 1_500;

function sendTaskReply(ctx: ApiContext, task: SimTask, payload: unknown): void {
  if (task.slowBody) {
    sendJsonSlowly(ctx.res, 200, payload, slowBodyMs, (run, ms) => ctx.state.schedule(run, ms));
  } else {
    sendJson(ctx.res, 200, payload);
  }
}

/**
 * A check the task's `[sim:check=<fault>x<n>]` marker spoils: answered with that fault (nothing
 * about the task changes). True when it was.
 */
function answeredWithCheckFault(ctx: ApiContext, task: SimTask): boolean {
  const spoiled = task.checkFault;
  if (!spoiled || spoiled.remaining <= 0) return false;
  spoiled.remaining -= 1;
  ctx.state.save({ task });
  switch (spoiled.fault) {
    case "500":
      sendError(ctx.res, "server_error", "Simulated internal error, please retry later");
      break;
    case "429":
      sendError(ctx.res, "rate_limit", "Rate limit exceeded, retry in 1 s", {
        headers: { "Retry-After": "1" },
      });
      break;
    case "malformed":
      sendMalformed(ctx);
      break;
    case "hang":
      break; // never answered; the client's timeout or abort ends it
  }
  return true;
}

export function handleGetTask(ctx: ApiContext, taskId: string): void {
  // A status delay keeps checks in flight long enough for /__sim/stats to see overlapping ones.
  const delay = ctx.account.statusDelayMs ?? ctx.state.config.statusDelayMs;
  if (delay > 0) {
    ctx.state.schedule(() => answerGetTask(ctx, taskId), delay);
    return;
  }
  answerGetTask(ctx, taskId);
}

function answerGetTask(ctx: ApiContext, taskId: string): void {
  if (ctx.res.destroyed) return;
  const task = ctx.state.tasks.get(taskId);
  // Another key's task is indistinguishable from a missing one: no probing for ids.
  if (!task || task.key !== ctx.key) {
    sendError(ctx.res, "not_found", `Task not found: ${taskId}`);
    return;
  }
  if (answeredWithCheckFault(ctx, task)) return;
  sendTaskReply(ctx, task, statusReply(ctx.state, task, ctx.origin));
}
