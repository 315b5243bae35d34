"use client";

import { ChevronsLeftRightIcon } from "lucide-react";
import { useRef, useState } from "react";
import { cn } from "@/lib/utils/cn";

/** Behind a cut-out (a removed background): transparency shows as a checkerboard. */
export const checkerboard =
  "bg-muted bg-[conic-gradient(var(--color-border)_25%,transparent_0_50%,var(--color-border)_0_75%,transparent_0)] bg-[length:16px_16px]";

const clamp = (n: number) => Math.min(100, Math.max(0, n));

const keySteps: Record<string, (pos: number) => number> = {
  ArrowLeft: (p) => p - 5,
  ArrowDown: (p) => p - 5,
  ArrowRight: (p) => p + 5,
  ArrowUp: (p) => p + 5,
  PageDown: (p) => p - 20,
  PageUp: (p) => p + 20,
  Home: () => 0,
  End: () => 100,
};

/**
 * A tool's input and its result in one frame, split by a divider: left of it the input
 * ("Before"), right of it the result ("After"). Drag anywhere on the frame, or focus the divider
 * and use the arrow keys, Page Up/Down, Home and End.
 */
export function BeforeAfterSlider({
  before,
  after,
  label,
  checker = false,
  children,
}: {
  before: string;
  after: string;
  label: string;
  /** Show the result on a checkerboard (its background was removed). */
  checker?: boolean;
  /** Overlaid in the frame's corner (a full-screen button). */
  children?: React.ReactNode;
}) {
  const [pos, setPos] = useState(50);
  const [ratio, setRatio] = useState<number>();
  const frame = useRef<HTMLDivElement>(null);
  const handle = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  const moveTo = (clientX: number) => {
    const box = frame.current?.getBoundingClientRect();
    if (box && box.width > 0) setPos(clamp(((clientX - box.left) / box.width) * 100));
  };
  const rounded = Math.round(pos);

  return (
    <div
      ref={frame}
      className="group/compare relative mx-auto w-full cursor-ew-resize touch-pan-y overflow-hidden rounded-lg border select-none"
      style={{
        aspectRatio: ratio ?? 1,
        maxWidth: ratio ? `calc(70vh * ${ratio})` : undefined,
      }}
      onPointerDown={(event) => {
        if (event.button !== 0 || (event.target as Element).closest("button, a")) return;
        dragging.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
        moveTo(event.clientX);
        handle.current?.focus({ preventScroll: true });
        event.preventDefault();
      }}
      onPointerMove={(event) => {
        if (dragging.current) moveTo(event.clientX);
      }}
      onPointerUp={(event) => {
        // Where the pointer is let go is where the divider stays, whatever moves were coalesced.
        if (dragging.current) moveTo(event.clientX);
        dragging.current = false;
      }}
      onPointerCancel={() => (dragging.current = false)}
      data-testid="before-after"
      data-position={rounded}
    >
      <div className={cn("absolute inset-0", checker && checkerboard)}>
        {/* eslint-disable-next-line @next/next/no-img-element -- stored or upstream URLs, any host */}
        <img
          src={after}
          alt={`${label}: after`}
          draggable={false}
          onLoad={(e) => setRatio(e.currentTarget.naturalWidth / e.currentTarget.naturalHeight)}
          className="absolute inset-0 size-full object-contain"
          data-testid="output-image"
        />
      </div>
      <div className="bg-muted absolute inset-0" style={{ clipPath: `inset(0 ${100 - pos}% 0 0)` }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- stored or upstream URLs, any host */}
        <img
          src={before}
          alt={`${label}: before`}
          draggable={false}
          className="absolute inset-0 size-full object-contain"
          data-testid="before-image"
        />
      </div>
      <span className="pointer-events-none absolute top-2 left-2 rounded-md bg-black/60 px-2 py-0.5 text-xs font-medium text-white">
        Before
      </span>
      <span className="pointer-events-none absolute top-2 right-2 rounded-md bg-black/60 px-2 py-0.5 text-xs font-medium text-white">
        After
      </span>
      <div
        className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-white shadow-[0_0_0_1px_rgb(0_0_0/0.35)]"
        style={{ left: `${pos}%` }}
      />
      <div
        ref={handle}
        role="slider"
        tabIndex={0}
        aria-label={`Before and after: ${label}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={rounded}
        aria-valuetext={`${rounded} % before, ${100 - rounded} % after`}
        aria-orientation="horizontal"
        onKeyDown={(event) => {
          const step = keySteps[event.key];
          if (!step) return;
          event.preventDefault();
          setPos((p) => clamp(step(p)));
        }}
        className="focus-visible:ring-ring absolute top-1/2 grid size-9 -translate-x-1/2 -translate-y-1/2 place-items-center rounded-full border-2 border-white bg-black/55 text-white shadow-md outline-none focus-visible:ring-[3px]"
        style={{ left: `${pos}%` }}
        data-testid="before-after-handle"
      >
        <ChevronsLeftRightIcon className="size-4" aria-hidden />
      </div>
      {children}
    </div>
  );
}
