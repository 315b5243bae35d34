// Which API a polling snippet talks to: API in One itself, or this Studio's own /api/v1 (same paths
// and envelopes, authenticated by an app token). Both read the key and, optionally, the base URL
// from the environment, so a snippet runs unchanged against a simulator or a staging server.
import { apiBaseUrl, apiKeyVariable } from "./api-base-url";

export interface ApiTarget {
  /** The base URL written into the snippet as the default. */
  baseUrl: string;
  /** Environment variable holding the key or token (never a real key in the snippet). */
  keyVariable: string;
  /** Environment variable that overrides `baseUrl` when set. */
  baseUrlVariable: string;
}

export const upstreamTarget: ApiTarget = {
  baseUrl: apiBaseUrl,
  keyVariable: apiKeyVariable,
  baseUrlVariable: "AIO_BASE_URL",
};

/** The Studio reached at `origin` (e.g. "https://studio.example.com"), with an app token. */
export function studioTarget(origin: string): ApiTarget {
  return {
    baseUrl: `${origin.replace(/\/+$/, "")}/api/v1`,
    keyVariable: "STUDIO_TOKEN",
    baseUrlVariable: "STUDIO_BASE_URL",
  };
}

/** Seconds between two status reads: often enough to feel live, far below any rate limit. */
export const pollSeconds = 3;

export const normalizedBase = (target: ApiTarget) => target.baseUrl.replace(/\/+$/, "");
export const normalizedPath = (path: string) => `/${path.replace(/^\/+/, "")}`;
