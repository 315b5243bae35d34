"use client";

import type { OutputKind } from "@/lib/catalog";
import { cn } from "@/lib/utils/cn";

/**
 * A run's outputs, small: image thumbnails (pressing them shows the run in the result panel, as
 * its Show button does), compact video and audio players. Test ids differ from the result
 * panel's players on purpose: the page holds both.
 */
export function RunOutputs({
  kind,
  urls,
  label,
  onShow,
}: {
  kind: OutputKind;
  urls: string[];
  label: string;
  onShow: () => void;
}) {
  if (kind === "image") {
    return (
      // A pointer shortcut only; keyboard users have the run's Show button (one tab stop per run).
      <div
        className="flex flex-wrap gap-2"
        onClick={onShow}
        role="presentation"
        data-testid="run-outputs"
      >
        {urls.map((url, i) => (
          // eslint-disable-next-line @next/next/no-img-element -- outputs live on arbitrary hosts
          <img
            key={url}
            src={url}
            alt={`${label} output ${i + 1}`}
            loading="lazy"
            className="bg-muted size-20 cursor-pointer rounded-md border object-cover sm:size-24"
            data-testid="run-output-image"
          />
        ))}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="run-outputs">
      {urls.map((url, i) =>
        kind === "video" ? (
          <video
            key={url}
            src={url}
            controls
            playsInline
            preload="metadata"
            aria-label={`${label} output ${i + 1}`}
            className={cn("max-h-48 w-full rounded-md border bg-black sm:w-auto sm:max-w-xs")}
            data-testid="run-output-video"
          />
        ) : (
          <audio
            key={url}
            src={url}
            controls
            preload="metadata"
            aria-label={`${label} output ${i + 1}`}
            className="h-10 w-full"
            data-testid="run-output-audio"
          />
        ),
      )}
    </div>
  );
}
