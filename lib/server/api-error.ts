// One error shape for every non-2xx JSON answer: the upstream's own ({error:{code,type,message}})
// plus the fields clients decide on (param, source, may_have_been_charged, request_id).
import "server-only";
import {
  newRequestId,
  requestIdHeader,
  type ErrorSource,
  type StudioErrorBody,
  type StudioErrorType,
} from "@/lib/schemas/api";
import { jsonAnswer } from "./json-answer";

/** In every answer's X-Request-Id and error body, and in our log lines. */
export { newRequestId };

export interface ApiErrorDetails {
  /** The request field at fault, when there is one ("prompt", "dialogue[0].text", "task_id"). */
  param?: string;
  /** Who refused or failed: our own checks (default) or API in One. */
  source?: ErrorSource;
  /** True only when the request may have reached API in One (and so may have cost credits). */
  mayHaveBeenCharged?: boolean;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly param: string | null;
  readonly source: ErrorSource;
  readonly mayHaveBeenCharged: boolean;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly type: StudioErrorType,
    message: string,
    details: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.param = details.param ?? null;
    this.source = details.source ?? "studio";
    this.mayHaveBeenCharged = details.mayHaveBeenCharged ?? false;
    this.headers = details.headers ?? {};
  }
}

export const unauthorized = () =>
  new ApiError(
    401,
    "authentication_error",
    "Sign in, or send an app token as Authorization: Bearer <token>",
  );
export const notFound = (what = "Resource", param?: string) =>
  new ApiError(404, "not_found", `${what} not found`, param === undefined ? {} : { param });
/** 400 naming the field at fault; `message` starts with it ("prompt: must not be empty"). */
export const invalid = (message: string, param?: string) =>
  new ApiError(400, "invalid_request", message, param === undefined ? {} : { param });

export function errorResponse(err: ApiError, requestId: string): Response {
  const body: StudioErrorBody = {
    error: {
      code: err.status,
      type: err.type,
      message: err.message,
      param: err.param,
      source: err.source,
      may_have_been_charged: err.mayHaveBeenCharged,
      request_id: requestId,
    },
  };
  return jsonAnswer(body, {
    status: err.status,
    headers: { ...err.headers, [requestIdHeader]: requestId },
  });
}
