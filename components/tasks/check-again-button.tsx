"use client";

import { RefreshCwIcon } from "lucide-react";
import { useCallback, useId, useState } from "react";
import { useCountdown, type Block } from "@/components/generate/use-countdown";
import { Button } from "@/components/ui/button";
import { useCheckTask } from "./use-check-task";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { cn } from "@/lib/utils/cn";
import { checkOutcome } from "./check-outcome";

/**
 * "Check again": the server's tracker asks API in One about the task soon (within the key's
 * budget). A 429 keeps the button disabled for its Retry-After, counting down.
 */
export function CheckAgainButton({
  taskId,
  emphasized = false,
  className,
}: {
  taskId: string;
  /** The tracker stopped on its own (timed out): this is the thing to do, not an extra. */
  emphasized?: boolean;
  className?: string;
}) {
  const check = useCheckTask(taskId);
  const [block, setBlock] = useState<Block | null>(null);
  const endBlock = useCallback(() => setBlock(null), []);
  const secondsLeft = useCountdown(block, endBlock);
  const messageId = useId();
  const message = check.isSuccess
    ? "Asked — the result appears here as soon as API in One has it."
    : checkOutcome(check.error, secondsLeft);

  const press = () => {
    check.mutate(undefined, {
      onError: (error) => {
        const seconds = error instanceof ApiRequestError ? error.retryAfterSeconds : undefined;
        if (seconds)
          setBlock({ until: Date.now() + Math.ceil(seconds) * 1000, seconds: Math.ceil(seconds) });
      },
    });
  };

  return (
    <div className={cn("flex flex-col items-start gap-1.5", className)}>
      <Button
        type="button"
        size="sm"
        variant={emphasized ? "default" : "outline"}
        onClick={press}
        disabled={check.isPending || secondsLeft > 0}
        aria-describedby={message ? messageId : undefined}
        data-testid="check-again"
      >
        <RefreshCwIcon
          aria-hidden
          className={cn(check.isPending && "animate-spin motion-reduce:animate-none")}
        />
        {check.isPending ? "Asking…" : "Check again"}
      </Button>
      <p
        id={messageId}
        role="status"
        className={cn(
          "text-xs empty:hidden",
          check.isError || secondsLeft > 0 ? "text-destructive" : "text-muted-foreground",
        )}
      >
        {message}
      </p>
    </div>
  );
}
