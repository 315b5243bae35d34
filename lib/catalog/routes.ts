// The upstream routes that take a model body, with how each treats the `model` field (SPEC §0, §4).
import type { RouteId, RouteInfo } from "./types";

export const routes: Record<RouteId, RouteInfo> = {
  images: {
    id: "images",
    path: "/images/generations",
    label: "Image generation",
    modelField: "required",
  },
  videos: {
    id: "videos",
    path: "/videos/generations",
    label: "Video generation",
    modelField: "required",
  },
  music: { id: "music", path: "/audio/music", label: "Music", modelField: "required" },
  speech: { id: "speech", path: "/audio/speech", label: "Speech", modelField: "required" },
  // §0: remove-bg needs no `model`, while the model page's example sends "bg-remover": accept
  // both, send none.
  "remove-bg": {
    id: "remove-bg",
    path: "/images/tools/remove-bg",
    label: "Background removal",
    modelField: "optional",
  },
  // §0: `model` is required on every generation route but remove-bg; each tool's value is its slug.
  "face-swap": {
    id: "face-swap",
    path: "/images/tools/face-swap",
    label: "Face swap",
    modelField: "required",
  },
  upscale: {
    id: "upscale",
    path: "/images/tools/upscale",
    label: "Image upscale",
    modelField: "required",
  },
  "video-bg-remover": {
    id: "video-bg-remover",
    path: "/videos/tools/bg-remover",
    label: "Video background removal",
    modelField: "required",
  },
};
