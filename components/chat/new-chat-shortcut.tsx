"use client";

import { useEffect, useSyncExternalStore } from "react";
import { cn } from "@/lib/utils/cn";

const never = () => () => undefined;

/** ⌘ on Apple keyboards, Ctrl elsewhere (the server renders Ctrl; the client corrects it). */
function useIsApple(): boolean {
  return useSyncExternalStore(
    never,
    () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent),
    () => false,
  );
}

/** The keys that start a new chat, in this keyboard's words. */
export function useNewChatShortcutText(): string {
  return useIsApple() ? "⌘⇧O" : "Ctrl+Shift+O";
}

/** For aria-keyshortcuts on the control the keys stand for. */
export const newChatKeyShortcuts = "Control+Shift+O Meta+Shift+O";

/** The keys as a visual hint inside a button (the button carries aria-keyshortcuts). */
export function NewChatShortcut({ className }: { className?: string }) {
  const text = useNewChatShortcutText();
  return (
    <kbd
      aria-hidden
      className={cn(
        "text-muted-foreground hidden rounded border px-1 font-sans text-[11px] sm:inline",
        className,
      )}
    >
      {text}
    </kbd>
  );
}

/** Ctrl/Cmd+Shift+O anywhere on the chat page starts a new conversation. */
export function useNewChatKey(onNewChat: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== "o") return;
      event.preventDefault();
      onNewChat();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onNewChat]);
}
