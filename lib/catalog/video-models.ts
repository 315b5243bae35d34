// Video models on POST /videos/generations (SPEC §0, §9.2). Watch the type drift (§12.13):
// kling-3 takes `duration` as a number, seedance and hailuo as a string; seedance is camelCase.
import { z } from "zod";
import { defineModel, isFilledString, isNonEmptyArray } from "./define-model";
import {
  aspectRatioParam,
  imageUrlParam,
  imageUrlsParam,
  passthroughParam,
  promptParam,
  selectParam,
  sliderParam,
  switchParam,
} from "./params";
import { prices } from "./prices";
import { caps, textSchema } from "./text";

// §0: "≤2500 chars for most" video models. No video page states a minimum; the only published
// prompt minimum is 3 characters (§0, §5.1: "3–5000 chars", per model "limits vary"). We hold
// video prompts to it too: one or two characters describe no video, and a run costs up to 1200
// credits. Forms show it and every route refuses below it (the same schema).
const videoPromptMax = 2500;
export const videoPromptMin = 3;
const klingMaxSeconds = 15;

// One shot of a kling-3 multi-shot video: its own prompt and length. No shot outlasts the video.
const klingShot = z.strictObject({
  prompt: textSchema({ kind: "multiline", min: 1, max: videoPromptMax, notBlank: true }),
  duration: z.number().positive().max(klingMaxSeconds),
});

export const kling3 = defineModel({
  slug: "kling-3",
  route: "videos",
  label: "Kling 3.0",
  provider: "Kuaishou",
  modelValues: ["kling-3"],
  typicalSeconds: [60, 180],
  output: "video",
  webhook: true,
  params: [
    promptParam({
      min: videoPromptMin,
      max: videoPromptMax,
      required: false,
    }),
    imageUrlParam("image", "Start image", { help: "Turns this into image-to-video." }),
    selectParam("mode", "Mode", ["std", "pro"], { default: "std" }),
    sliderParam("duration", "Duration (s)", {
      min: 3,
      max: klingMaxSeconds,
      step: 1,
      integer: true,
      default: 5,
    }),
    aspectRatioParam(["1:1", "9:16", "16:9"], "16:9"),
    switchParam("sound", "Sound", { default: true }),
    passthroughParam("multi_shots", { type: "boolean" }),
    // Caps of ours: the docs give no shot count or element limits.
    passthroughParam("multi_prompt", { type: "list", item: klingShot, maxItems: 20 }),
    // Kling "creative elements": the inner shape is not documented, so any JSON within caps.
    passthroughParam("kling_elements", { type: "json-array", maxItems: 20, maxChars: 20_000 }),
  ],
  rules: [
    (b) =>
      b.multi_shots !== true && !isFilledString(b.prompt)
        ? {
            field: "prompt",
            message: "required unless multi_shots is on",
            hint: "Describe the video you want.",
          }
        : undefined,
    // Multi-shot mode still has to be told what to film somewhere.
    (b) =>
      b.multi_shots === true && !isFilledString(b.prompt) && !isNonEmptyArray(b.multi_prompt)
        ? {
            field: "multi_prompt",
            message: "required when multi_shots is on and there is no prompt",
          }
        : undefined,
  ],
  price: prices["kling-3"],
});

export const seedance15Pro = defineModel({
  slug: "seedance-1-5-pro",
  route: "videos",
  label: "Seedance 1.5 Pro",
  provider: "ByteDance",
  modelValues: ["seedance-1-5-pro"],
  typicalSeconds: [60, 120],
  output: "video",
  webhook: true,
  params: [
    promptParam({ min: videoPromptMin, max: videoPromptMax }),
    imageUrlParam("image", "Reference image", { help: "Turns this into image-to-video." }),
    aspectRatioParam(["16:9", "9:16", "4:3", "3:4", "1:1"], "16:9"),
    // Defaults differ between page generations (§12.12): newer 720p / "8", older 480p / "4".
    selectParam("resolution", "Resolution", ["480p", "720p"], { default: "720p", uncertain: true }),
    selectParam("duration", "Duration (s)", ["4", "8", "12"], {
      default: "8",
      uncertain: true,
      help: 'Sent as a string ("8"), not a number.',
    }),
    switchParam("generateAudio", "Generate audio", { default: false, help: "Doubles the price." }),
    switchParam("fixedLens", "Fixed lens", { default: false, help: "Locks the camera in place." }),
  ],
  price: prices["seedance-1-5-pro"],
});

