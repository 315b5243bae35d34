"use client";

import { DownloadIcon, MinusIcon, PlusIcon, ScanIcon } from "lucide-react";
import { Dialog } from "radix-ui";
import { useState } from "react";
import { Button } from "@/components/ui/button";

const steps = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];

/** "fit" shows the whole image; a number is its scale against the real pixel size. */
type Zoom = "fit" | number;

function step(zoom: Zoom, direction: 1 | -1, fitScale: number): Zoom {
  const current = zoom === "fit" ? fitScale : zoom;
  const next =
    direction === 1
      ? steps.find((s) => s > current + 1e-3)
      : steps.findLast((s) => s < current - 1e-3);
  return next ?? current;
}

/**
 * An image full screen: click (or Enter/Space) toggles fit and 100 %, + and − zoom in steps,
 * 0 fits again, Escape closes and returns focus to what opened it.
 */
export function ZoomDialog({
  url,
  alt,
  open,
  onOpenChange,
  returnFocus,
  downloadUrl,
}: {
  url: string;
  alt: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Focused again on close (the dialog has no Radix trigger to return to). */
  returnFocus: React.RefObject<HTMLElement | null>;
  /** Offers a Download button for this URL (where the page has no download link of its own). */
  downloadUrl?: string;
}) {
  const [zoom, setZoom] = useState<Zoom>("fit");
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const fitScale = natural
    ? Math.min(1, (window.innerWidth - 32) / natural.w, (window.innerHeight - 120) / natural.h)
    : 1;
  const percent = Math.round((zoom === "fit" ? fitScale : zoom) * 100);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "+" || event.key === "=") setZoom((z) => step(z, 1, fitScale));
    else if (event.key === "-" || event.key === "_") setZoom((z) => step(z, -1, fitScale));
    else if (event.key === "0") setZoom("fit");
    else return;
    event.preventDefault();
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) setZoom("fit");
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="data-[state=open]:animate-in data-[state=open]:fade-in-0 fixed inset-0 z-50 bg-black/90" />
        <Dialog.Content
          className="fixed inset-0 z-50 flex flex-col outline-none"
          onKeyDown={onKeyDown}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocus.current?.focus();
          }}
          data-testid="zoom-dialog"
          data-zoom={zoom === "fit" ? "fit" : String(zoom)}
        >
          <Dialog.Title className="sr-only">{alt}</Dialog.Title>
          <Dialog.Description className="sr-only">
            Click the image or press Enter to switch between fit and 100 %. Plus and minus zoom, 0
            fits, Escape closes.
          </Dialog.Description>
          <div className="flex items-center justify-between gap-2 p-3 text-white">
            <span className="text-sm tabular-nums" aria-live="polite" data-testid="zoom-level">
              {zoom === "fit" ? `Fit (${percent} %)` : `${percent} %`}
            </span>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                size="icon"
                aria-label="Zoom out"
                onClick={() => setZoom((z) => step(z, -1, fitScale))}
              >
                <MinusIcon />
              </Button>
              <Button
                variant="secondary"
                size="icon"
                aria-label="Zoom in"
                onClick={() => setZoom((z) => step(z, 1, fitScale))}
              >
                <PlusIcon />
              </Button>
              <Button
                variant="secondary"
                size="icon"
                aria-label="Fit to screen"
                onClick={() => setZoom("fit")}
              >
                <ScanIcon />
              </Button>
              {downloadUrl ? (
                <Button asChild variant="secondary" size="sm">
                  <a href={downloadUrl} download target="_blank" rel="noreferrer noopener">
                    <DownloadIcon aria-hidden /> Download
                  </a>
                </Button>
              ) : null}
              <Dialog.Close asChild>
                <Button variant="secondary" size="sm">
                  Close
                </Button>
              </Dialog.Close>
            </div>
          </div>
          <div className="min-h-0 flex-1 overflow-auto">
            <button
              type="button"
              className="mx-auto grid min-h-full min-w-full cursor-zoom-in place-items-center outline-none data-[zoomed=true]:cursor-zoom-out"
              data-zoomed={zoom !== "fit"}
              aria-label={zoom === "fit" ? "Show at 100 %" : "Fit to screen"}
              onClick={() => setZoom((z) => (z === "fit" ? 1 : "fit"))}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- stored or upstream URLs, any host */}
              <img
                src={url}
                alt={alt}
                onLoad={(e) =>
                  setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })
                }
                style={
                  zoom === "fit" || !natural
                    ? undefined
                    : { width: natural.w * zoom, height: natural.h * zoom, maxWidth: "none" }
                }
                className={
                  zoom === "fit"
                    ? "max-h-[calc(100dvh-5rem)] max-w-[calc(100vw-2rem)] object-contain"
                    : "max-w-none"
                }
                data-testid="zoom-image"
              />
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
