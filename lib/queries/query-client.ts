import { QueryClient } from "@tanstack/react-query";

/** One factory so every page gets the same defaults (and tests can build a fresh client). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: 1 },
      // A POST may already have reached the upstream: never re-send it on our own (it could charge twice).
      mutations: { retry: false },
    },
  });
}
