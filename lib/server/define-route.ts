// The one wrapper every /api/v1 handler goes through: parse → authenticate → work → map errors.
import "server-only";
import type { z } from "zod";
import { fieldPath, firstFieldError } from "@/lib/catalog";
import { authenticateAppToken } from "@/lib/server/accounts/tokens";
import { auth } from "@/lib/server/auth/auth";
import { getUserById } from "@/lib/server/accounts/users";
import { getDb } from "@/lib/server/db";
import type { User } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { isUpstreamError } from "@/lib/server/upstream";
import { ApiError, errorResponse, invalid, unauthorized } from "./api-error";

export interface RouteContext<B, P> {
  req: Request;
  user: User;
  body: B;
  params: P;
  /** "token" for scripts and SDKs; "session" for the browser. */
  via: "session" | "token";
}

interface RouteOptions<S extends z.ZodType | undefined> {
  body?: S;
}

type Params = Record<string, string | string[]>;

async function authenticate(
  req: Request,
): Promise<{ user: User; via: "session" | "token" } | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const user = token ? await authenticateAppToken(await getDb(), token) : null;
    return user ? { user, via: "token" } : null;
  }
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getUserById(await getDb(), id);
  return user && !user.disabledAt ? { user, via: "session" } : null;
}

/**
 * Cookies ride along on cross-site requests; a state-changing call authenticated by the session
 * must come from our own pages. Token calls carry no ambient authority and are exempt.
 */
function isCrossSite(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw invalid("body: must be a JSON object");
  }
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Our own schemas carry hand-written messages; the catalog's wording reads better for type errors.
    const generic =
      !issue || ["invalid_type", "invalid_value", "unrecognized_keys"].includes(issue.code);
    throw invalid(
      generic
        ? firstFieldError(parsed.error).message
        : `${fieldPath(issue.path)}: ${issue.message}`,
    );
  }
  return parsed.data as z.infer<S>;
}

export function toErrorResponse(err: unknown): Response {
  if (err instanceof ApiError) return errorResponse(err.status, err.type, err.message, err.headers);
  if (isUpstreamError(err)) {
    const status = err.status >= 400 && err.status < 600 ? err.status : 502;
    const headers: Record<string, string> = err.retryAfterSeconds
      ? { "Retry-After": String(err.retryAfterSeconds) }
      : {};
    const type = ["timeout", "network", "bad_response"].includes(err.type)
      ? "server_error"
      : err.type;
    return errorResponse(err.type === "timeout" ? 504 : status, type, err.message, headers);
  }
  logger.error(`unhandled route error: ${err instanceof Error ? err.name : typeof err}`);
  return errorResponse(500, "server_error", "Internal error; try again later");
}

export function defineRoute<S extends z.ZodType | undefined = undefined, P extends Params = Params>(
  options: RouteOptions<S>,
  handler: (
    ctx: RouteContext<S extends z.ZodType ? z.infer<S> : undefined, P>,
  ) => Promise<Response | object>,
) {
  return async (req: Request, segment: { params: Promise<P> }): Promise<Response> => {
    try {
      const who = await authenticate(req);
      if (!who) throw unauthorized();
      if (who.via === "session" && isCrossSite(req)) {
        throw new ApiError(403, "forbidden", "Cross-origin requests may not change data");
      }
      const body = (
        options.body ? await readBody(req, options.body) : undefined
      ) as S extends z.ZodType ? z.infer<S> : undefined;
      const result = await handler({
        req,
        user: who.user,
        via: who.via,
        body,
        params: await segment.params,
      });
      return result instanceof Response
        ? result
        : Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
