// Code export (isomorphic): the exact request a form would send, as curl, TypeScript and Python.
export { apiBaseUrl, apiKeyVariable, endpointUrl } from "./api-base-url";
export { shellQuote, toCurl } from "./to-curl";
export { toPython } from "./to-python";
export { toTypeScript } from "./to-typescript";
