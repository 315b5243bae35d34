// /api/v1 dispatch: match the route, then the checks every call passes in the upstream's order
// (method, key, rate limit, body) before a handler runs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { routes } from "../catalog";
import type { RouteId } from "../catalog/types";
import { authenticate, takeRateLimitSlot } from "./auth-and-limits";
import { handleChat } from "./chat";
import type { ApiContext } from "./context";
import { readJsonObject, requestOrigin, sendError } from "./http-io";
import type { SimulatorState } from "./state";
import { handleCreateTask, handleGetTask } from "./task-routes";

export const apiPrefix = "/api/v1";

type ApiRoute =
  | { kind: "task"; route: RouteId; method: "POST"; label: string }
  | { kind: "chat"; method: "POST"; label: string }
  | { kind: "status"; taskId: string; method: "GET"; label: string };

const taskRoutesByPath = new Map<string, RouteId>(
  Object.values(routes).map((info) => [info.path, info.id] as const),
);

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape simply names no task
  }
}

function matchApiRoute(path: string): ApiRoute | null {
  const route = taskRoutesByPath.get(path);
  if (route) return { kind: "task", route, method: "POST", label: `POST ${path}` };
  if (path === "/chat/completions")
    return { kind: "chat", method: "POST", label: "POST /chat/completions" };
  const status = /^\/tasks\/([^/]+)$/.exec(path);
  if (status?.[1]) {
    return {
      kind: "status",
      taskId: safeDecode(status[1]),
      method: "GET",
      label: "GET /tasks/{task_id}",
    };
  }
  return null;
}

export async function handleApi(
  state: SimulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  fallbackOrigin: string,
): Promise<void> {
  const route = matchApiRoute(path);
  if (!route) {
    sendError(res, "not_found", `Unknown endpoint: ${req.method ?? ""} ${apiPrefix}${path}`);
    return;
  }
  if (req.method !== route.method) {
    sendError(
      res,
      "invalid_request",
      `Method ${req.method ?? ""} not allowed on ${apiPrefix}${path}; use ${route.method}`,
      {
        code: 405,
        headers: { Allow: route.method },
      },
    );
    return;
  }
  const auth = authenticate(req.headers.authorization);
  const label = auth.ok ? auth.key : "(unauthenticated)";
  state.countRequest(route.label, label);
  state.stats.trackRequest(res);
  if (route.kind === "status") state.stats.trackStatusCheck(label, route.taskId, res);
  if (!auth.ok) {
    sendError(res, auth.type, auth.message);
    return;
  }
  const account = state.account(auth.key);
  const slot = takeRateLimitSlot(
    account,
    account.rateLimitPerMinute ?? state.config.rateLimitPerMinute,
    Date.now(),
  );
  if (!slot.ok) {
    state.stats.countRateLimited(label);
    sendError(res, "rate_limit", `Rate limit exceeded, retry in ${slot.retryAfterSeconds} s`, {
      headers: { "Retry-After": String(slot.retryAfterSeconds) },
    });
    return;
  }
  const ctx: ApiContext = {
    state,
    req,
    res,
    origin: requestOrigin(req, fallbackOrigin),
    key: auth.key,
    account,
  };
  if (route.kind === "status") {
    handleGetTask(ctx, route.taskId);
    return;
  }
  const parsed = await readJsonObject(req);
  if (!parsed.ok) {
    sendError(res, "invalid_request", parsed.message);
    return;
  }
  if (route.kind === "chat") handleChat(ctx, parsed.body);
  else handleCreateTask(ctx, route.route, parsed.body);
}
