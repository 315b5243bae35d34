// The API in One upstream client (server-only: it holds the upstream API key).
import "server-only";

export { createUpstreamClient } from "./client";
export { UpstreamError, isUpstreamError, type UpstreamErrorType } from "./errors";
export { parseRetryAfter } from "./retry";
export {
  upstreamTaskCreatedSchema,
  type ChatRequestBody,
  type ChatStream,
  type JsonBody,
  type RequestOptions,
  type UpstreamClient,
  type UpstreamClientOptions,
  type UpstreamTaskCreated,
} from "./types";
