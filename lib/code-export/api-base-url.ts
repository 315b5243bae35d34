// Where exported snippets send their request, and the environment variable that holds the key.

export const apiBaseUrl = "https://apiin.one/api/v1";

/** Snippets read the key from this variable: a placeholder, never a real key. */
export const apiKeyVariable = "AIO_API_KEY";

export function endpointUrl(path: string, baseUrl: string = apiBaseUrl): string {
  return `${baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
