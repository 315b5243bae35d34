"use client";

import { useEffect, useRef, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { gridGap, laneCount } from "./gallery-grid";

// Media shapes of a typical library (square, portrait, landscape), repeated across the columns.
const shapes = [1, 0.8, 16 / 9, 1.25, 0.75, 1.5];

/** The grid's shape while the first page loads: as many columns as the grid will have. */
export function GallerySkeleton() {
  const ref = useRef<HTMLDivElement>(null);
  const [lanes, setLanes] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setLanes(laneCount(el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="flex w-full items-start"
      style={{ gap: gridGap }}
      role="status"
      aria-label="Loading your library"
      data-testid="gallery-loading"
    >
      {Array.from({ length: lanes }, (_, lane) => (
        <div key={lane} className="flex min-w-0 flex-1 flex-col" style={{ gap: gridGap }}>
          {[0, 1, 2].map((row) => (
            <div key={row} className="bg-card overflow-hidden rounded-xl border">
              <Skeleton
                className="rounded-none"
                style={{ aspectRatio: shapes[(lane * 3 + row) % shapes.length] }}
              />
              <div className="flex flex-col gap-2 p-3">
                <Skeleton className="h-4 w-3/4" />
                <Skeleton className="h-3 w-1/2" />
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
