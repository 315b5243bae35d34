// One error shape for every non-2xx JSON answer: the upstream's own ({error:{code,type,message}}).
import "server-only";
import { errorBody, type ErrorType } from "@/lib/schemas/api";
import { jsonAnswer } from "./json-answer";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType | "forbidden",
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const unauthorized = () =>
  new ApiError(
    401,
    "authentication_error",
    "Sign in, or send an app token as Authorization: Bearer <token>",
  );
export const notFound = (what = "Resource") => new ApiError(404, "not_found", `${what} not found`);
export const invalid = (message: string) => new ApiError(400, "invalid_request", message);

export function errorResponse(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return jsonAnswer(errorBody(type as ErrorType, message, status), { status, headers });
}
