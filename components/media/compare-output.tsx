"use client";

import { Maximize2Icon } from "lucide-react";
import { useRef, useState } from "react";
import { ZoomDialog } from "@/components/tasks/lazy-zoom-dialog";
import { BeforeAfterSlider } from "./before-after-slider";
import type { ToolCompare } from "./tool-compare";

/** A tool's result on a before/after slider, with a button that opens the result full screen. */
export function CompareOutput({
  url,
  label,
  compare,
  downloadUrl,
}: {
  url: string;
  label: string;
  compare: ToolCompare;
  downloadUrl?: string;
}) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <BeforeAfterSlider
        before={compare.before}
        after={url}
        label={label}
        checker={compare.checker}
      >
        <button
          ref={opener}
          type="button"
          onClick={() => setOpen(true)}
          className="focus-visible:ring-ring absolute right-2 bottom-2 grid size-8 cursor-zoom-in place-items-center rounded-md bg-black/60 text-white outline-none hover:bg-black/75 focus-visible:ring-[3px]"
          aria-label={`Open ${label} full screen`}
          data-testid="open-zoom"
        >
          <Maximize2Icon className="size-4" aria-hidden />
        </button>
      </BeforeAfterSlider>
      <ZoomDialog
        url={url}
        alt={label}
        open={open}
        onOpenChange={setOpen}
        returnFocus={opener}
        downloadUrl={downloadUrl}
      />
    </>
  );
}
