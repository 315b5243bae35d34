// Recognises an uploaded file by its first bytes, never by its name or declared type: only formats
// the upstream can read and a browser can show pass (no SVG: it can carry script).
import "server-only";
import type { UploadContentType } from "@/lib/schemas/tasks";

/** How many leading bytes sniffing needs. */
export const sniffLength = 64;

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

const mp4Brands = new Set([
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
  "mp41",
  "mp42",
  "avc1",
  "M4V ",
  "M4VP",
  "dash",
  "mmp4",
]);

/** ISO BMFF (`ftyp` box): AVIF images, QuickTime and MP4 video; audio-only brands are refused. */
function isoMediaType(bytes: Uint8Array): UploadContentType | undefined {
  if (ascii(bytes, 4, 4) !== "ftyp") return undefined;
  const boxSize = Math.min(
    ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
    bytes.length,
  );
  const major = ascii(bytes, 8, 4);
  const brands = [major];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, 4));
  if (brands.includes("avif") || brands.includes("avis")) return "image/avif";
  if (major === "qt  ") return "video/quicktime";
  if (major === "M4A " || major === "M4B ") return undefined;
  return brands.some((b) => mp4Brands.has(b)) ? "video/mp4" : undefined;
}

export function sniffMediaType(bytes: Uint8Array): UploadContentType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  const head = ascii(bytes, 0, 6);
  if (head === "GIF87a" || head === "GIF89a") return "image/gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  // EBML header whose DocType is "webm" (a general Matroska file is not accepted).
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    return ascii(bytes, 4, Math.min(bytes.length, sniffLength) - 4).includes("webm")
      ? "video/webm"
      : undefined;
  }
  return isoMediaType(bytes);
}
