// The model catalog (isomorphic): routes, models, the one request validator and price rules.
export { routeIds } from "./types";
export type {
  FieldControl,
  FieldInfo,
  ModelEntry,
  OutputKind,
  RouteId,
  RouteInfo,
  UrlField,
} from "./types";
export { routes } from "./routes";
export { models } from "./models";
export {
  applyDefaults,
  findModel,
  modelsForRoute,
  priceOf,
  validateRequest,
  type ValidateOptions,
  type ValidationResult,
} from "./validate-request";
export { describeIssue, fieldPath, firstFieldError, type FieldError } from "./describe-issue";
export { httpUrlSchema, isHttpUrl, maxSeed, urlProblem } from "./params";
export { caps, textLength, textProblem, type TextKind } from "./text";
export {
  isPublicHost,
  publicUrlMessage,
  publicUrlPolicy,
  type PublicUrlPolicyOptions,
  type UrlPolicy,
} from "./url-policy";
export {
  chatCaps,
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
