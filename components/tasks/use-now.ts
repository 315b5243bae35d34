"use client";

import { useEffect, useState } from "react";

/** The time: every second while `active` (elapsed counters), every half minute otherwise (ages). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), active ? 1_000 : 30_000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}
