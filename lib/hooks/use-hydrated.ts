"use client";

import { useSyncExternalStore } from "react";

const never = () => () => undefined;

/**
 * False while the server renders and while the client hydrates that HTML, true from then on (and
 * at once after client-side navigation): browser-only state (storage) is read only when true, so
 * the first client render matches the server's.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
