import { describe, expect, it } from "vitest";
import { encodePng } from "@/lib/simulator/media/png";
import { renderScene } from "@/lib/simulator/media/pictures";
import { loadVideoAsset, type VideoAsset } from "@/lib/simulator/media/video-assets";
import { encodeWav } from "@/lib/simulator/media/wav";
import { contentTypes } from "@/lib/simulator/outputs";
import { sniffLength, sniffMediaType, sniffOutputMediaType } from "./sniff-media-type";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

/** An ISO BMFF `ftyp` box: size, "ftyp", major brand, minor version, compatible brands. */
function ftyp(major: string, ...compatible: string[]) {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], "ftyp", major, [0, 0, 0, 0], ...compatible);
}

describe("sniffMediaType", () => {
  it.each([
    ["png", bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR"), "image/png"],
    ["jpeg", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF"), "image/jpeg"],
    ["gif87a", bytes("GIF87a", [1, 0, 1, 0]), "image/gif"],
    ["gif89a", bytes("GIF89a", [1, 0, 1, 0]), "image/gif"],
    ["webp", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "), "image/webp"],
    ["avif", ftyp("avif", "mif1", "miaf"), "image/avif"],
    ["avif as a compatible brand", ftyp("mif1", "avif"), "image/avif"],
    ["mp4", ftyp("isom", "isom", "iso2", "avc1", "mp41"), "video/mp4"],
    ["mp4 (mp42)", ftyp("mp42", "mp42", "isom"), "video/mp4"],
    ["quicktime", ftyp("qt  ", "qt  "), "video/quicktime"],
    [
      "webm",
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1, 0x42, 0x82, 0x84], "webm"),
      "video/webm",
    ],
  ])("recognises %s", (_name, input, expected) => {
    expect(sniffMediaType(input)).toBe(expected);
  });

  it.each([
    ["svg (can carry script)", bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ["html", bytes("<!doctype html><script>")],
    ["pdf", bytes("%PDF-1.7")],
    ["wav", bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt ")],
    ["m4a audio", ftyp("M4A ", "M4A ", "mp42", "isom")],
    ["heic", ftyp("heic", "mif1", "heic")],
    [
      "matroska that is not webm",
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], "matroska"),
    ],
    ["a png extension on text", bytes("hello.png")],
    ["empty", new Uint8Array()],
    ["a truncated png", bytes([0x89], "PN")],
  ])("refuses %s", (_name, input) => {
    expect(sniffMediaType(input)).toBeUndefined();
  });
});

/** An Ogg page header whose single segment starts with `packet`. */
const ogg = (packet: string | number[]) =>
  bytes("OggS", [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1, 30], packet);

describe("sniffOutputMediaType", () => {
  it.each([
    ["wav", bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt "), "audio/wav"],
    ["mp3 with an ID3v2 tag", bytes("ID3", [4, 0, 0, 0, 0, 0, 0x21]), "audio/mpeg"],
    ["mp3 frame (MPEG-1 layer III, 128 kb/s)", bytes([0xff, 0xfb, 0x90, 0x64]), "audio/mpeg"],
    ["mp3 frame (MPEG-2 layer III)", bytes([0xff, 0xf3, 0x64, 0xc4]), "audio/mpeg"],
    [
      "ogg vorbis",
      ogg([1, ..."vorbis"].map((c) => (typeof c === "number" ? c : c.charCodeAt(0)))),
      "audio/ogg",
    ],
    ["ogg opus", ogg("OpusHead"), "audio/ogg"],
    ["flac", bytes("fLaC", [0, 0, 0, 34]), "audio/flac"],
    ["m4a", ftyp("M4A ", "M4A ", "mp42", "isom"), "audio/mp4"],
    ["m4b audiobook", ftyp("M4B ", "M4B ", "mp42"), "audio/mp4"],
    ["aac (ADTS)", bytes([0xff, 0xf1, 0x50, 0x80]), "audio/aac"],
    ["png", bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR"), "image/png"],
    ["mp4", ftyp("isom", "isom", "avc1"), "video/mp4"],
  ])("recognises %s", (_name, input, expected) => {
    expect(sniffOutputMediaType(input)).toBe(expected);
  });

  it("recognises every kind of file the simulator serves", () => {
    const videos: VideoAsset[] = ["video-16x9", "video-9x16", "video-1x1", "video-cutout"];
    const files = [
      [encodePng(renderScene(16, 16, 1)), contentTypes.png],
      [encodeWav(new Float32Array(160), 16_000), contentTypes.wav],
      ...videos.map((name) => [loadVideoAsset(name), contentTypes.webm] as const),
    ] as const;
    for (const [file, expected] of files) {
      expect(sniffOutputMediaType(file.subarray(0, sniffLength))).toBe(expected);
    }
  });

  it.each([
    ["html", bytes("<!doctype html><html><body>")],
    ["json", bytes('{"error":"not found"}')],
    ["svg", bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ["avi (RIFF, not WAVE)", bytes("RIFF", [0x24, 0, 0, 0], "AVI LIST")],
    [
      "ogg theora video",
      ogg([0x80, ..."theora"].map((c) => (typeof c === "number" ? c : c.charCodeAt(0)))),
    ],
    ["an ID3 tag of an unknown version", bytes("ID3", [9, 0])],
    ["a reserved MPEG version", bytes([0xff, 0xeb, 0x90, 0x64])],
    ["a bad MPEG bitrate", bytes([0xff, 0xfb, 0xf0, 0x64])],
    ["empty", new Uint8Array()],
  ])("refuses %s", (_name, input) => {
    expect(sniffOutputMediaType(input)).toBeUndefined();
  });

  it("keeps uploads to images and video", () => {
    expect(sniffMediaType(bytes("ID3", [4, 0, 0, 0, 0, 0, 0x21]))).toBeUndefined();
    expect(sniffMediaType(bytes("fLaC", [0, 0, 0, 34]))).toBeUndefined();
    expect(sniffMediaType(ogg("OpusHead"))).toBeUndefined();
  });
});
