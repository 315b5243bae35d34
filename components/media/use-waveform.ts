"use client";

// Draws an audio element's waveform with wavesurfer.js, loaded only on pages that play audio. The
// element stays the player (wavesurfer follows it); the colours come from the theme's CSS
// variables and follow a switch between light and dark.
import { useEffect, useState, type RefObject } from "react";
import type WaveSurfer from "wavesurfer.js";

export type WaveformState = "loading" | "ready" | "failed";

/** A CSS colour (oklch and all) as rgba(), which every canvas understands, with this opacity. */
function canvasColor(cssVar: string, alpha = 1): string {
  const probe = document.createElement("span");
  probe.style.color = `var(${cssVar})`;
  probe.style.display = "none";
  document.body.append(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  if (!ctx) return computed;
  ctx.fillStyle = computed;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return `rgba(${r}, ${g}, ${b}, ${(((a ?? 255) / 255) * alpha).toFixed(3)})`;
}

function themeColors() {
  return {
    waveColor: canvasColor("--muted-foreground", 0.45),
    progressColor: canvasColor("--primary"),
    cursorColor: canvasColor("--primary"),
  };
}

export function useWaveform(
  container: RefObject<HTMLDivElement | null>,
  media: RefObject<HTMLAudioElement | null>,
  url: string,
): WaveformState {
  const [state, setState] = useState<WaveformState>("loading");
  useEffect(() => {
    const box = container.current;
    const audio = media.current;
    if (!box || !audio) return;
    let surfer: WaveSurfer | undefined;
    let cancelled = false;
    const onTheme = new MutationObserver(() => surfer?.setOptions(themeColors()));
    import("wavesurfer.js")
      .then(({ default: WaveSurferClass }) => {
        if (cancelled) return;
        surfer = WaveSurferClass.create({
          container: box,
          media: audio,
          // Fetched once, decoded for the waveform, and given to the element as its source
          // (unless it already plays this URL, which wavesurfer then leaves alone).
          url,
          height: "auto",
          barWidth: 2,
          barGap: 1,
          barRadius: 2,
          cursorWidth: 2,
          normalize: true,
          dragToSeek: true,
          hideScrollbar: true,
          ...themeColors(),
        });
        surfer.on("decode", () => setState("ready"));
        surfer.on("error", () => setState("failed"));
        onTheme.observe(document.documentElement, {
          attributes: true,
          attributeFilter: ["class", "style", "data-theme"],
        });
      })
      .catch(() => {
        if (!cancelled) setState("failed");
      });
    return () => {
      cancelled = true;
      onTheme.disconnect();
      surfer?.destroy();
    };
  }, [container, media, url]);
  return state;
}
