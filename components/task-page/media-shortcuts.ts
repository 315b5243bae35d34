"use client";

// Keyboard shortcuts for the page's players: Space play/pause, ←/→ seek 5 s, M mute. They act on
// the player that has focus (or holds it inside), else on the first one when nothing is focused,
// and never while someone types in a field or presses a button or link.
import { useEffect } from "react";

export const seekSeconds = 5;

export const playerSelector = "[data-player]";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest("input, textarea, select, button, a, [role=menu], [role=dialog]") !== null;
}

function mediaFor(target: EventTarget | null): HTMLMediaElement | null {
  const holder = target instanceof Element ? target.closest(playerSelector) : null;
  if (holder) return holder.querySelector("video, audio");
  if (target === document.body || target === document.documentElement || target === null) {
    return document.querySelector(`${playerSelector} video, ${playerSelector} audio`);
  }
  return null;
}

/** What a key does to a player; false when the key is not a shortcut. */
export function applyShortcut(media: HTMLMediaElement, key: string): boolean {
  switch (key) {
    case " ":
    case "k":
      if (media.paused) void media.play().catch(() => undefined);
      else media.pause();
      return true;
    case "ArrowLeft":
      media.currentTime = Math.max(0, media.currentTime - seekSeconds);
      return true;
    case "ArrowRight": {
      const end = Number.isFinite(media.duration) ? media.duration : Infinity;
      media.currentTime = Math.min(end, media.currentTime + seekSeconds);
      return true;
    }
    case "m":
    case "M":
      media.muted = !media.muted;
      return true;
    default:
      return false;
  }
}

export function useMediaShortcuts(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const media = event.target instanceof HTMLMediaElement ? event.target : null;
      if (!media && isTyping(event.target)) return;
      const player = media ?? mediaFor(event.target);
      if (player && applyShortcut(player, event.key)) event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled]);
}
