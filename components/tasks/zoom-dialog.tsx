"use client";

import { DownloadIcon, MinusIcon, PlusIcon, ScanIcon, XIcon } from "lucide-react";
import { Dialog } from "radix-ui";
import { useRef, useState } from "react";
import {
  TransformComponent,
  TransformWrapper,
  type ReactZoomPanPinchRef,
} from "react-zoom-pan-pinch";
import { Button } from "@/components/ui/button";
import { maxZoom, panStep, stepZoom, toggleTarget, zoomSteps } from "@/components/media/zoom-steps";

const quick = 150;

/**
 * An image full screen that zooms and pans: the wheel or a pinch zooms at the pointer, dragging
 * pans, a double-click toggles fit and 100 %; + and − step, 0 fits, 1 shows real pixels, the
 * arrow keys pan; Escape closes and returns focus to what opened it.
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
  const zoom = useRef<ReactZoomPanPinchRef>(null);
  const [scale, setScale] = useState(1);
  const [fitScale, setFitScale] = useState(1);
  const [fitted, setFitted] = useState(true);
  const minScale = Math.min(fitScale, zoomSteps[0]!);
  const percent = Math.round(scale * 100);

  const fit = (animationTime = quick) => {
    const ref = zoom.current;
    if (!ref) return;
    aim.current = null;
    setFitted(true);
    void ref.fitToView({ maxScale: 1, minScale: 0.01, animationTime }).then(() => {
      setFitScale(ref.state.scale);
      setScale(ref.state.scale);
    });
  };
  // Where the running animation is heading: a quick second + steps on from there.
  const aim = useRef<number | null>(null);
  const zoomTo = (next: number) => {
    setFitted(false);
    aim.current = next;
    void zoom.current?.centerView(next, quick).then(() => {
      if (aim.current === next) aim.current = null;
    });
  };
  const zoomedByHand = () => {
    aim.current = null;
    setFitted(false);
  };
  // From the viewer's own state, not React's: just after an animation ends, the last render can
  // still hold one of its middle frames (a − at 1.02 would step to 1, not to 0.75).
  const step = (direction: 1 | -1) =>
    zoomTo(stepZoom(aim.current ?? zoom.current?.state.scale ?? scale, direction, minScale));

  const onKeyDown = (event: React.KeyboardEvent) => {
    const ref = zoom.current;
    if (!ref || event.altKey || event.ctrlKey || event.metaKey) return;
    if ((event.target as Element).closest("a, button") && event.key === "Enter") return;
    const pans: Record<string, [number, number]> = {
      ArrowLeft: [panStep, 0],
      ArrowRight: [-panStep, 0],
      ArrowUp: [0, panStep],
      ArrowDown: [0, -panStep],
    };
    if (event.key === "+" || event.key === "=") step(1);
    else if (event.key === "-" || event.key === "_") step(-1);
    else if (event.key === "0") fit();
    else if (event.key === "1") zoomTo(1);
    else if (event.key in pans) void ref.panBy(...pans[event.key]!, quick);
    else return;
    event.preventDefault();
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) setFitted(true);
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="data-[state=open]:animate-in data-[state=open]:fade-in-0 fixed inset-0 z-50 bg-black/95" />
        <Dialog.Content
          className="fixed inset-0 z-50 flex flex-col outline-none"
          onKeyDown={onKeyDown}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocus.current?.focus();
          }}
          data-testid="zoom-dialog"
          data-zoom={fitted ? "fit" : String(Math.round(scale * 100) / 100)}
        >
          <Dialog.Title className="sr-only">{alt}</Dialog.Title>
          <Dialog.Description className="sr-only">
            Scroll or pinch to zoom, drag to move around, double-click to switch between fit and 100
            %. Plus and minus zoom, 0 fits, 1 shows real pixels, the arrow keys move, Escape closes.
          </Dialog.Description>
          <div className="relative z-10 flex flex-wrap items-center justify-between gap-2 bg-black p-3 text-white">
            <span className="text-sm tabular-nums" aria-live="polite" data-testid="zoom-level">
              {fitted ? `Fit (${percent} %)` : `${percent} %`}
            </span>
            <div className="flex flex-wrap items-center gap-2">
              <div className="flex items-center gap-1 rounded-md bg-white/10 p-0.5">
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8 text-white hover:bg-white/15 hover:text-white"
                  aria-label="Zoom out"
                  disabled={scale <= minScale + 1e-3}
                  onClick={() => step(-1)}
                >
                  <MinusIcon />
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  className="min-w-14 text-white tabular-nums hover:bg-white/15 hover:text-white"
                  aria-label="Show at 100 %"
                  onClick={() => zoomTo(1)}
                >
                  1:1
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8 text-white hover:bg-white/15 hover:text-white"
                  aria-label="Zoom in"
                  disabled={scale >= maxZoom - 1e-3}
                  onClick={() => step(1)}
                >
                  <PlusIcon />
                </Button>
              </div>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => fit()}
                aria-label="Fit to screen"
              >
                <ScanIcon aria-hidden /> <span className="max-sm:sr-only">Fit</span>
              </Button>
              {downloadUrl ? (
                <Button asChild variant="secondary" size="sm">
                  <a href={downloadUrl} download target="_blank" rel="noreferrer noopener">
                    <DownloadIcon aria-hidden /> <span className="max-sm:sr-only">Download</span>
                  </a>
                </Button>
              ) : null}
              <Dialog.Close asChild>
                <Button variant="secondary" size="sm" aria-label="Close">
                  <XIcon aria-hidden /> <span className="max-sm:sr-only">Close</span>
                </Button>
              </Dialog.Close>
            </div>
          </div>
          <div
            className="min-h-0 flex-1 cursor-grab active:cursor-grabbing"
            onDoubleClick={(event) => {
              setFitted(false);
              if (fitted || Math.abs(scale - fitScale) < 1e-3) {
                void zoom.current?.zoomToPoint(
                  toggleTarget(fitScale),
                  event.clientX,
                  event.clientY,
                  quick,
                );
              } else fit();
            }}
          >
            <TransformWrapper
              ref={zoom}
              minScale={minScale}
              maxScale={maxZoom}
              centerZoomedOut
              doubleClick={{ disabled: true }}
              wheel={{ step: 0.15 }}
              onTransform={(_, state) => setScale(state.scale)}
              onWheelStart={zoomedByHand}
              onPinchStart={zoomedByHand}
            >
              <TransformComponent
                wrapperStyle={{ width: "100%", height: "100%" }}
                contentProps={
                  { "data-testid": "zoom-content" } as React.HTMLAttributes<HTMLDivElement>
                }
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- stored or upstream URLs, any host */}
                <img
                  src={url}
                  alt={alt}
                  draggable={false}
                  onLoad={() => fit(0)}
                  className="block max-w-none select-none"
                  data-testid="zoom-image"
                />
              </TransformComponent>
            </TransformWrapper>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
