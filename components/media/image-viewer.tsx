"use client";

import { DownloadIcon, ZoomInIcon } from "lucide-react";
import { Dialog } from "radix-ui";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";

/** One or several images; click one to see it full size. */
export function ImageViewer({ urls, alt }: { urls: string[]; alt: string }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <div className={cn("grid gap-2", urls.length > 1 && "grid-cols-2")}>
        {urls.map((url, i) => (
          <button
            key={url}
            type="button"
            onClick={() => setOpen(url)}
            className="group focus-visible:ring-ring/50 relative overflow-hidden rounded-lg border bg-[conic-gradient(var(--muted)_25%,transparent_0_50%,var(--muted)_0_75%,transparent_0)] bg-[length:16px_16px] outline-none focus-visible:ring-[3px]"
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
              <ZoomInIcon className="size-4" />
            </span>
          </button>
        ))}
      </div>
      <Dialog.Root open={open !== null} onOpenChange={(o) => !o && setOpen(null)}>
        <Dialog.Portal>
          <Dialog.Overlay className="data-[state=open]:animate-in data-[state=open]:fade-in-0 fixed inset-0 z-50 bg-black/80" />
          <Dialog.Content className="fixed inset-4 z-50 flex flex-col items-center justify-center gap-3 outline-none">
            <Dialog.Title className="sr-only">{alt}</Dialog.Title>
            <Dialog.Description className="sr-only">Full-size image</Dialog.Description>
            {open ? (
              <>
                {/* eslint-disable-next-line @next/next/no-img-element -- upstream URLs, any host */}
                <img
                  src={open}
                  alt={alt}
                  className="max-h-[85vh] max-w-full rounded-lg object-contain shadow-2xl"
                />
                <div className="flex gap-2">
                  <Button asChild variant="secondary" size="sm">
                    <a href={open} download target="_blank" rel="noreferrer">
                      <DownloadIcon /> Download
                    </a>
                  </Button>
                  <Dialog.Close asChild>
                    <Button variant="secondary" size="sm">
                      Close
                    </Button>
                  </Dialog.Close>
                </div>
              </>
            ) : null}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}
