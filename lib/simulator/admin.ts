// /__sim/…: an unauthenticated JSON control panel for tests and benchmarks (never under /api/v1,
// so it is neither rate limited nor counted).
import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonObject, sendError, sendJson } from "./http-io";
import type { SimulatorState } from "./state";

function positive(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

function delay(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 600_000;
}

const delayMessage = "must be a number of milliseconds from 0 to 600000";

function config(state: SimulatorState): Record<string, number | string | boolean> {
  // Policies are functions: report whether one is set, not the function.
  const { callbackPolicy, urlPolicy, ...plain } = state.config;
  return {
    ...plain,
    callbackPolicy: callbackPolicy !== undefined,
    urlPolicy: urlPolicy !== undefined,
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function handleAdmin(
  state: SimulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const method = req.method ?? "GET";
  const route = pathname.slice("/__sim".length);

  if (route === "/stats" && method === "GET") {
    const balances = Object.fromEntries(
      [...state.accounts.values()].map((a) => [a.key, a.balance]),
    );
    const { requests, total, ...traffic } = state.stats.report();
    sendJson(res, 200, { requests, total, balances, tasks: state.tasks.size, ...traffic });
    return;
  }
  if (route === "/reset" && method === "POST") {
    state.resetCounters();
    sendJson(res, 200, { ok: true });
    return;
  }
  if (route === "/config" && (method === "GET" || method === "POST")) {
    if (method === "POST") {
      const parsed = await readJsonObject(req);
      if (!parsed.ok) return sendError(res, "invalid_request", parsed.message);
      const { speed, rateLimitPerMinute, statusDelayMs } = parsed.body;
      if (speed !== undefined && !positive(speed))
        return sendError(res, "invalid_request", "speed: must be a positive number");
      if (rateLimitPerMinute !== undefined && !positive(rateLimitPerMinute)) {
        return sendError(res, "invalid_request", "rateLimitPerMinute: must be a positive number");
      }
      if (statusDelayMs !== undefined && !delay(statusDelayMs))
        return sendError(res, "invalid_request", `statusDelayMs: ${delayMessage}`);
      if (positive(speed)) state.config.speed = speed;
      if (positive(rateLimitPerMinute))
        state.config.rateLimitPerMinute = Math.floor(rateLimitPerMinute);
      if (delay(statusDelayMs)) state.config.statusDelayMs = statusDelayMs;
    }
    sendJson(res, 200, config(state));
    return;
  }
  const keyMatch = /^\/keys\/([^/]+)$/.exec(route);
  if (keyMatch?.[1] && (method === "GET" || method === "POST")) {
    const key = decodeURIComponent(keyMatch[1]);
    if (!key.startsWith("aio_"))
      return sendError(res, "invalid_request", "key: must start with aio_");
    const account = state.account(key);
    if (method === "POST") {
      const parsed = await readJsonObject(req);
      if (!parsed.ok) return sendError(res, "invalid_request", parsed.message);
      const { credits, rateLimitPerMinute, statusDelayMs } = parsed.body;
      if (
        credits !== undefined &&
        (typeof credits !== "number" || !Number.isFinite(credits) || credits < 0)
      ) {
        return sendError(res, "invalid_request", "credits: must be a number ≥ 0");
      }
      if (
        rateLimitPerMinute !== undefined &&
        rateLimitPerMinute !== null &&
        !positive(rateLimitPerMinute)
      ) {
        return sendError(
          res,
          "invalid_request",
          "rateLimitPerMinute: must be a positive number or null",
        );
      }
      if (statusDelayMs !== undefined && statusDelayMs !== null && !delay(statusDelayMs))
        return sendError(res, "invalid_request", `statusDelayMs: ${delayMessage} or null`);
      if (typeof credits === "number") {
        account.balance = credits;
        state.save({ account });
      }
      if (rateLimitPerMinute === null) account.rateLimitPerMinute = null;
      else if (positive(rateLimitPerMinute))
        account.rateLimitPerMinute = Math.floor(rateLimitPerMinute);
      if (statusDelayMs === null) account.statusDelayMs = null;
      else if (delay(statusDelayMs)) account.statusDelayMs = statusDelayMs;
    }
    sendJson(res, 200, {
      key,
      balance: account.balance,
      taskCount: account.taskCount,
      rateLimitPerMinute: account.rateLimitPerMinute ?? state.config.rateLimitPerMinute,
      statusDelayMs: account.statusDelayMs ?? state.config.statusDelayMs,
    });
    return;
  }
  // The tasks one key created, oldest first: what a test checks "charged once" against.
  const keyTasksMatch = /^\/keys\/([^/]+)\/tasks$/.exec(route);
  if (keyTasksMatch?.[1] && method === "GET") {
    const key = safeDecode(keyTasksMatch[1]);
    const tasks = [...state.tasks.values()]
      .filter((t) => t.key === key)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((t) => ({
        task_id: t.id,
        route: t.route,
        model: t.modelSlug,
        prompt: typeof t.request.prompt === "string" ? t.request.prompt : null,
        price: t.price,
        outcome: t.outcome,
        created_at: new Date(t.createdAt).toISOString(),
      }));
    sendJson(res, 200, { key, tasks });
    return;
  }
  const expireMatch = /^\/tasks\/([^/]+)\/expire-files$/.exec(route);
  if (expireMatch?.[1] && method === "POST") {
    const taskId = safeDecode(expireMatch[1]);
    const task = state.tasks.get(taskId);
    if (!task) return sendError(res, "not_found", `Task not found: ${taskId}`);
    // As when the upstream's CDN copy expires: the status reply keeps its URLs, they answer 404.
    task.filesExpired = true;
    state.save({ task });
    for (let i = 0; i < task.outputs.count; i++) state.renders.delete(`${task.id}/${i}`);
    sendJson(res, 200, { task_id: task.id, files_expired: true, files: task.outputs.count });
    return;
  }
  sendError(res, "not_found", `Unknown simulator admin endpoint: ${method} ${pathname}`);
}
