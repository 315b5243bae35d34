// What files a task yields and how each is produced. Files are planned at creation (the status
// reply needs their URLs) and rendered on first download, then kept with the task.
import type { ModelEntry, RouteId } from "../catalog/types";
import { seedFrom } from "./hash";
import { encodePng } from "./media/png";
import { renderCutout, renderPortrait, renderScene, sizeForAspect } from "./media/pictures";
import { loadVideoAsset, videoAssetForAspect } from "./media/video-assets";
import { encodeWav, musicSampleRate, speechSampleRate, synthMusic, synthSpeech } from "./media/wav";

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

const defaultMusicSeconds = 24;

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

export function renderOutput(
  route: RouteId,
  modelValue: string,
  body: Record<string, unknown>,
  index: number,
): Buffer {
  switch (route) {
    case "images": {
      const { width, height } = sizeForAspect(
        typeof body.aspect_ratio === "string" ? body.aspect_ratio : "1:1",
      );
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
    case "videos":
      return loadVideoAsset(
        videoAssetForAspect(typeof body.aspect_ratio === "string" ? body.aspect_ratio : undefined),
      );
    case "video-bg-remover":
      return loadVideoAsset("video-cutout");
    case "music": {
      // No music model documents a length field (the catalog refuses `duration` there).
      const seconds = defaultMusicSeconds;
      const words = [body.prompt, body.gpt_description_prompt, body.style, body.title]
        .map(text)
        .join("|");
      const samples = synthMusic(
        seedFrom(modelValue, words, index),
        seconds,
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
