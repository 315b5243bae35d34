"use client";

import { ZoomInIcon } from "lucide-react";
import { useRef, useState } from "react";
import { ZoomDialog } from "@/components/tasks/lazy-zoom-dialog";
import { cn } from "@/lib/utils/cn";

/**
 * One or several images; click one to see it full screen, with the same zoom as a task's page
 * (fit and 100 %, + and − in steps, Escape returns to the image that opened it).
 */
export function ImageViewer({ urls, alt }: { urls: string[]; alt: string }) {
  const [shown, setShown] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  return (
    <>
      <div className={cn("grid gap-2", urls.length > 1 && "grid-cols-2")}>
        {urls.map((url, i) => (
          <button
            key={url}
            type="button"
            onClick={(event) => {
              opener.current = event.currentTarget;
              setShown(url);
              setOpen(true);
            }}
            className="group focus-visible:ring-ring/50 relative cursor-zoom-in overflow-hidden rounded-lg border bg-[conic-gradient(var(--muted)_25%,transparent_0_50%,var(--muted)_0_75%,transparent_0)] bg-[length:16px_16px] outline-none focus-visible:ring-[3px]"
            aria-label={`Zoom image ${i + 1}`}
          >
            {/* eslint-disable-next-line @next/next/no-img-element -- upstream URLs, any host */}
            <img
              src={url}
              alt={`${alt} (${i + 1})`}
              className="block h-auto w-full"
              data-testid="output-image"
            />
            <span className="absolute right-2 bottom-2 grid size-8 place-items-center rounded-md bg-black/55 text-white opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100">
              <ZoomInIcon className="size-4" aria-hidden />
            </span>
          </button>
        ))}
      </div>
      {shown !== null ? (
        <ZoomDialog
          url={shown}
          alt={alt}
          open={open}
          onOpenChange={setOpen}
          returnFocus={opener}
          downloadUrl={shown}
        />
      ) : null}
    </>
  );
}
