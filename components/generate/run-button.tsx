"use client";

import { LoaderCircleIcon, PlayIcon } from "lucide-react";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const noSubscription = () => () => undefined;

function useIsApple(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => /Mac|iPhone|iPad/.test(navigator.userAgent),
    () => false,
  );
}

export function RunButton({ pending, secondsLeft }: { pending: boolean; secondsLeft: number }) {
  const apple = useIsApple();
  const waiting = secondsLeft > 0;
  return (
    <Button
      type="submit"
      size="lg"
      disabled={pending || waiting}
      aria-busy={pending || undefined}
      aria-keyshortcuts={apple ? "Meta+Enter" : "Control+Enter"}
      className="w-full sm:w-auto sm:min-w-36"
      data-testid="run-button"
    >
      {pending ? (
        <LoaderCircleIcon className="animate-spin" aria-hidden />
      ) : (
        <PlayIcon aria-hidden />
      )}
      {pending ? "Starting…" : waiting ? `Wait ${secondsLeft} s` : "Run"}
      {!pending && !waiting ? (
        <kbd className="border-primary-foreground/30 ml-1 hidden rounded border px-1 font-sans text-[11px] sm:inline">
          {apple ? "⌘↵" : "Ctrl ↵"}
        </kbd>
      ) : null}
    </Button>
  );
}
