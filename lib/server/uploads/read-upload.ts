// Reads the `file` field of a multipart upload without ever holding more than the size cap, and
// identifies it by its bytes.
import "server-only";
import { maxUploadBytes, type UploadContentType } from "@/lib/schemas/tasks";
import { ApiError, invalid } from "@/lib/server/api-error";
import { readBoundedBytes } from "@/lib/server/read-body";
import { sniffLength, sniffMediaType } from "./sniff-media-type";

// Room for the multipart boundaries and part headers around the file.
const envelopeAllowance = 64 * 1024;

const tooLarge = () =>
  new ApiError(413, "invalid_request", `file: larger than ${maxUploadBytes / 1024 / 1024} MB`, {
    param: "file",
  });

async function readCapped(req: Request, cap: number): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return (await readBoundedBytes(req, cap)) as Uint8Array<ArrayBuffer>;
  } catch (err) {
    throw err instanceof ApiError && err.status === 413 ? tooLarge() : err;
  }
}

export interface UploadedFile {
  bytes: Uint8Array;
  contentType: UploadContentType;
}

export async function readUploadedFile(req: Request): Promise<UploadedFile> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw invalid("body: send multipart/form-data with the file in a field named `file`", "body");
  }
  const raw = await readCapped(req, maxUploadBytes + envelopeAllowance);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "content-type": type } }).formData();
  } catch {
    throw invalid("body: not a readable multipart/form-data body", "body");
  }
  const file = form.get("file");
  if (!(file instanceof Blob))
    throw invalid("file: required (a multipart field named `file`)", "file");
  if (file.size === 0) throw invalid("file: empty", "file");
  if (file.size > maxUploadBytes) throw tooLarge();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const contentType = sniffMediaType(bytes.subarray(0, sniffLength));
  if (!contentType) {
    throw new ApiError(
      415,
      "invalid_request",
      "file: not a supported image or video (PNG, JPEG, GIF, WebP, AVIF, MP4, MOV or WebM)",
      { param: "file" },
    );
  }
  return { bytes, contentType };
}
