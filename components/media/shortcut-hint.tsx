"use client";

import { KeyboardIcon } from "lucide-react";
import { Popover } from "radix-ui";
import { shortcutsFor } from "./player-keys";

/**
 * A small "?" that lists the player's shortcuts. The list stays in the page while closed (hidden),
 * so it is found by search and read by tests, and opens beside the button on click.
 */
export function ShortcutHint({ kind }: { kind: "video" | "audio" }) {
  return (
    <Popover.Root>
      <Popover.Trigger
        className="text-muted-foreground hover:text-foreground hover:bg-accent focus-visible:ring-ring/50 inline-flex h-7 items-center gap-1 rounded-md px-1.5 text-xs outline-none focus-visible:ring-[3px] [@media(pointer:coarse)]:hidden"
        aria-label="Keyboard shortcuts"
        data-testid="player-shortcuts-button"
      >
        <KeyboardIcon className="size-3.5" aria-hidden />
        <span aria-hidden>?</span>
      </Popover.Trigger>
      <Popover.Portal forceMount>
        <Popover.Content
          forceMount
          side="top"
          align="end"
          sideOffset={6}
          className="bg-popover text-popover-foreground z-50 w-60 rounded-lg border p-3 text-xs shadow-md data-[state=closed]:hidden"
          data-testid="player-shortcuts"
        >
          <p className="mb-2 font-medium">Keyboard shortcuts</p>
          <p className="text-muted-foreground mb-2">Click the player first, then:</p>
          <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1.5">
            {shortcutsFor(kind).map((s) => (
              <div key={s.does} className="contents">
                <dt className="flex gap-1">
                  {s.keys.map((k) => (
                    <kbd
                      key={k}
                      className="bg-muted min-w-5 rounded border px-1 text-center font-mono"
                    >
                      {k}
                    </kbd>
                  ))}
                </dt>
                <dd>{s.does}</dd>
              </div>
            ))}
          </dl>
          <Popover.Arrow className="fill-border" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
