"use client";

import { startTransition, useEffect, useState, useSyncExternalStore } from "react";

const never = () => () => undefined;

/**
 * False while the server renders and while the client hydrates that HTML, true from then on (and
 * at once after client-side navigation): browser-only state (storage) is read only when true, so
 * the first client render matches the server's.
 *
 * The switch after hydration is a blocking render: React re-renders every component that called
 * this at once, in one task. Fine for small components; for a large one see useHydratedTransition.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

/**
 * useHydrated, with the switch after hydration made a transition: React renders it in slices that
 * let the browser paint and take input in between. Call it in a small wrapper and hand the value to
 * a memoized large child: the blocking re-render then covers the wrapper alone (the generation
 * form's was a single task of about 200 ms on a first visit). True at once after client-side
 * navigation, like useHydrated.
 */
export function useHydratedTransition(): boolean {
  const hydrated = useHydrated();
  const [ready, setReady] = useState(hydrated);
  useEffect(() => {
    if (hydrated && !ready) startTransition(() => setReady(true));
  }, [hydrated, ready]);
  return ready;
}
