"use client";

import { useCallback, useSyncExternalStore } from "react";

/**
 * Whether `query` matches. The server (and hydration) assume it does: the side panels it guards
 * are also hidden by CSS below their breakpoint, so a phone never sees them in the first paint.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => true,
  );
}
