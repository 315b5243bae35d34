"use client";

import { PauseIcon, PlayIcon, Volume2Icon, VolumeXIcon } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";
import { armSource, onPlayerKeyDown } from "./player-keys";
import { ShortcutHint } from "./shortcut-hint";
import { clock, useMediaState } from "./use-media-state";
import { useWaveform } from "./use-waveform";

/**
 * A track with its waveform: play/pause, click or drag on the waveform to seek, the time, mute,
 * and the player's keyboard shortcuts. The <audio> element plays; if the waveform cannot be drawn
 * (the file does not decode, or lives on a host that will not share it) the browser's own player
 * takes its place.
 */
export function AudioPlayer({
  url,
  label,
  testId = "output-audio",
}: {
  url: string;
  label: string;
  testId?: string;
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const wave = useRef<HTMLDivElement>(null);
  const waveform = useWaveform(wave, audio, url);
  const media = useMediaState(audio);
  const failed = waveform === "failed";
  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    armSource(el);
    if (el.paused) void el.play().catch(() => undefined);
    else el.pause();
  };

  return (
    <div
      data-player="audio"
      data-waveform={waveform}
      role="group"
      aria-label={`${label}: audio player`}
      onKeyDown={onPlayerKeyDown}
      className="flex flex-col gap-2"
    >
      {/* The waveform's download becomes the source (one request per track, not two); played
          before that, or when the waveform fails, the element streams the file itself. */}
      <audio
        ref={audio}
        src={failed ? url : undefined}
        data-src={url}
        controls={failed}
        preload="metadata"
        aria-label={label}
        className={cn("w-full", !failed && "hidden")}
        data-testid={testId}
      />
      <div className={cn("flex items-center gap-3", failed && "hidden")}>
        <Button
          type="button"
          size="icon"
          className="size-11 shrink-0 rounded-full"
          aria-label={media.paused ? `Play ${label}` : `Pause ${label}`}
          onClick={toggle}
          data-testid="audio-play"
        >
          {media.paused ? <PlayIcon className="ml-0.5 size-5" /> : <PauseIcon className="size-5" />}
        </Button>
        <div className="relative h-14 min-w-0 flex-1">
          <div
            ref={wave}
            role="slider"
            tabIndex={0}
            aria-label={`Position in ${label}`}
            aria-valuemin={0}
            aria-valuemax={Math.round(media.duration)}
            aria-valuenow={Math.round(media.currentTime)}
            aria-valuetext={`${clock(media.currentTime)} of ${clock(media.duration)}`}
            aria-keyshortcuts="ArrowLeft ArrowRight Home End"
            className="focus-visible:ring-ring/50 absolute inset-0 cursor-pointer rounded-md outline-none focus-visible:ring-[3px]"
            data-testid="waveform"
          />
          {waveform === "loading" ? (
            <div
              aria-hidden
              className="bg-muted absolute inset-x-0 top-1/2 h-1 -translate-y-1/2 animate-pulse rounded-full motion-reduce:animate-none"
            />
          ) : null}
        </div>
      </div>
      <div className="text-muted-foreground flex items-center justify-between gap-2 text-xs">
        <span className={cn("tabular-nums", failed && "invisible")} data-testid="audio-time">
          <span className="text-foreground">{clock(media.currentTime)}</span> /{" "}
          {clock(media.duration)}
        </span>
        <div className="flex items-center gap-1">
          {failed ? null : (
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="size-7"
              aria-label={media.muted ? "Unmute" : "Mute"}
              aria-pressed={media.muted}
              onClick={() => {
                if (audio.current) audio.current.muted = !audio.current.muted;
              }}
            >
              {media.muted ? <VolumeXIcon /> : <Volume2Icon />}
            </Button>
          )}
          <ShortcutHint kind="audio" />
        </div>
      </div>
    </div>
  );
}
