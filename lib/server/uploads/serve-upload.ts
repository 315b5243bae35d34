// Serves a stored upload: exact Content-Type, Content-Length, one byte range, and headers that
// keep a browser from treating the bytes as anything but media.
import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import { parseByteRange } from "@/lib/http/byte-range";
import { notFound } from "@/lib/server/api-error";
import { findUpload } from "./upload-store";

export async function serveUpload(req: Request, token: string, dir?: string): Promise<Response> {
  const upload = await findUpload(token, dir);
  if (!upload) throw notFound("File");
  const base: Record<string, string> = {
    "Content-Type": upload.contentType,
    "Accept-Ranges": "bytes",
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Access-Control-Allow-Origin": "*",
  };
  const range = parseByteRange(req.headers.get("range"), upload.size);
  if (range.kind === "unsatisfiable") {
    return new Response(null, {
      status: 416,
      headers: { ...base, "Content-Range": `bytes */${upload.size}` },
    });
  }
  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end : upload.size - 1;
  const headers: Record<string, string> = { ...base, "Content-Length": String(end - start + 1) };
  if (range.kind === "partial") headers["Content-Range"] = `bytes ${start}-${end}/${upload.size}`;
  const status = range.kind === "partial" ? 206 : 200;
  if (req.method === "HEAD" || upload.size === 0) return new Response(null, { status, headers });
  const stream = Readable.toWeb(fs.createReadStream(upload.file, { start, end }));
  return new Response(stream as ReadableStream<Uint8Array>, { status, headers });
}
