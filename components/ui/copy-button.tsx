"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";

/** Copies `text`; says "Copied" (or "Copy failed") for a moment, to screen readers too. */
export function CopyButton({
  text,
  label,
  className,
}: {
  text: string;
  /** What is copied, for the accessible name: "Copy curl". */
  label: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1600);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      className={cn("bg-card/90 h-7 px-2 text-xs backdrop-blur", className)}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
      aria-label={state === "copied" ? "Copied" : `Copy ${label}`}
    >
      {state === "copied" ? <CheckIcon className="text-success" /> : <CopyIcon />}
      <span aria-live="polite">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
      </span>
    </Button>
  );
}
