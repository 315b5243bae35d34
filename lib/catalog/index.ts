// The model catalog (isomorphic): routes, models, the one request validator and price rules.
export { routeIds } from "./types";
export type { FieldControl, FieldInfo, ModelEntry, OutputKind, RouteId, RouteInfo } from "./types";
export { routes } from "./routes";
export { models } from "./models";
export {
  applyDefaults,
  findModel,
  modelsForRoute,
  priceOf,
  validateRequest,
  type ValidationResult,
} from "./validate-request";
export { describeIssue, fieldPath, firstFieldError, type FieldError } from "./describe-issue";
export { isHttpUrl } from "./params";
export {
  chatModel,
  chatModelValues,
  chatPath,
  chatRequestSchema,
  chatRoles,
  validateChatRequest,
  type ChatModelInfo,
  type ChatRequest,
  type ChatRole,
  type ChatValidationResult,
} from "./chat";
