// Browser-side calls to our own /api routes: JSON in, JSON out, each answer checked against the
// same schema the route answers with, and every failure an ApiRequestError carrying the error
// body's fields (type, param, source, may_have_been_charged) for code to decide on.
import type { z } from "zod";
import { studioErrorBodySchema, type ErrorSource } from "@/lib/schemas/api";

export interface ApiFailure {
  status: number;
  type: string;
  message: string;
  /** The request field at fault, when the server named one. */
  param: string | null;
  source: ErrorSource;
  mayHaveBeenCharged: boolean;
  requestId: string | null;
  retryAfterSeconds?: number;
}

export class ApiRequestError extends Error implements ApiFailure {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly source: ErrorSource;
  readonly mayHaveBeenCharged: boolean;
  readonly requestId: string | null;
  readonly retryAfterSeconds?: number;

  constructor(
    failure: Omit<ApiFailure, "param" | "source" | "mayHaveBeenCharged" | "requestId"> &
      Partial<ApiFailure>,
  ) {
    super(failure.message);
    this.name = "ApiRequestError";
    this.status = failure.status;
    this.type = failure.type;
    this.param = failure.param ?? null;
    this.source = failure.source ?? "studio";
    this.mayHaveBeenCharged = failure.mayHaveBeenCharged ?? false;
    this.requestId = failure.requestId ?? null;
    if (failure.retryAfterSeconds !== undefined) this.retryAfterSeconds = failure.retryAfterSeconds;
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return undefined;
  }
}

/** The failure a non-2xx answer describes; a body not in our error shape still yields one. */
export function readApiFailure(
  status: number,
  data: unknown,
  retryAfter: string | null,
  method = "GET",
): ApiRequestError {
  const seconds = Number(retryAfter);
  const retry = Number.isFinite(seconds) && seconds > 0 ? { retryAfterSeconds: seconds } : {};
  const parsed = studioErrorBodySchema.safeParse(data);
  if (parsed.success) {
    const e = parsed.data.error;
    return new ApiRequestError({
      status,
      type: e.type,
      message: e.message,
      param: e.param,
      source: e.source,
      mayHaveBeenCharged: e.may_have_been_charged,
      requestId: e.request_id,
      ...retry,
    });
  }
  // Not our answer (a proxy in front timed out, say): a POST it cut short may have gone through.
  return new ApiRequestError({
    status,
    type: "server_error",
    message: `The server answered ${status}. Try again in a moment.`,
    mayHaveBeenCharged: status >= 500 && method.toUpperCase() === "POST",
    ...retry,
  });
}

export type ApiFetchInit = RequestInit & { json?: unknown };

/**
 * Calls one of our routes and returns its answer parsed with `schema`. An answer that does not
 * match is a server fault (502), not data to guess at.
 */
export async function apiFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  init: ApiFetchInit = {},
): Promise<z.infer<S>> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: {
      ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
      ...rest.headers,
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const data = parseJson(await res.text());
  if (!res.ok) {
    throw readApiFailure(res.status, data, res.headers.get("retry-after"), init.method);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiRequestError({
      status: 502,
      type: "server_error",
      message: "The server's answer was not in the expected shape. Reload the page and try again.",
      // A 2xx to a POST means the server acted on it: a create may have gone through.
      mayHaveBeenCharged: (init.method ?? "GET").toUpperCase() === "POST",
    });
  }
  return parsed.data as z.infer<S>;
}
