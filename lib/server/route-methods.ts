// Every HTTP method of a route file, so a method the route does not take is answered 405 in the
// one error shape (with Allow) instead of Next's empty body. HEAD follows GET without a body.
import "server-only";
import { ApiError, errorResponse, newRequestId } from "./api-error";
import type { RouteHandler } from "./define-route";

const methodNames = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type MethodName = (typeof methodNames)[number];
type AllMethods = Record<MethodName | "HEAD" | "OPTIONS", RouteHandler>;

function allowOf(handlers: Partial<Record<MethodName, RouteHandler>>): string {
  const names: string[] = methodNames.filter((m) => handlers[m]);
  if (handlers.GET) names.push("HEAD");
  return [...names, "OPTIONS"].join(", ");
}

export function methodNotAllowed(method: string, allow: string): Response {
  const usable = allow
    .split(", ")
    .filter((m) => m !== "HEAD" && m !== "OPTIONS")
    .join(" or ");
  const err = new ApiError(
    405,
    "invalid_request",
    `Method ${method} is not allowed here; use ${usable}`,
    {
      headers: { Allow: allow },
    },
  );
  return errorResponse(err, newRequestId());
}

export function routeMethods(handlers: Partial<Record<MethodName, RouteHandler>>): AllMethods {
  const allow = allowOf(handlers);
  const refuse: RouteHandler = async (req) => methodNotAllowed(req.method, allow);
  const get = handlers.GET;
  const head: RouteHandler = get
    ? async (req, segment) => {
        const full = await get(req, segment);
        await full.body?.cancel().catch(() => {});
        return new Response(null, { status: full.status, headers: full.headers });
      }
    : refuse;
  const options: RouteHandler = async () =>
    new Response(null, { status: 204, headers: { Allow: allow } });
  return {
    GET: handlers.GET ?? refuse,
    POST: handlers.POST ?? refuse,
    PUT: handlers.PUT ?? refuse,
    PATCH: handlers.PATCH ?? refuse,
    DELETE: handlers.DELETE ?? refuse,
    HEAD: head,
    OPTIONS: options,
  };
}
