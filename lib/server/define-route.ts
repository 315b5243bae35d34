// The one way into every route handler under app/api and app/files: parse (params, query, body
// within limits) → authenticate → work → answer, with every failure mapped to the one error body.
import "server-only";
import type { z } from "zod";
import { firstFieldError } from "@/lib/catalog";
import { requestIdHeader } from "@/lib/schemas/api";
import type { User } from "@/lib/server/db/schema";
import {
  ApiError,
  errorResponse,
  invalid,
  newRequestId,
  notFound,
  unauthorized,
} from "./api-error";
import { authenticateRequest, isCrossSite } from "./authenticate-request";
import { jsonAnswer } from "./json-answer";
import { readJsonBody } from "./read-body";
import { toApiError } from "./to-api-error";

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.infer<S> : undefined;

type BodyOption = Schema | "json" | undefined;
type MaybeSchema = Schema | undefined;

interface RouteOptions<B extends BodyOption, Q extends MaybeSchema, P extends MaybeSchema> {
  /** A zod schema for the JSON body, or "json" for the parsed JSON as is (the handler validates). */
  body?: B;
  query?: Q;
  /** Path segments; a value that fails is answered 404 naming it (it can name nothing of ours). */
  params?: P;
  /** Body byte cap; MAX_JSON_BODY_BYTES (1 MB) by default. */
  maxBodyBytes?: number;
  /** Public routes with a credential of their own (the admin CLI's token): checked before the body. */
  authorize?: (req: Request) => void;
}

interface BaseContext<B extends BodyOption, Q extends MaybeSchema, P extends MaybeSchema> {
  req: Request;
  requestId: string;
  body: B extends "json" ? unknown : Out<B>;
  query: Out<Q>;
  params: Out<P>;
}

export interface RouteContext<
  B extends BodyOption = undefined,
  Q extends MaybeSchema = undefined,
  P extends MaybeSchema = undefined,
> extends BaseContext<B, Q, P> {
  user: User;
  /** "token" for scripts and SDKs; "session" for the browser. */
  via: "session" | "token";
}

type Segment = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (req: Request, segment: Segment) => Promise<Response>;

function parseWith<S extends Schema>(
  schema: S,
  value: unknown,
  onFail: (e: z.ZodError) => ApiError,
) {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw onFail(parsed.error);
  return parsed.data as z.infer<S>;
}

const fieldInvalid = (e: z.ZodError) => {
  const issue = e.issues[0];
  if (issue?.code === "unrecognized_keys" && issue.path.length === 0 && issue.keys[0]) {
    return invalid(`${issue.keys[0]}: unknown field`, issue.keys[0]);
  }
  const { field, message } = firstFieldError(e);
  // Our own schemas carry hand-written messages ("An API in One key starts with aio_…"); the
  // catalog's wording reads better only for type errors.
  const generic = !issue || ["invalid_type", "invalid_value"].includes(issue.code);
  return invalid(generic ? message : `${field}: ${issue.message}`, field);
};

/** Who is calling: checked after the URL, before the body is read (a stranger's body costs nothing). */
type Gate<W> = (req: Request) => Promise<W>;

function pipeline<B extends BodyOption, Q extends MaybeSchema, P extends MaybeSchema, W>(
  options: RouteOptions<B, Q, P>,
  gate: Gate<W>,
  run: (base: BaseContext<B, Q, P>, who: W) => Promise<Response | object>,
): RouteHandler {
  return async (req, segment) => {
    const requestId = newRequestId();
    let answer: Response;
    try {
      const rawParams = await segment.params;
      const params = options.params
        ? parseWith(options.params, rawParams, (e) => {
            const field = firstFieldError(e).field;
            return notFound("Resource", field);
          })
        : undefined;
      const query = options.query
        ? parseWith(options.query, Object.fromEntries(new URL(req.url).searchParams), fieldInvalid)
        : undefined;
      const who = await gate(req);
      let body: unknown;
      if (options.body !== undefined) {
        const json = await readJsonBody(req, options.maxBodyBytes);
        body = options.body === "json" ? json : parseWith(options.body, json, fieldInvalid);
      }
      const base = { req, requestId, body, query, params } as BaseContext<B, Q, P>;
      const result = await run(base, who);
      answer = result instanceof Response ? result : jsonAnswer(result);
    } catch (err) {
      return errorResponse(toApiError(err, requestId), requestId);
    }
    try {
      answer.headers.set(requestIdHeader, requestId);
    } catch {
      // immutable headers (a redirect): the id only matters on our own answers
    }
    return answer;
  };
}

async function signedIn(req: Request) {
  const who = await authenticateRequest(req);
  if (!who) throw unauthorized();
  if (who.via === "session" && isCrossSite(req)) {
    throw new ApiError(403, "forbidden", "Cross-origin requests may not change data");
  }
  return who;
}

/** A route for signed-in users (session cookie, or an app token as Bearer). */
export function defineRoute<
  B extends BodyOption = undefined,
  Q extends MaybeSchema = undefined,
  P extends MaybeSchema = undefined,
>(
  options: RouteOptions<B, Q, P>,
  handler: (ctx: RouteContext<B, Q, P>) => Promise<Response | object>,
): RouteHandler {
  return pipeline(options, signedIn, (base, who) =>
    handler({ ...base, user: who.user, via: who.via }),
  );
}

/** A route anyone may call (health, public files, Auth.js): the same parsing and error answers. */
export function definePublicRoute<
  B extends BodyOption = undefined,
  Q extends MaybeSchema = undefined,
  P extends MaybeSchema = undefined,
>(
  options: RouteOptions<B, Q, P>,
  handler: (ctx: BaseContext<B, Q, P>) => Promise<Response | object>,
): RouteHandler {
  return pipeline(
    options,
    async (req) => {
      options.authorize?.(req);
      return null;
    },
    handler,
  );
}
