"use client";

import { useEffect, useState } from "react";

export interface Block {
  /** Epoch ms when Run may be used again. */
  until: number;
  seconds: number;
}

/** Whole seconds left of a block (a 429's Retry-After), ticking; 0 once it has passed. */
export function useCountdown(block: Block | null, onDone: () => void): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!block) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= block.until) onDone();
    }, 250);
    return () => clearInterval(timer);
  }, [block, onDone]);
  if (!block) return 0;
  // Until the first tick `now` is stale; the block's own length bounds it.
  return Math.min(block.seconds, Math.max(0, Math.ceil((block.until - now) / 1000)));
}
