"use client";

import { useEffect, useState, type RefObject } from "react";

export interface MediaState {
  paused: boolean;
  muted: boolean;
  currentTime: number;
  duration: number;
}

const events = [
  "play",
  "pause",
  "ended",
  "timeupdate",
  "seeked",
  "durationchange",
  "loadedmetadata",
  "volumechange",
] as const;

/** A media element's playing state, for controls drawn by us. */
export function useMediaState(media: RefObject<HTMLMediaElement | null>): MediaState {
  const [state, setState] = useState<MediaState>({
    paused: true,
    muted: false,
    currentTime: 0,
    duration: 0,
  });
  useEffect(() => {
    const el = media.current;
    if (!el) return;
    const read = () =>
      setState({
        paused: el.paused,
        muted: el.muted,
        currentTime: el.currentTime,
        duration: Number.isFinite(el.duration) ? el.duration : 0,
      });
    read();
    for (const e of events) el.addEventListener(e, read);
    return () => {
      for (const e of events) el.removeEventListener(e, read);
    };
  }, [media]);
  return state;
}

/** 83.4 → "1:23". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
