"use client";

import { StarIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";

/** The star: shows the new state at once, and the saved one when the server answers. */
export function FavoriteButton({
  favorite,
  onToggle,
}: {
  favorite: boolean;
  onToggle: (favorite: boolean) => Promise<void>;
}) {
  const [pending, setPending] = useState<boolean | null>(null);
  const shown = pending ?? favorite;
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      className="size-9 shrink-0"
      aria-pressed={shown}
      aria-label="Favourite"
      title={shown ? "Remove from favourites" : "Add to favourites"}
      data-testid="favorite"
      onClick={() => {
        if (pending !== null) return;
        setPending(!favorite);
        void onToggle(!favorite).finally(() => setPending(null));
      }}
    >
      <StarIcon
        className={cn("size-5", shown ? "fill-amber-400 text-amber-500" : "text-muted-foreground")}
        aria-hidden
      />
    </Button>
  );
}
