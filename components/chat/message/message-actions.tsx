"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils/cn";

/** A small icon button under a message, named for screen readers and explained by a tooltip. */
export function MessageAction({
  label,
  onClick,
  disabled,
  children,
  className,
  testId,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className={cn("text-muted-foreground hover:text-foreground size-8", className)}
          aria-label={label}
          onClick={onClick}
          disabled={disabled}
          data-testid={testId}
        >
          {children}
        </Button>
      </TooltipTrigger>
      <TooltipContent>{label}</TooltipContent>
    </Tooltip>
  );
}

/** Copies a message's text; the tooltip and the screen reader say "Copied" for a moment. */
export function CopyMessageButton({
  text,
  label = "Copy message",
}: {
  text: string;
  label?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1600);
    return () => clearTimeout(timer);
  }, [state]);
  const said = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "";
  return (
    <>
      <MessageAction
        label={said || label}
        testId="copy-message"
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setState("copied"),
            () => setState("failed"),
          );
        }}
      >
        {state === "copied" ? (
          <CheckIcon className="text-success" aria-hidden />
        ) : (
          <CopyIcon aria-hidden />
        )}
      </MessageAction>
      <span className="sr-only" aria-live="polite">
        {said}
      </span>
    </>
  );
}
