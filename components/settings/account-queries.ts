import { queryOptions } from "@tanstack/react-query";
import { appTokenListSchema, keyStatusSchema } from "@/lib/schemas/account";
import { apiFetch } from "@/lib/queries/api-fetch";

export const accountKeys = {
  apiKey: ["account", "api-key"] as const,
  tokens: ["account", "tokens"] as const,
};

export const apiKeyQuery = queryOptions({
  queryKey: accountKeys.apiKey,
  queryFn: () => apiFetch("/api/v1/keys", keyStatusSchema),
});

export const tokensQuery = queryOptions({
  queryKey: accountKeys.tokens,
  queryFn: () => apiFetch("/api/v1/tokens", appTokenListSchema),
});
