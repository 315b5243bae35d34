"use client";

import { cn } from "@/lib/utils/cn";
import { onPlayerKeyDown } from "./player-keys";
import { ShortcutHint } from "./shortcut-hint";

/**
 * A video with the browser's own controls and keyboard shortcuts while it has focus (Space/K,
 * J/L or arrows, M, F). The frame is focusable as a whole, so a click on it arms the shortcuts.
 */
export function VideoPlayer({
  url,
  label,
  className,
  loop,
  testId = "output-video",
}: {
  url: string;
  label: string;
  className?: string;
  loop?: boolean;
  testId?: string;
}) {
  return (
    <div
      data-player="video"
      role="group"
      aria-label={`${label}: video player`}
      onKeyDown={onPlayerKeyDown}
      className="flex flex-col gap-1.5"
    >
      <video
        src={url}
        controls
        playsInline
        tabIndex={0}
        loop={loop}
        preload="metadata"
        aria-label={label}
        className={cn(
          "focus-visible:ring-ring/50 w-full rounded-lg border bg-black outline-none focus-visible:ring-[3px]",
          className,
        )}
        data-testid={testId}
      />
      <div className="flex justify-end">
        <ShortcutHint kind="video" />
      </div>
    </div>
  );
}
