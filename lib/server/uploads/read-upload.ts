// Reads the `file` field of a multipart upload without ever holding more than the size cap, and
// identifies it by its bytes.
import "server-only";
import { maxUploadBytes, type UploadContentType } from "@/lib/schemas/tasks";
import { ApiError, invalid } from "@/lib/server/api-error";
import { sniffLength, sniffMediaType } from "./sniff-media-type";

// Room for the multipart boundaries and part headers around the file.
const envelopeAllowance = 64 * 1024;

const tooLarge = () =>
  new ApiError(413, "invalid_request", `file: larger than ${maxUploadBytes / 1024 / 1024} MB`);

async function readCapped(req: Request, cap: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > cap) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

export interface UploadedFile {
  bytes: Uint8Array;
  contentType: UploadContentType;
}

export async function readUploadedFile(req: Request): Promise<UploadedFile> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw invalid("body: send multipart/form-data with the file in a field named `file`");
  }
  const raw = await readCapped(req, maxUploadBytes + envelopeAllowance);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "content-type": type } }).formData();
  } catch {
    throw invalid("body: not a readable multipart/form-data body");
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) throw invalid("file: required (a multipart field named `file`)");
  if (file.size === 0) throw invalid("file: empty");
  if (file.size > maxUploadBytes) throw tooLarge();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const contentType = sniffMediaType(bytes.subarray(0, sniffLength));
  if (!contentType) {
    throw new ApiError(
      415,
      "invalid_request",
      "file: not a supported image or video (PNG, JPEG, GIF, WebP, AVIF, MP4, MOV or WebM)",
    );
  }
  return { bytes, contentType };
}
