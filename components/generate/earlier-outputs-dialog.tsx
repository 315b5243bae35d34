"use client";

import { useQuery } from "@tanstack/react-query";
import { HistoryIcon, ImagesIcon } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { routes, type RouteId } from "@/lib/catalog";
import {
  earlierOutputsQuery,
  type EarlierOutput,
  type EarlierOutputsFilter,
  type MediaKind,
} from "./earlier-outputs-query";

export type { MediaKind };

/** Routes whose outputs can feed an input of each kind. */
const sourceRoutes: Record<MediaKind, readonly RouteId[]> = {
  image: ["images", "remove-bg", "face-swap", "upscale"],
  video: ["videos", "video-bg-remover"],
};

const shortLabels: Partial<Record<RouteId, string>> = {
  images: "Images",
  videos: "Videos",
  "remove-bg": "Remove bg",
  "face-swap": "Face swap",
  upscale: "Upscale",
  "video-bg-remover": "Video bg",
};

function Thumbnail({ output, kind }: { output: EarlierOutput; kind: MediaKind }) {
  return kind === "video" ? (
    <video
      src={output.url}
      muted
      playsInline
      preload="metadata"
      className="size-full object-cover"
    />
  ) : (
    // eslint-disable-next-line @next/next/no-img-element -- outputs live on arbitrary hosts
    <img src={output.url} alt="" loading="lazy" className="size-full object-cover" />
  );
}

function OutputGrid({
  filter,
  kind,
  onPick,
}: {
  filter: EarlierOutputsFilter;
  kind: MediaKind;
  onPick: (url: string) => void;
}) {
  const { data, isPending, error, refetch } = useQuery(earlierOutputsQuery(filter));
  if (isPending) {
    return (
      <div
        className="grid grid-cols-3 gap-2 sm:grid-cols-4"
        role="status"
        aria-busy="true"
        aria-label="Loading"
      >
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="aspect-square" />
        ))}
      </div>
    );
  }
  if (error) {
    return (
      <Alert variant="destructive" className="items-center justify-between">
        <span>Could not load earlier results: {error.message}</span>
        <Button type="button" size="sm" variant="outline" onClick={() => void refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  if (data.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-10 text-center">
        <span className="bg-muted text-muted-foreground grid size-10 place-items-center rounded-full">
          <ImagesIcon className="size-5" />
        </span>
        <p className="text-sm font-medium">No earlier results yet</p>
        <p className="text-muted-foreground max-w-xs text-xs">
          {"route" in filter
            ? `Successful ${routes[filter.route].label.toLowerCase()} runs show up here.`
            : `Successful runs that made ${kind === "video" ? "a video" : "an image"} show up here.`}
        </p>
      </div>
    );
  }
  return (
    <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4" aria-label="Earlier results">
      {data.map((output) => (
        <li key={output.url}>
          <button
            type="button"
            onClick={() => onPick(output.url)}
            title={[output.model, output.label].filter(Boolean).join(" · ") || output.taskId}
            aria-label={`Use ${kind} from ${output.model || "task"}${output.label ? `: ${output.label}` : ` ${output.taskId}`}`}
            className="bg-muted hover:border-primary focus-visible:ring-ring/50 block aspect-square w-full overflow-hidden rounded-md border transition-[box-shadow,border-color] outline-none focus-visible:ring-[3px]"
          >
            <Thumbnail output={output} kind={kind} />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** "Earlier results": pick one of the user's recent outputs as this field's URL. */
export function EarlierOutputsDialog({
  kind,
  onPick,
  disabled,
}: {
  kind: MediaKind;
  onPick: (url: string) => void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const choices = sourceRoutes[kind];
  const [source, setSource] = useState<"all" | RouteId>("all");
  const filter: EarlierOutputsFilter = source === "all" ? { output: kind } : { route: source };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" variant="outline" size="sm" disabled={disabled}>
          <HistoryIcon /> Earlier results
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Use an earlier result</DialogTitle>
          <DialogDescription>
            Your latest successful {kind === "video" ? "videos" : "images"}; pick one to use its
            URL.
          </DialogDescription>
        </DialogHeader>
        {choices.length > 1 ? (
          <ToggleGroup
            type="single"
            value={source}
            onValueChange={(next) => {
              if (next) setSource(next as "all" | RouteId);
            }}
            aria-label="From"
          >
            <ToggleGroupItem value="all" className="h-8 text-xs">
              All
            </ToggleGroupItem>
            {choices.map((choice) => (
              <ToggleGroupItem key={choice} value={choice} className="h-8 text-xs">
                {shortLabels[choice] ?? routes[choice].label}
              </ToggleGroupItem>
            ))}
          </ToggleGroup>
        ) : null}
        {open ? (
          <OutputGrid
            filter={filter}
            kind={kind}
            onPick={(url) => {
              onPick(url);
              setOpen(false);
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