export const hailuo23 = defineModel({
  slug: "hailuo-2-3",
  route: "videos",
  label: "Hailuo 2.3",
  provider: "MiniMax",
  // The example body sends the slug "hailuo-2-3"; it reads as the standard tier.
  modelValues: ["hailuo/2-3-image-to-video-standard", "hailuo/2-3-image-to-video-pro"],
  modelValueLabels: ["Standard", "Pro"],
  modelField: { label: "Tier" },
  typicalSeconds: [60, 120],
  output: "video",
  webhook: true,
  params: [
    promptParam({ min: videoPromptMin, max: videoPromptMax }),
    imageUrlParam("image", "Start image", {
      required: true,
      help: "Hailuo 2.3 is image-to-video only.",
    }),
    selectParam("duration", "Duration (s)", ["6", "10"], {
      default: "6",
      uncertain: true,
      help: 'Sent as a string ("6"), not a number. 1080P is 6 s only.',
    }),
    // Upper-case P here, unlike seedance's 480p/720p (§12.13).
    selectParam("resolution", "Resolution", ["768P", "1080P"], { default: "768P" }),
  ],
  rules: [
    // Not in the API in One pages; MiniMax offers 1080P at 6 s only, and the price table has no
    // 1080P/10 s entry.
    (b) =>
      b.resolution === "1080P" && b.duration === "10"
        ? { field: "duration", message: '1080P supports only "6"' }
        : undefined,
  ],
  price: prices["hailuo-2-3"],
});

const grokImageToVideo = "grok-imagine/image-to-video";

function isGrokImageToVideo(body: Readonly<Record<string, unknown>>): boolean {
  // A bare "grok-video" slug with images can only mean image-to-video.
  return (
    body.model === grokImageToVideo ||
    (body.model === "grok-video" && isNonEmptyArray(body.image_urls))
  );
}

export const grokVideo = defineModel({
  slug: "grok-video",
  route: "videos",
  label: "Grok Video",
  provider: "xAI",
  modelValues: ["grok-imagine/text-to-video", grokImageToVideo],
  modelValueLabels: ["Text to video", "Image to video"],
  modelField: { label: "Mode" },
  typicalSeconds: [30, 60],
  output: "video",
  webhook: true,
  params: [
    promptParam({
      min: videoPromptMin,
      max: 5000,
      required: false,
      help: "Needed unless you give start images.",
    }),
    imageUrlsParam("image_urls", "Start images", {
      maxItems: caps.urlList,
      help: "Required for image-to-video.",
    }),
  ],
  rules: [
    (b) =>
      !isGrokImageToVideo(b) && !isFilledString(b.prompt)
        ? {
            field: "prompt",
            message: "required for text-to-video",
            hint: "Describe the video, or switch to Image to video and add start images.",
          }
        : undefined,
    (b) =>
      b.model === grokImageToVideo && !isNonEmptyArray(b.image_urls)
        ? {
            field: "image_urls",
            message: `required for ${grokImageToVideo}`,
            hint: "Add at least one start image.",
          }
        : undefined,
  ],
  price: prices["grok-video"],
});

export const wan26 = defineModel({
  slug: "wan-2-6",
  route: "videos",
  label: "Wan 2.6",
  provider: "Alibaba",
  modelValues: ["wan-2-6"],
  typicalSeconds: [60, 180],
  output: "video",
  webhook: false,
  uncertain: true,
  // Only the slug and price are known; offer the route's generic fields (§0) and check the
  // generic ones' types and sizes without guessing their values.
  params: [
    promptParam({ min: videoPromptMin, max: videoPromptMax, uncertain: true }),
    imageUrlParam("image", "Start image", { uncertain: true }),
    passthroughParam("aspect_ratio", { type: "text", kind: "single-line", max: caps.token }),
    passthroughParam("resolution", { type: "text", kind: "single-line", max: caps.token }),
    passthroughParam("duration", {
      type: "text-or-number",
      min: 0,
      maxNumber: 60,
      max: caps.token,
    }),
  ],
  price: prices["wan-2-6"],
});

export const pixverse = defineModel({
  slug: "pixverse",
  route: "videos",
  label: "PixVerse",
  provider: "PixVerse",
  modelValues: ["pixverse"],
  typicalSeconds: [60, 120],
  output: "video",
  webhook: false,
  uncertain: true,
  params: [
    promptParam({ min: videoPromptMin, max: videoPromptMax }),
    imageUrlParam("image", "Start image", { help: "Turns this into image-to-video." }),
    switchParam("generate_audio_switch", "Generate audio", { default: false }),
  ],
  price: prices.pixverse,
});

export const videoModels = [kling3, seedance15Pro, hailuo23, grokVideo, wan26, pixverse] as const;
