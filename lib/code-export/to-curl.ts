// The request as a curl command for a POSIX shell (bash, zsh, sh).
import { apiBaseUrl, apiKeyVariable, endpointUrl } from "./api-base-url";

/** Single-quotes a string for a POSIX shell: nothing inside is expanded; ' becomes '\''. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export function toCurl(
  path: string,
  body: Readonly<Record<string, unknown>>,
  baseUrl: string = apiBaseUrl,
): string {
  return [
    `curl -X POST ${shellQuote(endpointUrl(path, baseUrl))} \\`,
    // Double quotes so the shell substitutes the key from the environment.
    `  -H "Authorization: Bearer $${apiKeyVariable}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(body, null, 2))}`,
  ].join("\n");
}
