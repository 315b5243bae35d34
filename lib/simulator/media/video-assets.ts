// Videos are not synthesised at runtime: four tiny VP8 WebM clips were made once with ffmpeg
// (commands in ../README.md) and are served as they are.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type VideoAsset = "video-16x9" | "video-9x16" | "video-1x1" | "video-cutout";

function assetsDir(): string {
  // Next bundles server code away from its source, so fall back to the repo layout.
  const candidates = [
    path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "assets"),
    path.join(process.cwd(), "lib", "simulator", "assets"),
  ];
  return (
    candidates.find((dir) => existsSync(path.join(dir, "video-1x1.webm"))) ?? candidates[0] ?? ""
  );
}

const cache = new Map<VideoAsset, Buffer>();

export function loadVideoAsset(name: VideoAsset): Buffer {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(path.join(assetsDir(), `${name}.webm`));
    cache.set(name, bytes);
  }
  return bytes;
}

/** The committed clip closest to an aspect ratio such as "4:3". */
export function videoAssetForAspect(aspect: string | undefined): VideoAsset {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(aspect ?? "16:9");
  const ratio = match ? Number(match[1]) / Number(match[2]) : 16 / 9;
  if (!Number.isFinite(ratio) || ratio > 1.2) return "video-16x9";
  return ratio < 0.83 ? "video-9x16" : "video-1x1";
}
