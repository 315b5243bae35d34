// Tool models (SPEC §0, §9.6): one model per route. `model` is required and is the tool's slug,
// except on remove-bg, which needs none (its slug is tolerated).
import { defineModel } from "./define-model";
import { imageUrlParam, selectParam, sliderParam, videoUrlParam } from "./params";
import { prices } from "./prices";

const toolSeconds = [3, 8] as const; // §9.6 face-swap; the other image tools are as quick

export const bgRemover = defineModel({
  slug: "bg-remover",
  route: "remove-bg",
  label: "Background Remover",
  provider: "API in One",
  modelValues: [],
  typicalSeconds: toolSeconds,
  output: "image",
  webhook: false,
  params: [imageUrlParam("image", "Image", { required: true })],
  price: prices["bg-remover"],
});

export const faceSwap = defineModel({
  slug: "face-swap",
  route: "face-swap",
  label: "Face Swap",
  provider: "WaveSpeed",
  modelValues: ["face-swap"],
  typicalSeconds: toolSeconds,
  output: "image",
  webhook: false,
  params: [
    imageUrlParam("image", "Target image", {
      required: true,
      help: "The scene that gets the face.",
    }),
    imageUrlParam("face_image", "Face", { required: true, help: "The face to put in." }),
    sliderParam("target_index", "Target face", {
      min: 0,
      max: 10,
      step: 1,
      integer: true,
      default: 0,
      help: "Which face to replace when the target has several (0 = first).",
    }),
    // §0: jpeg/png/webp, default jpeg; the model page: png/jpg/webp, default png. Accept the union,
    // default to §0's.
    selectParam("output_format", "Output format", ["jpeg", "jpg", "png", "webp"], {
      default: "jpeg",
      uncertain: true,
    }),
  ],
  price: prices["face-swap"],
});

export const imageUpscale = defineModel({
  slug: "image-upscale",
  route: "upscale",
  label: "Image Upscale",
  provider: "API in One",
  modelValues: ["image-upscale"],
  typicalSeconds: toolSeconds,
  output: "image",
  webhook: true,
  params: [imageUrlParam("image", "Image", { required: true, help: "Upscaled up to 4x." })],
  price: prices["image-upscale"],
});

export const videoBgRemover = defineModel({
  slug: "video-bg-remover",
  route: "video-bg-remover",
  label: "Video Background Remover",
  provider: "API in One",
  modelValues: ["video-bg-remover"],
  typicalSeconds: [30, 90],
  output: "video",
  webhook: false,
  uncertain: true,
  params: [
    videoUrlParam("video", "Video", { required: true }),
    imageUrlParam("background_image", "New background", {
      help: "Optional image to put behind the subject.",
    }),
  ],
  price: prices["video-bg-remover"],
});

export const toolModels = [bgRemover, faceSwap, imageUpscale, videoBgRemover] as const;
