"use client";

import { DownloadIcon } from "lucide-react";
import type { OutputKind } from "@/lib/catalog";
import { ImageViewer } from "./image-viewer";

function fileName(url: string, i: number): string {
  try {
    return new URL(url).pathname.split("/").pop() || `output-${i + 1}`;
  } catch {
    return `output-${i + 1}`;
  }
}

/** The right player for a task's outputs: images with zoom, <video>, <audio>; several as a set. */
export function MediaOutput({
  kind,
  urls,
  label,
}: {
  kind: OutputKind;
  urls: string[];
  label: string;
}) {
  return (
    <div className="flex flex-col gap-3" data-testid="task-output">
      {kind === "image" ? <ImageViewer urls={urls} alt={label} /> : null}
      {kind === "video"
        ? urls.map((url) => (
            <video
              key={url}
              src={url}
              controls
              playsInline
              loop
              preload="metadata"
              className="w-full rounded-lg border bg-black"
              data-testid="output-video"
            />
          ))
        : null}
      {kind === "audio"
        ? urls.map((url, i) => (
            <div key={url} className="bg-background flex flex-col gap-1.5 rounded-lg border p-3">
              <span className="text-muted-foreground text-xs">
                {urls.length > 1 ? `Take ${i + 1}` : "Audio"}
              </span>
              <audio
                src={url}
                controls
                preload="metadata"
                className="w-full"
                data-testid="output-audio"
              />
            </div>
          ))
        : null}
      <ul className="flex flex-wrap gap-2" aria-label="Downloads">
        {urls.map((url, i) => (
          <li key={url}>
            <a
              href={url}
              download
              target="_blank"
              rel="noreferrer"
              className="bg-card hover:bg-accent focus-visible:ring-ring/50 inline-flex h-8 items-center gap-1.5 rounded-md border px-3 text-xs font-medium shadow-xs outline-none focus-visible:ring-[3px]"
            >
              <DownloadIcon className="size-3.5" /> {fileName(url, i)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
