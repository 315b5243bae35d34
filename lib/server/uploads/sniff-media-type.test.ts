import { describe, expect, it } from "vitest";
import { sniffMediaType } from "./sniff-media-type";

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
