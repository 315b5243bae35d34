// Image models on POST /images/generations (SPEC §0, §9.1). Reference-image fields differ per
// model on purpose (§5.1): input_urls, image_urls, images, image + reference_images.
import { defineModel, isFilledString, isNonEmptyArray } from "./define-model";
import {
  aspectRatioParam,
  imageUrlParam,
  imageUrlsParam,
  promptParam,
  seedParam,
  selectParam,
  sliderParam,
  textParam,
} from "./params";
import { prices } from "./prices";
import { caps } from "./text";

// §0: every image prompt is 3–5000 characters.
const imagePrompt = () => promptParam({ min: 3, max: 5000 });

const imageSeconds = [3, 15] as const; // §6.5

function numImages(body: Readonly<Record<string, unknown>>): number {
  return typeof body.num_images === "number" ? body.num_images : 1;
}

export const flux2 = defineModel({
  slug: "flux-2",
  route: "images",
  label: "Flux 2",
  provider: "Black Forest Labs",
  modelValues: ["flux-2"],
  typicalSeconds: imageSeconds,
  output: "image",
  webhook: true,
  params: [
    imagePrompt(),
    // The page calls these three "examples only; full list not published".
    aspectRatioParam(["1:1", "16:9", "9:16"], "1:1", { uncertain: true }),
    selectParam("type", "Mode", ["pro", "flex"], {
      default: "pro",
      help: "Flex is billed higher than Pro despite being described as faster.",
    }),
    selectParam("resolution", "Resolution", ["1K", "2K"], { default: "1K" }),
    imageUrlsParam("input_urls", "Reference images", {
      maxItems: 8,
      help: "Up to 8 images for image-to-image.",
    }),
  ],
  price: prices["flux-2"],
});

export const seedream45 = defineModel({
  slug: "seedream-4-5",
  route: "images",
  label: "Seedream 4.5",
  provider: "ByteDance",
  modelValues: ["seedream/4.5-text-to-image", "seedream/4.5-edit"],
  modelValueLabels: ["Text to image", "Edit"],
  modelField: { label: "Mode", help: "Edit needs at least one source image." },
  typicalSeconds: imageSeconds,
  output: "image",
  webhook: true,
  params: [
    imagePrompt(),
    aspectRatioParam(["1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9"], "1:1"),
    selectParam("quality", "Quality", ["basic", "high"], { default: "basic" }),
    imageUrlsParam("image_urls", "Source images", {
      maxItems: caps.urlList,
      help: "Required in edit mode.",
    }),
  ],
  rules: [
    (b) =>
      b.model === "seedream/4.5-edit" && !isNonEmptyArray(b.image_urls)
        ? { field: "image_urls", message: "required for seedream/4.5-edit" }
        : undefined,
  ],
  price: prices["seedream-4-5"],
});

export const gptImage15 = defineModel({
  slug: "gpt-image-1.5-official",
  route: "images",
  label: "GPT Image 1.5",
  provider: "OpenAI",
  // The example request sends "gpt-image-1-5"; the card names the slug. Both are accepted.
  modelValues: ["gpt-image-1-5"],
  typicalSeconds: imageSeconds,
  output: "image",
  webhook: true,
  uncertain: true,
  params: [
    imagePrompt(),
    aspectRatioParam(["1:1", "2:3", "3:2"], "1:1"),
    selectParam("quality", "Quality", ["medium", "high"], { default: "medium" }),
    imageUrlsParam("input_urls", "Images to edit", {
      maxItems: caps.urlList,
      help: "Switches to editing mode.",
    }),
  ],
  price: prices["gpt-image-1.5-official"],
});

