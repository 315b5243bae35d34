// The smallest body each model accepts, shared by the catalog tests (and handy for simulator tests).
import type { RouteId } from "./types";

export const img = "https://cdn.example.com/in.png";
export const vid = "https://cdn.example.com/in.mp4";

export const minimalBodies: Record<string, { route: RouteId; body: Record<string, unknown> }> = {
  "flux-2": { route: "images", body: { model: "flux-2", prompt: "a red fox" } },
  "seedream-4-5": {
    route: "images",
    body: { model: "seedream/4.5-text-to-image", prompt: "a red fox" },
  },
  "gpt-image-1.5-official": {
    route: "images",
    body: { model: "gpt-image-1-5", prompt: "a red fox" },
  },
  "imagen-4": { route: "images", body: { model: "imagen4", prompt: "a red fox" } },
  "grok-imagine": {
    route: "images",
    body: { model: "grok-imagine/text-to-image", prompt: "a red fox" },
  },
  "kling-image-o1": { route: "images", body: { model: "kling-image-o1", prompt: "a red fox" } },
  "ideogram-v3": { route: "images", body: { model: "ideogram-v3-turbo", prompt: "a red fox" } },
  "kling-3": { route: "videos", body: { model: "kling-3", prompt: "a fox runs" } },
  "seedance-1-5-pro": {
    route: "videos",
    body: { model: "seedance-1-5-pro", prompt: "a fox runs" },
  },
  "hailuo-2-3": {
    route: "videos",
    body: { model: "hailuo/2-3-image-to-video-standard", prompt: "a fox runs", image: img },
  },
  "grok-video": {
    route: "videos",
    body: { model: "grok-imagine/text-to-video", prompt: "a fox runs" },
  },
  "wan-2-6": { route: "videos", body: { model: "wan-2-6", prompt: "a fox runs" } },
  pixverse: { route: "videos", body: { model: "pixverse", prompt: "a fox runs" } },
  suno: { route: "music", body: { model: "chirp-v3-5", gpt_description_prompt: "a sea shanty" } },
  "minimax-music": { route: "music", body: { model: "minimax-music", prompt: "calm lo-fi piano" } },
  "elevenlabs-v3": {
    route: "speech",
    body: { model: "elevenlabs-v3", dialogue: [{ text: "Hi." }] },
  },
  "bg-remover": { route: "remove-bg", body: { image: img } },
  "face-swap": { route: "face-swap", body: { model: "face-swap", image: img, face_image: img } },
  "image-upscale": { route: "upscale", body: { model: "image-upscale", image: img } },
  "video-bg-remover": {
    route: "video-bg-remover",
    body: { model: "video-bg-remover", video: vid },
  },
};
