// Code export (isomorphic): the exact request a form would send, as curl, TypeScript and Python,
// alone or inside a program that waits for the task and prints its outputs.
export { apiBaseUrl, apiKeyVariable, endpointUrl } from "./api-base-url";
export { shellQuote, toCurl } from "./to-curl";
export { toPython } from "./to-python";
export { toTypeScript } from "./to-typescript";
export { pollSeconds, studioTarget, upstreamTarget, type ApiTarget } from "./api-target";
export { toCurlPolling, toPythonPolling, toTypeScriptPolling } from "./to-polling";
export { chatCode, chatCodeLanguages, type ChatCodeLanguage } from "./to-chat-code";
