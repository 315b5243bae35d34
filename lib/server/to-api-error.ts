// Whatever a handler throws, as the ApiError to answer with: expected failures keep their own
// status (an account conflict is 409, an upstream refusal its own code), never a bare 500.
import "server-only";
import { AccountError } from "@/lib/server/accounts/account-error";
import { logger } from "@/lib/server/logger";
import { isUpstreamError } from "@/lib/server/upstream";
import { ApiError } from "./api-error";

const accountErrorStatus: Record<AccountError["code"], [number, ApiError["type"]]> = {
  invalid: [400, "invalid_request"],
  registration_closed: [403, "forbidden"],
  not_found: [404, "not_found"],
  email_taken: [409, "invalid_request"],
};

export function toApiError(err: unknown, requestId: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof AccountError) {
    const [status, type] = accountErrorStatus[err.code];
    return new ApiError(status, type, err.message);
  }
  if (isUpstreamError(err)) {
    const status =
      err.type === "timeout" ? 504 : err.status >= 400 && err.status < 600 ? err.status : 502;
    const type = ["timeout", "network", "bad_response"].includes(err.type)
      ? "server_error"
      : err.type;
    return new ApiError(status, type as ApiError["type"], err.message, {
      source: "upstream",
      mayHaveBeenCharged: err.mayHaveReachedUpstream,
      ...(err.retryAfterSeconds !== undefined && {
        headers: { "Retry-After": String(err.retryAfterSeconds) },
      }),
    });
  }
  logger.error(`request ${requestId}: unhandled ${err instanceof Error ? err.name : typeof err}`);
  return new ApiError(
    500,
    "server_error",
    `Internal error; try again later (request ${requestId})`,
  );
}
