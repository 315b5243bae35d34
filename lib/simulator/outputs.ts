// What files a task yields and how each is produced. Files are planned at creation (the status
// reply needs their URLs) and rendered on first download. Rendering is a pure function of what a
// task stores (RenderSource), so a restarted simulator serves the very same bytes.
import type { ModelEntry, RouteId } from "../catalog/types";
import { seedFrom } from "./hash";
import { encodePng } from "./media/png";
import { renderCutout, renderPortrait, renderScene } from "./media/pictures";
import { loadVideoAsset, videoAssetForAspect } from "./media/video-assets";
import { encodeWav, musicSampleRate, speechSampleRate, synthMusic, synthSpeech } from "./media/wav";
import { loopWebm, parseWebm } from "./media/webm";
import { imageSize, musicSeconds, videoSeconds } from "./output-sizes";

export type OutputExt = "png" | "wav" | "webm";

export const contentTypes: Record<OutputExt, string> = {
  png: "image/png",
  wav: "audio/wav",
  webm: "video/webm",
};

export interface OutputPlan {
  count: number;
  ext: OutputExt;
}

export function planOutputs(
  route: RouteId,
  model: ModelEntry,
  body: Record<string, unknown>,
): OutputPlan {
  // Face-swap may ask for jpeg/webp; we only encode PNG and say so honestly in the extension.
  const ext: OutputExt =
    model.output === "image" ? "png" : model.output === "audio" ? "wav" : "webm";
  const single =
    route === "remove-bg" ||
    route === "face-swap" ||
    route === "upscale" ||
    route === "video-bg-remover";
  const count = single ? 1 : Math.max(1, Math.min(10, Math.floor(model.outputCount(body)) || 1));
  return { count, ext };
}

function text(value: unknown): string {
  return typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
}

function speechLines(body: Record<string, unknown>): { text: string; voice: string }[] {
  const dialogue = Array.isArray(body.dialogue) ? body.dialogue : [];
  const lines = dialogue.flatMap((item: unknown) => {
    if (typeof item !== "object" || item === null) return [];
    const record = item as Record<string, unknown>;
    return typeof record.text === "string"
      ? [{ text: record.text, voice: typeof record.voice === "string" ? record.voice : "default" }]
      : [];
  });
  const fallback = text(body.text ?? body.prompt);
  return lines.length > 0
    ? lines
    : [{ text: fallback || "Hello from the simulator.", voice: "default" }];
}

/** The words a song is made from: its tune and its length follow them. */
export function musicWords(body: Record<string, unknown>): string {
  return [body.prompt, body.gpt_description_prompt, body.style, body.title].map(text).join("|");
}

/** What a file is rendered from: everything stored with a task, so a restart renders the same. */
export interface RenderSource {
  route: RouteId;
  modelSlug: string;
  /** The `model` value as sent (tiers of one model render differently). */
  modelValue: string;
  /** The body with the model's defaults applied. */
  params: Record<string, unknown>;
}

export function renderOutput(source: RenderSource, index: number): Buffer {
  const { route, modelSlug, modelValue, params: body } = source;
  switch (route) {
    case "images": {
      const { width, height } = imageSize(modelSlug, body);
      const seed = seedFrom(modelValue, text(body.prompt), text(body.seed ?? 0), index);
      return encodePng(renderScene(width, height, seed));
    }
    case "upscale":
      return encodePng(renderScene(1024, 1024, seedFrom("upscale", text(body.image))));
    case "remove-bg":
      return encodePng(renderCutout(512, seedFrom("remove-bg", text(body.image))));
    case "face-swap": {
      const seed = seedFrom(
        "face-swap",
        text(body.image),
        text(body.face_image),
        text(body.target_index ?? 0),
      );
      return encodePng(renderPortrait(512, seed));
    }
    case "videos": {
      const clip = loadVideoAsset(
        videoAssetForAspect(typeof body.aspect_ratio === "string" ? body.aspect_ratio : undefined),
      );
      return loopWebm(parseWebm(clip), videoSeconds(modelSlug, body));
    }
    case "video-bg-remover":
      // The input video's length is unknown here (nothing is downloaded): the clip as it is.
      return loadVideoAsset("video-cutout");
    case "music": {
      const words = musicWords(body);
      const samples = synthMusic(
        seedFrom(modelValue, words, index),
        musicSeconds(modelSlug, modelValue, body, index, words),
        body.make_instrumental === true,
      );
      return encodeWav(samples, musicSampleRate);
    }
    case "speech": {
      const lines = speechLines(body);
      return encodeWav(
        synthSpeech(lines, seedFrom(modelValue, JSON.stringify(lines), index)),
        speechSampleRate,
      );
    }
  }
}
