// Serves a stored file — an upload (until it expires) or a mirrored output (kept) — by its token:
// the Content-Type it was stored with, Content-Length, one byte range, caching for content that
// never changes, and headers that keep a browser from treating the bytes as anything but media.
// `?w=256|512|1024` serves an image's small WebP copy instead (made once, then stored), and
// `?download=<name>` asks the browser to save it under that name.
import "server-only";
import { z } from "zod";
import { parseByteRange } from "@/lib/http/byte-range";
import { attachmentDisposition, sanitizeDownloadName } from "@/lib/http/content-disposition";
import { notFound } from "@/lib/server/api-error";
import { findUpload, uploadExpiresAt, uploadStore } from "@/lib/server/uploads/upload-store";
import type { FileStore, StoredFile } from "./file-store";
import { getFileStore } from "./get-file-store";
import { findOrMakeThumbnail, thumbnailWidths, type ThumbnailWidth } from "./thumbnail";

const yearSeconds = 365 * 24 * 60 * 60;

// A download gets a name with the right extension; the token is the only name we have.
const extensions: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/avif": "avif",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
  "audio/wav": "wav",
  "audio/mpeg": "mp3",
  "audio/ogg": "ogg",
  "audio/flac": "flac",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
};

/** `GET /files/{token}`'s query: other parameters (a cache buster) are ignored. */
export const fileQuerySchema = z.object({
  w: z
    .enum(thumbnailWidths.map(String) as [string, ...string[]], {
      error: `must be one of ${thumbnailWidths.join(", ")}`,
    })
    .transform((w) => Number(w) as ThumbnailWidth)
    .optional(),
  download: z.string().max(1000, "must be at most 1000 characters").optional(),
});
export type FileQuery = z.infer<typeof fileQuerySchema>;

interface Found {
  file: StoredFile;
  store: FileStore;
  /** Uploads stop being served at their retention; outputs never do. */
  expiresAt?: number;
}

async function findStoredFile(token: string, now: number): Promise<Found | undefined> {
  const uploads = uploadStore();
  const upload = await findUpload(token, uploads, now);
  if (upload) {
    const { userId, ...rest } = upload;
    return {
      file: { ...rest, ownerId: userId },
      store: uploads,
      expiresAt: uploadExpiresAt(upload),
    };
  }
  const outputs = getFileStore("outputs");
  const output = await outputs.stat(token);
  return output && { file: output, store: outputs };
}

function cacheControl(expiresAt: number | undefined, now: number): string {
  const seconds =
    expiresAt === undefined
      ? yearSeconds
      : Math.max(0, Math.min(yearSeconds, Math.floor((expiresAt - now) / 1000)));
  return `public, max-age=${seconds}, immutable`;
}

/** Whether an If-None-Match header names this ETag (or is `*`). */
function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

/** The thumbnail in place of an image when one was asked for and can be made; else the file. */
async function withThumbnail(found: Found, width: ThumbnailWidth | undefined): Promise<Found> {
  if (width === undefined) return found;
  const thumbnail = await findOrMakeThumbnail(found.store, found.file, width);
  return thumbnail ? { ...found, file: thumbnail } : found;
}

function disposition(file: StoredFile, download: string | undefined): string {
  const extension = extensions[file.contentType];
  if (download !== undefined) {
    const fallback = extension ? `${file.token}.${extension}` : file.token;
    return attachmentDisposition(sanitizeDownloadName(download, extension) || fallback);
  }
  return extension ? `inline; filename="${file.token}.${extension}"` : "inline";
}

export async function serveStoredFile(
  req: Request,
  token: string,
  query: FileQuery = {},
): Promise<Response> {
  const now = Date.now();
  const stored = await findStoredFile(token, now);
  if (!stored) throw notFound("File");
  const found = await withThumbnail(stored, query.w);
  const { file, store } = found;
  // The token never names other bytes, so it is a strong validator.
  const etag = `"${file.token}"`;
  const base: Record<string, string> = {
    "Content-Type": file.contentType,
    "Content-Disposition": disposition(file, query.download),
    "Accept-Ranges": "bytes",
    "Cache-Control": cacheControl(found.expiresAt, now),
    ETag: etag,
    "Last-Modified": new Date(file.createdAt).toUTCString(),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Access-Control-Allow-Origin": "*",
  };
  if (matchesEtag(req.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers: base });
  }
  const range = parseByteRange(req.headers.get("range"), file.size);
  if (range.kind === "unsatisfiable") {
    return new Response(null, {
      status: 416,
      headers: { ...base, "Content-Range": `bytes */${file.size}` },
    });
  }
  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end : file.size - 1;
  const headers: Record<string, string> = { ...base, "Content-Length": String(end - start + 1) };
  if (range.kind === "partial") headers["Content-Range"] = `bytes ${start}-${end}/${file.size}`;
  const status = range.kind === "partial" ? 206 : 200;
  if (req.method === "HEAD" || file.size === 0) return new Response(null, { status, headers });
  let body: ReadableStream<Uint8Array> | undefined;
  try {
    body = await store.read(file.token, { start, end }, req.signal);
  } catch (error) {
    // The browser left (a thumbnail scrolled away, a page closed): nobody is there to answer.
    if (req.signal.aborted) return new Response(null, { status: 499 });
    throw error;
  }
  if (!body) throw notFound("File");
  // Gone while the store opened the file: the stream is cancelled already, and nobody would read it.
  if (req.signal.aborted) {
    void body.cancel().catch(() => {});
    return new Response(null, { status: 499 });
  }
  return new Response(body, { status, headers });
}
