"use client";

import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

export interface BranchInfo {
  /** 0-based place of this message among its versions (siblings with the same parent and role). */
  index: number;
  count: number;
  onSelect: (index: number) => void;
}

/** "‹ 2 / 3 ›": which version of a message is on screen, and a way to the others. */
export function BranchSwitcher({ branch, disabled }: { branch: BranchInfo; disabled: boolean }) {
  const { index, count, onSelect } = branch;
  if (count < 2) return null;
  return (
    <div
      role="group"
      aria-label="Versions"
      className="text-muted-foreground flex items-center text-xs tabular-nums"
      data-testid="branch-switcher"
    >
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label="Previous version"
        disabled={disabled || index <= 0}
        onClick={() => onSelect(index - 1)}
      >
        <ChevronLeftIcon aria-hidden />
      </Button>
      <span className="min-w-9 text-center">
        <span aria-hidden>
          {index + 1} / {count}
        </span>
        <span className="sr-only">
          Version {index + 1} of {count}
        </span>
      </span>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label="Next version"
        disabled={disabled || index >= count - 1}
        onClick={() => onSelect(index + 1)}
      >
        <ChevronRightIcon aria-hidden />
      </Button>
    </div>
  );
}
