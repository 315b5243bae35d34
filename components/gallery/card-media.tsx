"use client";

// A gallery card's media, sized to the media itself: an image or a video poster takes its natural
// aspect ratio (remembered per URL, so a card scrolled back into view has its height at once);
// audio is a one-line player. Images come as small WebP copies when they are our stored files.
import { useState, type Ref } from "react";
import { cn } from "@/lib/utils/cn";
import { thumbnailSrcSet, thumbnailUrl, thumbnailWidthFor } from "./file-url";

// Cards stay within these shapes (object-cover crops the rest): a panorama or a very tall image
// would otherwise make a strip or a tower of the grid.
const minAspect = 0.5;
const maxAspect = 2.4;
const clamp = (ratio: number) => Math.min(maxAspect, Math.max(minAspect, ratio));

const aspects = new Map<string, number>();

/** A request's `aspect_ratio` ("16:9") as width / height; undefined for "auto" and the like. */
export function ratioOf(aspectRatio: string | null | undefined): number | undefined {
  const match = aspectRatio?.match(/^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/);
  if (!match) return undefined;
  const ratio = Number(match[1]) / Number(match[2]);
  return Number.isFinite(ratio) && ratio > 0 ? clamp(ratio) : undefined;
}

/**
 * The media's shape if seen before, else what the request asked for (`hint`), else the guess for
 * its kind (square images, 16:9 video).
 */
export function knownAspect(
  url: string | undefined,
  kind: "image" | "video",
  hint?: number,
): number {
  const seen = url ? aspects.get(url) : undefined;
  return seen ?? hint ?? (kind === "video" ? 16 / 9 : 1);
}

interface Shape {
  /** The shape the request asked for, until the media's own is known. */
  hint?: number;
  /** Show in this shape instead of the media's own (a tool's result beside its input). */
  aspect?: number;
  /** Told the media's own shape once it is known. */
  onAspect?: (ratio: number) => void;
}

function useAspect(url: string, kind: "image" | "video", shape: Shape) {
  const [own, setOwn] = useState(() => knownAspect(url, kind, shape.hint));
  const learn = (width: number, height: number) => {
    if (width <= 0 || height <= 0) return;
    const ratio = clamp(width / height);
    aspects.set(url, ratio);
    setOwn(ratio);
    shape.onAspect?.(ratio);
  };
  return [shape.aspect ?? own, learn] as const;
}

/** Checkerboard behind images: a cut-out (background removed) shows as one. */
const checker =
  "bg-muted bg-[conic-gradient(var(--color-border)_25%,transparent_0_50%,var(--color-border)_0_75%,transparent_0)] bg-[length:16px_16px]";

export function CardImage({
  url,
  alt,
  cssWidth,
  className,
  ...shape
}: {
  url: string;
  alt: string;
  /** The width the image is shown at (CSS pixels), for picking the thumbnail. */
  cssWidth: number;
  className?: string;
} & Shape) {
  const [aspect, learn] = useAspect(url, "image", shape);
  const density = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
  return (
    <div
      className={cn("relative overflow-hidden", checker, className)}
      style={{ aspectRatio: aspect }}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnails, or outputs on arbitrary hosts */}
      <img
        src={thumbnailUrl(url, thumbnailWidthFor(cssWidth, density))}
        srcSet={thumbnailSrcSet(url)}
        sizes={`${Math.ceil(cssWidth)}px`}
        alt={alt}
        loading="lazy"
        decoding="async"
        draggable={false}
        onLoad={(e) => learn(e.currentTarget.naturalWidth, e.currentTarget.naturalHeight)}
        className="absolute inset-0 size-full object-cover"
        data-testid="gallery-image"
      />
    </div>
  );
}

/**
 * A silent video whose first frame is its poster (`#t=` makes the browser decode it); the card
 * plays it while hovered or focused.
 */
export function CardVideo({
  url,
  videoRef,
  className,
  ...shape
}: {
  url: string;
  videoRef?: Ref<HTMLVideoElement>;
  className?: string;
} & Shape) {
  const [aspect, learn] = useAspect(url, "video", shape);
  return (
    <div
      className={cn("relative overflow-hidden bg-black", className)}
      style={{ aspectRatio: aspect }}
    >
      <video
        ref={videoRef}
        src={`${url}#t=0.1`}
        muted
        loop
        playsInline
        preload="metadata"
        tabIndex={-1}
        aria-hidden
        onLoadedMetadata={(e) => learn(e.currentTarget.videoWidth, e.currentTarget.videoHeight)}
        className="absolute inset-0 size-full object-cover"
        data-testid="gallery-video"
      />
    </div>
  );
}

export function CardAudio({ url, label }: { url: string; label: string }) {
  return (
    // Above the card's link layer: the player's own controls take the clicks.
    <audio
      src={url}
      controls
      preload="metadata"
      aria-label={label}
      className="relative z-10 h-10 w-full"
      data-testid="gallery-audio"
    />
  );
}

/** While a task runs: a quiet placeholder in the shape its output will likely have. */
export function CardPending({
  kind,
  label,
  aspect,
}: {
  kind: "image" | "video" | "audio";
  label: string;
  aspect?: number;
}) {
  if (kind === "audio") {
    return <div className="bg-muted h-10 animate-pulse rounded-md motion-reduce:animate-none" />;
  }
  return (
    <div
      className="bg-muted text-muted-foreground grid animate-pulse place-items-center text-xs motion-reduce:animate-none"
      style={{ aspectRatio: aspect ?? (kind === "video" ? 16 / 9 : 1) }}
    >
      {label}
    </div>
  );
}
