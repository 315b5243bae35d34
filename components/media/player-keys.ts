"use client";

// Keyboard shortcuts for a player, scoped to it: they act only while the player (or something in
// it) has focus, so Space still scrolls the page and typing in a field is never a shortcut.
import type { KeyboardEvent } from "react";

export const seekSeconds = 5;

export interface PlayerShortcut {
  keys: string[];
  does: string;
}

export function shortcutsFor(kind: "video" | "audio"): PlayerShortcut[] {
  return [
    { keys: ["Space", "K"], does: "play or pause" },
    { keys: ["←", "J"], does: `back ${seekSeconds} s` },
    { keys: ["→", "L"], does: `forward ${seekSeconds} s` },
    { keys: ["M"], does: "mute" },
    ...(kind === "video" ? [{ keys: ["F"], does: "full screen" }] : []),
  ];
}

function isField(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select") !== null;
}

/** Space and Enter on a button or link inside the player press it, as everywhere else. */
function pressesControl(target: EventTarget, key: string): boolean {
  return (
    (key === " " || key === "Enter") &&
    target instanceof HTMLElement &&
    target.closest("button, a, summary") !== null
  );
}

function seek(media: HTMLMediaElement, by: number) {
  const end = Number.isFinite(media.duration) ? media.duration : Infinity;
  media.currentTime = Math.min(end, Math.max(0, media.currentTime + by));
}

function toggleFullscreen(element: Element) {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void element.requestFullscreen?.().catch(() => undefined);
}

const handled = new Set([" ", "k", "ArrowLeft", "j", "ArrowRight", "l", "Home", "End", "m", "f"]);

/** What a key does to a player; false when the key is not one of its shortcuts. */
export function applyShortcut(media: HTMLMediaElement, key: string): boolean {
  const name = key.length === 1 ? key.toLowerCase() : key;
  if (!handled.has(name)) return false;
  armSource(media);
  switch (name) {
    case " ":
    case "k":
      if (media.paused) void media.play().catch(() => undefined);
      else media.pause();
      return true;
    case "ArrowLeft":
    case "j":
      seek(media, -seekSeconds);
      return true;
    case "ArrowRight":
    case "l":
      seek(media, seekSeconds);
      return true;
    case "Home":
      media.currentTime = 0;
      return true;
    case "End":
      if (Number.isFinite(media.duration)) media.currentTime = media.duration;
      return true;
    case "m":
      media.muted = !media.muted;
      return true;
    case "f":
      if (!(media instanceof HTMLVideoElement)) return false;
      toggleFullscreen(media);
      return true;
    default:
      return false;
  }
}

/**
 * Gives a media element waiting for its source (see AudioPlayer's `data-src`) that source now,
 * so it can play at once.
 */
export function armSource(media: HTMLMediaElement) {
  const src = media.dataset.src;
  if (src && !media.getAttribute("src")) media.src = src;
}

/** The player's container `onKeyDown`: finds its media element and applies the shortcut. */
export function onPlayerKeyDown(event: KeyboardEvent<HTMLElement>) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  if (isField(event.target) || pressesControl(event.target, event.key)) return;
  const media = event.currentTarget.querySelector<HTMLMediaElement>("video, audio");
  if (media && applyShortcut(media, event.key)) {
    event.preventDefault();
    event.stopPropagation();
  }
}
