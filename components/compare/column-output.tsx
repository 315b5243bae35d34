"use client";

import { ImageViewer } from "@/components/media/image-viewer";
import type { OutputKind } from "@/lib/catalog";

/** A column's outputs, fitted to the column: images with zoom, players for video and audio. */
export function ColumnOutput({
  kind,
  urls,
  label,
}: {
  kind: OutputKind;
  urls: string[];
  label: string;
}) {
  if (kind === "image") return <ImageViewer urls={urls} alt={label} />;
  return (
    <div className="flex flex-col gap-2" data-testid="column-output">
      {urls.map((url, i) =>
        kind === "video" ? (
          <video
            key={url}
            src={url}
            controls
            playsInline
            loop
            preload="metadata"
            aria-label={`${label} ${i + 1}`}
            className="w-full rounded-lg border bg-black"
            data-testid="output-video"
          />
        ) : (
          <div key={url} className="bg-background flex flex-col gap-1.5 rounded-lg border p-2">
            {urls.length > 1 ? (
              <span className="text-muted-foreground text-xs">Take {i + 1}</span>
            ) : null}
            <audio
              src={url}
              controls
              preload="metadata"
              aria-label={`${label} ${i + 1}`}
              className="w-full"
              data-testid="output-audio"
            />
          </div>
        ),
      )}
    </div>
  );
}
