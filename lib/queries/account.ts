import { queryOptions } from "@tanstack/react-query";
import type { AppTokenInfo, KeyStatus } from "@/lib/schemas/account";
import { apiFetch } from "./api-fetch";

export const accountKeys = {
  apiKey: ["account", "api-key"] as const,
  tokens: ["account", "tokens"] as const,
};

export const apiKeyQuery = queryOptions({
  queryKey: accountKeys.apiKey,
  queryFn: () => apiFetch<KeyStatus>("/api/v1/keys"),
});

export const tokensQuery = queryOptions({
  queryKey: accountKeys.tokens,
  queryFn: () => apiFetch<{ tokens: AppTokenInfo[] }>("/api/v1/tokens"),
});