export const imagen4 = defineModel({
  slug: "imagen-4",
  route: "images",
  label: "Imagen 4",
  provider: "Google",
  modelValues: ["imagen4", "imagen4-fast", "imagen4-ultra"],
  modelValueLabels: ["Standard", "Fast", "Ultra"],
  modelField: { label: "Tier" },
  typicalSeconds: imageSeconds,
  output: "image",
  webhook: true,
  params: [
    imagePrompt(),
    aspectRatioParam(["1:1", "4:3", "3:4", "16:9", "9:16"], "1:1"),
    textParam("negative_prompt", "Negative prompt", {
      max: caps.freeText,
      multiline: true,
      help: "What the image should not contain.",
    }),
    // No bound is published; 1–4 is what Google's Imagen API allows.
    sliderParam("num_images", "Images", {
      min: 1,
      max: 4,
      step: 1,
      integer: true,
      default: 1,
      uncertain: true,
    }),
    seedParam({ help: "Same seed and prompt, similar image." }),
  ],
  price: prices["imagen-4"],
  outputCount: numImages,
});

export const grokImagine = defineModel({
  slug: "grok-imagine",
  route: "images",
  label: "Grok Imagine",
  provider: "xAI",
  modelValues: ["grok-imagine/text-to-image", "grok-imagine/upscale"],
  modelValueLabels: ["Text to image", "Upscale"],
  modelField: { label: "Mode" },
  typicalSeconds: imageSeconds,
  output: "image",
  webhook: true,
  params: [
    imagePrompt(),
    // Upscale has to name what it upscales; the docs describe the field but not that it is required.
    textParam("task_id", "Image task id", {
      max: caps.id,
      help: "Upscale mode: the task id of an image generated earlier.",
      uncertain: true,
    }),
  ],
  rules: [
    (b) =>
      b.model === "grok-imagine/upscale" && !isFilledString(b.task_id)
        ? { field: "task_id", message: "required for grok-imagine/upscale" }
        : undefined,
  ],
  price: prices["grok-imagine"],
});

export const klingImageO1 = defineModel({
  slug: "kling-image-o1",
  route: "images",
  label: "Kling Image O1",
  provider: "Kuaishou",
  modelValues: ["kling-image-o1"],
  typicalSeconds: [5, 15],
  output: "image",
  webhook: false,
  params: [
    imagePrompt(),
    selectParam("type", "Mode", ["image-to-image", "ai-multi-shot"], {
      default: "image-to-image",
      help: "Multi-shot keeps a character consistent across images.",
    }),
    imageUrlsParam("images", "Reference images", { maxItems: 10 }),
    aspectRatioParam(["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9", "auto"], "1:1"),
    // Lower-case k here, unlike flux-2's 1K/2K (§12.13).
    selectParam("resolution", "Resolution", ["1k", "2k"], { default: "1k" }),
    sliderParam("num_images", "Images", { min: 1, max: 9, step: 1, integer: true, default: 1 }),
  ],
  price: prices["kling-image-o1"],
  outputCount: numImages,
});

export const ideogramV3 = defineModel({
  slug: "ideogram-v3",
  route: "images",
  label: "Ideogram V3",
  provider: "Ideogram",
  modelValues: ["ideogram-v3-turbo", "ideogram-v3-balanced", "ideogram-v3-quality"],
  modelValueLabels: ["Turbo", "Balanced", "Quality"],
  modelField: { label: "Tier" },
  typicalSeconds: imageSeconds,
  output: "image",
  webhook: false,
  params: [
    imagePrompt(),
    aspectRatioParam(["1:1", "16:9", "9:16", "4:3", "3:4"], "1:1"),
    selectParam("style", "Style", ["Auto", "General", "Realistic", "Design"], { default: "Auto" }),
    imageUrlParam("image", "Image to edit"),
    imageUrlParam("mask_image", "Mask", { help: "Inpainting: the area of the image to repaint." }),
    imageUrlsParam("reference_images", "Style references", { maxItems: caps.urlList }),
  ],
  price: prices["ideogram-v3"],
});

export const imageModels = [
  flux2,
  seedream45,
  gptImage15,
  imagen4,
  grokImagine,
  klingImageO1,
  ideogramV3,
] as const;
