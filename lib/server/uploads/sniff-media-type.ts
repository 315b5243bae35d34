// Recognises a file by its first bytes, never by its name or declared type: only formats the
// upstream can read and a browser can show pass (no SVG: it can carry script). Uploads may be images
// and videos; mirrored outputs may also be audio.
import "server-only";
import type { UploadContentType } from "@/lib/schemas/tasks";

export const audioContentTypes = [
  "audio/wav",
  "audio/mpeg",
  "audio/ogg",
  "audio/flac",
  "audio/mp4",
  "audio/aac",
] as const;
export type AudioContentType = (typeof audioContentTypes)[number];
/** What an output may be: every upload type, plus audio. */
export type MediaContentType = UploadContentType | AudioContentType;

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

/** ISO BMFF (`ftyp` box): AVIF images, QuickTime and MP4 video, M4A/M4B audio. */
function isoMediaType(bytes: Uint8Array): MediaContentType | undefined {
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
  if (major === "M4A " || major === "M4B ") return "audio/mp4";
  return brands.some((b) => mp4Brands.has(b)) ? "video/mp4" : undefined;
}

/** MPEG audio frame header: MP3 (layer III) and its layer I/II siblings, or ADTS (AAC). */
function mpegAudioType(bytes: Uint8Array): AudioContentType | undefined {
  const [b0, b1 = 0, b2 = 0] = bytes;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  // ADTS: layer bits 00; a reserved sampling index (13–15) is not a stream.
  if (layer === 0) return (b1 & 0xf6) === 0xf0 && ((b2 >> 2) & 0xf) < 13 ? "audio/aac" : undefined;
  const bitrate = b2 >> 4;
  const sampling = (b2 >> 2) & 0b11;
  if (version === 0b01 || bitrate === 0xf || sampling === 0b11) return undefined;
  return "audio/mpeg";
}

/** The first packet of an Ogg stream names its codec: audio ones only. */
function oggAudioType(bytes: Uint8Array): AudioContentType | undefined {
  const segments = bytes[26] ?? 0;
  const packet = ascii(bytes, 27 + segments, 8);
  return packet.startsWith("\x01vorbis") ||
    packet.startsWith("OpusHead") ||
    packet.startsWith("\x7fFLAC") ||
    packet.startsWith("Speex   ")
    ? "audio/ogg"
    : undefined;
}

/** Any media we keep: images, video and audio. */
export function sniffOutputMediaType(bytes: Uint8Array): MediaContentType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  const head = ascii(bytes, 0, 6);
  if (head === "GIF87a" || head === "GIF89a") return "image/gif";
  if (ascii(bytes, 0, 4) === "RIFF") {
    const form = ascii(bytes, 8, 4);
    if (form === "WEBP") return "image/webp";
    return form === "WAVE" ? "audio/wav" : undefined;
  }
  // EBML header whose DocType is "webm" (a general Matroska file is not accepted).
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    return ascii(bytes, 4, Math.min(bytes.length, sniffLength) - 4).includes("webm")
      ? "video/webm"
      : undefined;
  }
  if (ascii(bytes, 0, 4) === "fLaC") return "audio/flac";
  if (ascii(bytes, 0, 4) === "OggS") return oggAudioType(bytes);
  // An ID3v2 tag (version 2–4) in front of MPEG audio frames.
  if (ascii(bytes, 0, 3) === "ID3" && (bytes[3] ?? 0) >= 2 && (bytes[3] ?? 0) <= 4) {
    return "audio/mpeg";
  }
  return isoMediaType(bytes) ?? mpegAudioType(bytes);
}

const isUploadType = (type: MediaContentType): type is UploadContentType =>
  !type.startsWith("audio/");

/** What an upload may be: images and video. */
export function sniffMediaType(bytes: Uint8Array): UploadContentType | undefined {
  const type = sniffOutputMediaType(bytes);
  return type && isUploadType(type) ? type : undefined;
}
