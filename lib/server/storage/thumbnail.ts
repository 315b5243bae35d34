// Small WebP copies of stored images for grids (`/files/<token>?w=512`). Each is made once, with
// sharp, and kept in the same store as its original under a token derived from the original's, so
// every instance sharing the store finds it; it inherits the original's owner and creation time
// (an upload's thumbnail expires with the upload).
import "server-only";
import { createHash } from "node:crypto";
import { logger } from "@/lib/server/logger";
import { describeError, type FileStore, type StoredFile } from "./file-store";

/** The widths a thumbnail may be asked for: a fixed few, so the store holds at most three copies. */
export const thumbnailWidths = [256, 512, 1024] as const;
export type ThumbnailWidth = (typeof thumbnailWidths)[number];

export function isThumbnailWidth(value: number): value is ThumbnailWidth {
  return (thumbnailWidths as readonly number[]).includes(value);
}

// Formats sharp reads here; anything else (SVG is never stored, animated GIFs keep their first
// frame) is served as it is.
const resizable = new Set(["image/png", "image/jpeg", "image/webp", "image/avif", "image/gif"]);

/** Larger originals are served whole rather than decoded in memory for a thumbnail. */
const maxSourceBytes = 40 * 1024 * 1024;

export function canThumbnail(file: Pick<StoredFile, "contentType" | "size">): boolean {
  return resizable.has(file.contentType) && file.size > 0 && file.size <= maxSourceBytes;
}

/**
 * The thumbnail's token: a hash of the original's (unguessable as the original is, and it tells
 * nothing about it), in the same 43-character form. The version part changes with the encoding.
 */
export function thumbnailToken(token: string, width: ThumbnailWidth): string {
  return createHash("sha256").update(`thumbnail:v1:${width}:${token}`).digest("base64url");
}

/** Every thumbnail token an original may have, for whoever deletes the original. */
export function thumbnailTokens(token: string): string[] {
  return thumbnailWidths.map((width) => thumbnailToken(token, width));
}

/** Deletes an original's thumbnails (those never made are no error). */
export async function deleteThumbnails(store: FileStore, token: string): Promise<void> {
  await Promise.all(thumbnailTokens(token).map((derived) => store.delete(derived)));
}

async function readAll(store: FileStore, token: string): Promise<Buffer | undefined> {
  const body = await store.read(token);
  if (!body) return undefined;
  return Buffer.from(await new Response(body).arrayBuffer());
}

/** Resized to `width` at most (never enlarged), upright per EXIF, as WebP. */
export async function encodeThumbnail(source: Buffer, width: ThumbnailWidth): Promise<Buffer> {
  // Loaded on first use: an install without sharp's native binary still serves every file whole.
  const { default: sharp } = await import("sharp");
  return sharp(source, { limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .webp({ quality: 78, effort: 4 })
    .toBuffer();
}

async function makeThumbnail(
  store: FileStore,
  original: StoredFile,
  width: ThumbnailWidth,
  token: string,
): Promise<StoredFile | undefined> {
  const source = await readAll(store, original.token);
  if (!source) return undefined;
  let encoded: Buffer;
  try {
    encoded = await encodeThumbnail(source, width);
  } catch (error) {
    // Bytes that claim to be an image but do not decode: the original is served instead.
    logger.warn(`thumbnail of a stored ${original.contentType} failed: ${describeError(error)}`);
    return undefined;
  }
  return store.put(new Uint8Array(encoded), {
    token,
    contentType: "image/webp",
    ownerId: original.ownerId,
    createdAt: Date.parse(original.createdAt),
  });
}

// One encode per thumbnail at a time in this process: a grid asks for many at once, often twice.
const pending = new Map<string, Promise<StoredFile | undefined>>();

/**
 * The stored thumbnail of `original` at `width`, made now if it does not exist yet; undefined when
 * the original cannot be thumbnailed (the caller serves the original).
 */
export async function findOrMakeThumbnail(
  store: FileStore,
  original: StoredFile,
  width: ThumbnailWidth,
): Promise<StoredFile | undefined> {
  if (!canThumbnail(original)) return undefined;
  const token = thumbnailToken(original.token, width);
  const existing = await store.stat(token);
  if (existing) return existing;
  const running = pending.get(token);
  if (running) return running;
  const made = makeThumbnail(store, original, width, token).finally(() => pending.delete(token));
  pending.set(token, made);
  return made;
}
