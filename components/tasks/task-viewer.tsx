"use client";

import { DownloadIcon, ExternalLinkIcon, Maximize2Icon } from "lucide-react";
import { useRef, useState } from "react";
import { AudioPlayer } from "@/components/media/audio-player";
import { CompareOutput } from "@/components/media/compare-output";
import type { ToolCompare } from "@/components/media/tool-compare";
import { VideoPlayer } from "@/components/media/video-player";
import type { OutputKind } from "@/lib/catalog";
import { cn } from "@/lib/utils/cn";
import { downloadHref, downloadName, isStoredFileUrl } from "./download-name";
import { UseAsInputMenu } from "./use-as-input-menu";
import { ZoomDialog } from "./lazy-zoom-dialog";

export interface ViewerOutput {
  url: string;
  /** The upstream's URL of the same output (names the file type). */
  originalUrl?: string;
}

const linkClass =
  "bg-card hover:bg-accent focus-visible:ring-ring/50 inline-flex h-8 items-center gap-1.5 rounded-md border px-3 text-xs font-medium shadow-xs outline-none focus-visible:ring-[3px]";

function DownloadLink({ url, name, origin }: { url: string; name: string; origin: string }) {
  if (!isStoredFileUrl(url, origin)) {
    // Not ours to rename: the browser may open it instead of saving it.
    return (
      <a
        href={url}
        target="_blank"
        rel="noreferrer noopener"
        className={linkClass}
        data-testid="output-link"
      >
        <ExternalLinkIcon className="size-3.5" aria-hidden /> Open original
      </a>
    );
  }
  return (
    <a
      href={downloadHref(url, name, origin)}
      download={name}
      title={`Download ${name}`}
      className={linkClass}
      data-testid="output-download"
    >
      <DownloadIcon className="size-3.5" aria-hidden />{" "}
      <span className="max-w-56 truncate">{name}</span>
    </a>
  );
}

function ImageOutput({ url, label }: { url: string; label: string }) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={() => setOpen(true)}
        className="group focus-visible:ring-ring/50 relative grid w-full cursor-zoom-in place-items-center overflow-hidden rounded-lg border bg-[conic-gradient(var(--muted)_25%,transparent_0_50%,var(--muted)_0_75%,transparent_0)] bg-[length:16px_16px] outline-none focus-visible:ring-[3px]"
        aria-label={`Open ${label} full screen`}
        data-testid="open-zoom"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- stored or upstream URLs, any host */}
        <img
          src={url}
          alt={label}
          className="block max-h-[70vh] w-auto max-w-full object-contain"
          data-testid="output-image"
        />
        <span className="absolute right-2 bottom-2 grid size-8 place-items-center rounded-md bg-black/55 text-white opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100">
          <Maximize2Icon className="size-4" aria-hidden />
        </span>
      </button>
      <ZoomDialog url={url} alt={label} open={open} onOpenChange={setOpen} returnFocus={opener} />
    </>
  );
}

/**
 * The URL another model should fetch: the upstream's own while we have it (API in One can always
 * reach it), our stored copy otherwise (reachable when the server has a PUBLIC_URL).
 */
function inputUrl(output: ViewerOutput): string {
  return output.originalUrl && /^https?:\/\//.test(output.originalUrl)
    ? output.originalUrl
    : output.url;
}

/** Every output at full size, each with its named download and "use as input". */
export function TaskViewer({
  kind,
  outputs,
  label,
  naming,
  studioOrigin,
  compare,
}: {
  kind: OutputKind;
  outputs: ViewerOutput[];
  label: string;
  naming: { title: string | null; prompt: string | null; model: string };
  /** Where our stored files are served: only those can be downloaded under a name. */
  studioOrigin: string;
  /** A tool's input, to compare its (single) image result with. */
  compare?: ToolCompare;
}) {
  const several = outputs.length > 1;
  return (
    <div className="flex flex-col gap-5" data-testid="task-output">
      {outputs.map((output, i) => {
        const name = downloadName({
          ...naming,
          output: kind,
          index: i,
          originalUrl: output.originalUrl,
        });
        const itemLabel = several ? `${label} ${i + 1} of ${outputs.length}` : label;
        return (
          <figure
            key={`${i}:${output.url}`}
            className={cn(
              "flex flex-col gap-3",
              kind === "audio" && "bg-background rounded-lg border p-3",
            )}
          >
            {several || kind === "audio" ? (
              <figcaption className="text-muted-foreground text-xs font-medium">
                {kind === "audio" ? (several ? `Take ${i + 1}` : "Audio") : `Output ${i + 1}`}
              </figcaption>
            ) : null}
            {kind === "image" && compare && !several ? (
              <CompareOutput url={output.url} label={itemLabel} compare={compare} />
            ) : kind === "image" ? (
              <ImageOutput url={output.url} label={itemLabel} />
            ) : kind === "video" ? (
              <VideoPlayer url={output.url} label={itemLabel} className="max-h-[70vh]" />
            ) : (
              <AudioPlayer url={output.url} label={itemLabel} />
            )}
            <div className="flex flex-wrap gap-2">
              <DownloadLink url={output.url} name={name} origin={studioOrigin} />
              <UseAsInputMenu output={kind} url={inputUrl(output)} label={itemLabel} />
            </div>
          </figure>
        );
      })}
    </div>
  );
}
