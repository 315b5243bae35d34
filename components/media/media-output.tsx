"use client";

import { DownloadIcon } from "lucide-react";
import type { OutputKind } from "@/lib/catalog";
import { AudioPlayer } from "./audio-player";
import { CompareOutput } from "./compare-output";
import { ImageViewer } from "./image-viewer";
import type { ToolCompare } from "./tool-compare";
import { VideoPlayer } from "./video-player";

/** "Download", or "Download take 2" when there are several. */
function downloadLabel(kind: OutputKind, i: number, count: number): string {
  if (count < 2) return "Download";
  return `Download ${kind === "audio" ? "take" : kind} ${i + 1}`;
}

/**
 * The right player for a task's outputs: images with zoom (a tool's result on a before/after
 * slider), video and audio with keyboard shortcuts, audio with its waveform; several as a set.
 */
export function MediaOutput({
  kind,
  urls,
  label,
  compare,
}: {
  kind: OutputKind;
  urls: string[];
  label: string;
  /** A tool's input, to compare its (single) image result with. */
  compare?: ToolCompare;
}) {
  const first = urls[0];
  return (
    <div className="flex flex-col gap-3" data-testid="task-output">
      {kind === "image" && compare && first !== undefined && urls.length === 1 ? (
        <CompareOutput url={first} label={label} compare={compare} downloadUrl={first} />
      ) : kind === "image" ? (
        <ImageViewer urls={urls} alt={label} />
      ) : null}
      {kind === "video"
        ? urls.map((url, i) => (
            <VideoPlayer
              key={url}
              url={url}
              loop
              label={urls.length > 1 ? `${label} ${i + 1}` : label}
            />
          ))
        : null}
      {kind === "audio"
        ? urls.map((url, i) => (
            <div key={url} className="bg-background flex flex-col gap-2 rounded-lg border p-3">
              <span className="text-muted-foreground text-xs font-medium">
                {urls.length > 1 ? `Take ${i + 1}` : "Audio"}
              </span>
              <AudioPlayer url={url} label={urls.length > 1 ? `${label}, take ${i + 1}` : label} />
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
              <DownloadIcon className="size-3.5" aria-hidden />{" "}
              {downloadLabel(kind, i, urls.length)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
