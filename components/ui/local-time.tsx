"use client";

import { useHydrated } from "@/lib/hooks/use-hydrated";

/**
 * A moment in the reader's own zone and language. The server renders it in its own; hydration
 * keeps that text (no mismatch error), and the render right after puts the browser's in place.
 */
export function LocalTime({ iso, format }: { iso: string; format: Intl.DateTimeFormat }) {
  useHydrated();
  return (
    <time suppressHydrationWarning dateTime={iso}>
      {format.format(new Date(iso))}
    </time>
  );
}
