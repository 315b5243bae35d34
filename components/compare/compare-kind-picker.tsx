"use client";

import {
  AudioLinesIcon,
  ClapperboardIcon,
  ImageIcon,
  MessagesSquareIcon,
  MusicIcon,
  type LucideIcon,
} from "lucide-react";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { compareRoutes, type CompareRoute } from "@/lib/schemas/compare";

const kinds: Record<CompareRoute, { label: string; icon: LucideIcon }> = {
  images: { label: "Images", icon: ImageIcon },
  videos: { label: "Videos", icon: ClapperboardIcon },
  music: { label: "Music", icon: MusicIcon },
  speech: { label: "Speech", icon: AudioLinesIcon },
  chat: { label: "Chat", icon: MessagesSquareIcon },
};

export const compareKindLabel = (route: CompareRoute) => kinds[route].label;

/** Which kind of model the columns compare; changing it starts the columns afresh. */
export function CompareKindPicker({
  value,
  onChange,
}: {
  value: CompareRoute;
  onChange: (route: CompareRoute) => void;
}) {
  return (
    <div className="flex flex-col gap-2">
      <span id="compare-kind-label" className="text-sm leading-none font-medium">
        Compare
      </span>
      <ToggleGroup
        type="single"
        value={value}
        onValueChange={(next) => {
          if (next) onChange(next as CompareRoute);
        }}
        aria-labelledby="compare-kind-label"
        className="grid grid-cols-2 gap-1.5 sm:flex sm:flex-wrap"
      >
        {compareRoutes.map((route) => {
          const { label, icon: Icon } = kinds[route];
          return (
            <ToggleGroupItem key={route} value={route} className="gap-1.5 px-3">
              <Icon className="size-4" aria-hidden />
              {label}
            </ToggleGroupItem>
          );
        })}
      </ToggleGroup>
    </div>
  );
}
