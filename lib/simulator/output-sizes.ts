// How big or long an output is, as the request implies it: pixel size from aspect_ratio and the
// model's resolution field, a video's `duration`, a song's length. Real models' typical outputs,
// kept within what renders fast (see maxImageSide).
import { fractionFrom } from "./hash";
import { sizeForAspect } from "./media/pictures";

/**
 * Long side cap. Measured: a 2048×2048 picture takes about 0.3 s to draw and 0.15 s to encode;
 * 4096 would take four times that on the request path, for pixels nobody inspects.
 */
export const maxImageSide = 2048;

export interface Size {
  width: number;
  height: number;
}

function aspectOf(params: Record<string, unknown>, fallback = "1:1"): string {
  const aspect = params.aspect_ratio;
  return typeof aspect === "string" && aspect !== "auto" ? aspect : fallback;
}

/** Published sizes per aspect ratio, where the provider lists exact ones. */
const exactSizes: Record<string, Record<string, Size>> = {
  // OpenAI's three sizes.
  "gpt-image-1.5-official": {
    "1:1": { width: 1024, height: 1024 },
    "2:3": { width: 1024, height: 1536 },
    "3:2": { width: 1536, height: 1024 },
  },
  // Google's Imagen 4 sizes.
  "imagen-4": {
    "1:1": { width: 1024, height: 1024 },
    "3:4": { width: 896, height: 1280 },
    "4:3": { width: 1280, height: 896 },
    "9:16": { width: 768, height: 1408 },
    "16:9": { width: 1408, height: 768 },
  },
  // Ideogram's default resolution for each ratio.
  "ideogram-v3": {
    "1:1": { width: 1024, height: 1024 },
    "3:4": { width: 864, height: 1152 },
    "4:3": { width: 1152, height: 864 },
    "9:16": { width: 736, height: 1312 },
    "16:9": { width: 1312, height: 736 },
  },
};

/** Long side from a "1K"/"2K" style resolution field; null when the field says nothing. */
function longSideOf(resolution: unknown): number | null {
  const match = typeof resolution === "string" ? /^(\d)k$/i.exec(resolution) : null;
  return match ? Number(match[1]) * 1024 : null;
}

function capped({ width, height }: Size): Size {
  const k = Math.min(1, maxImageSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** The pixel size of an image-generation output (params have the model's defaults applied). */
export function imageSize(modelSlug: string, params: Record<string, unknown>): Size {
  const aspect = aspectOf(params);
  const exact = exactSizes[modelSlug]?.[aspect];
  if (exact) return capped(exact);
  switch (modelSlug) {
    case "seedream-4-5":
      // Seedream 4.5 renders 2K at basic quality and 4K at high (over the cap: both 2048).
      return capped(sizeForAspect(aspect, params.quality === "high" ? 4096 : 2048));
    case "grok-imagine":
      // xAI's images are 4:3 at 1024 wide; upscale mode doubles an earlier one.
      return capped(
        params.model === "grok-imagine/upscale"
          ? { width: 2048, height: 1536 }
          : { width: 1024, height: 768 },
      );
    default:
      // flux-2 (1K/2K) and kling-image-o1 (1k/2k) name the long side; others are 1024.
      return capped(sizeForAspect(aspect, longSideOf(params.resolution) ?? 1024));
  }
}

function seconds(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" ? parseFloat(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Videos last 1–60 s whatever a body says (wan-2-6 takes any string). */
function clampVideo(value: number): number {
  return Math.min(60, Math.max(1, value));
}

/** Seconds of a generated video: the request's `duration`, else the model's fixed length. */
export function videoSeconds(modelSlug: string, params: Record<string, unknown>): number {
  if (
    modelSlug === "kling-3" &&
    params.multi_shots === true &&
    Array.isArray(params.multi_prompt)
  ) {
    // Multi-shot: the shots play one after another.
    const total = params.multi_prompt.reduce<number>((sum, shot: unknown) => {
      const value =
        typeof shot === "object" && shot !== null ? (shot as Record<string, unknown>).duration : 0;
      return sum + (seconds(value) ?? 0);
    }, 0);
    if (total > 0) return clampVideo(total);
  }
  const asked = seconds(params.duration);
  if (asked !== null) return clampVideo(asked);
  // No duration field: Grok Imagine makes 6 s clips, PixVerse and the rest 5 s.
  return modelSlug === "grok-video" ? 6 : 5;
}

/**
 * Seconds of a song. No music model takes a length, so it follows the request the way the real
 * ones do: sung lyrics set the length (about 0.6 s a word, plus intro and outro), a description
 * or an instrumental gets a typical 1.5–2.5 minutes; MiniMax Music is shorter (30–60 s). Each
 * of Suno's two clips has its own length, as on Suno.
 */
export function musicSeconds(
  modelSlug: string,
  modelValue: string,
  params: Record<string, unknown>,
  index: number,
  words: string,
): number {
  const spread = fractionFrom("music-length", modelValue, words, index);
  if (modelSlug === "minimax-music") return Math.round(30 + spread * 30);
  const lyrics = typeof params.prompt === "string" ? params.prompt : "";
  if (lyrics.trim() !== "" && params.make_instrumental !== true) {
    const count = lyrics.split(/\s+/).filter(Boolean).length;
    return Math.round(Math.min(240, Math.max(60, 25 + count * 0.6 + spread * 10)));
  }
  return Math.round(90 + spread * 60);
}
