import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, encodePng, pngSignature, readPngSize } from "./media/png";
import { renderCutout, renderScene, sizeForAspect } from "./media/pictures";
import { videoAssetForAspect, loadVideoAsset } from "./media/video-assets";
import { encodeWav, synthMusic, synthSpeech } from "./media/wav";
import { RenderCache } from "./render-cache";

describe("png encoder", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("round-trips pixels through filtering and deflate", () => {
    const pixels = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const png = encodePng({ width: 2, height: 2, channels: 3, pixels });
    expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(readPngSize(png)).toEqual({ width: 2, height: 2 });
    // IDAT follows IHDR (8 signature + 25 IHDR bytes); undo each row's filter and compare.
    const idatLength = png.readUInt32BE(33);
    expect(png.toString("ascii", 37, 41)).toBe("IDAT");
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const out: number[] = [];
    const stride = 6;
    for (let y = 0; y < 2; y++) {
      const filter = raw[y * (stride + 1)];
      for (let i = 0; i < stride; i++) {
        const x = raw[y * (stride + 1) + 1 + i] ?? 0;
        const a = i >= 3 ? (out[y * stride + i - 3] ?? 0) : 0;
        const b = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
        const c = y > 0 && i >= 3 ? (out[(y - 1) * stride + i - 3] ?? 0) : 0;
        const p = a + b - c;
        const paeth =
          Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
            ? a
            : Math.abs(p - b) <= Math.abs(p - c)
              ? b
              : c;
        const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
        out.push((x + predictor) & 0xff);
      }
    }
    expect(out).toEqual([...pixels]);
  });

  it("rejects a pixel buffer of the wrong size", () => {
    expect(() =>
      encodePng({ width: 2, height: 2, channels: 4, pixels: new Uint8Array(12) }),
    ).toThrow(/expected 16 bytes/);
  });
});

describe("pictures", () => {
  it("sizes images by aspect ratio with a 512 px long side", () => {
    expect(sizeForAspect("16:9")).toEqual({ width: 512, height: 288 });
    expect(sizeForAspect("9:16")).toEqual({ width: 288, height: 512 });
    expect(sizeForAspect("21:9")).toEqual({ width: 512, height: 219 });
    expect(sizeForAspect("auto")).toEqual({ width: 512, height: 512 });
  });

  it("renders identical bytes for the same seed and different bytes for another", () => {
    const a = encodePng(renderScene(64, 36, 7));
    expect(encodePng(renderScene(64, 36, 7)).equals(a)).toBe(true);
    expect(encodePng(renderScene(64, 36, 8)).equals(a)).toBe(false);
  });

  it("gives cut-outs a transparent background and an opaque subject", () => {
    const image = renderCutout(64, 3);
    const alphaAt = (x: number, y: number): number => image.pixels[(y * 64 + x) * 4 + 3] ?? -1;
    expect(image.channels).toBe(4);
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(32, 29)).toBe(255);
  });
});

describe("wav", () => {
  it("writes a PCM 16-bit mono RIFF header", () => {
    const wav = encodeWav(new Float32Array([0, 1, -1]), 16_000);
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.toString("ascii", 8, 12)).toBe("WAVE");
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(16_000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.readUInt32LE(40)).toBe(6);
    expect([wav.readInt16LE(44), wav.readInt16LE(46), wav.readInt16LE(48)]).toEqual([
      0, 32767, -32767,
    ]);
  });

  it("makes music of the requested length and speech that grows with the text", () => {
    expect(synthMusic(1, 5, true).length).toBe(5 * 16_000);
    const short = synthSpeech([{ text: "Hi there.", voice: "a" }], 1).length;
    const long = synthSpeech([{ text: "Hi there. ".repeat(10), voice: "a" }], 1).length;
    expect(long).toBeGreaterThan(short * 5);
  });
});

describe("video assets", () => {
  it("picks the closest committed clip and each is a WebM", () => {
    expect(videoAssetForAspect("16:9")).toBe("video-16x9");
    expect(videoAssetForAspect("4:3")).toBe("video-16x9");
    expect(videoAssetForAspect("3:4")).toBe("video-9x16");
    expect(videoAssetForAspect("1:1")).toBe("video-1x1");
    for (const name of ["video-16x9", "video-9x16", "video-1x1", "video-cutout"] as const) {
      const bytes = loadVideoAsset(name);
      expect(bytes.readUInt32BE(0)).toBe(0x1a45dfa3);
      expect(bytes.includes(Buffer.from("webm"))).toBe(true);
      expect(bytes.length).toBeLessThan(150_000);
    }
  });
});

describe("RenderCache", () => {
  it("renders once, then serves the cached bytes", () => {
    const cache = new RenderCache(100);
    let renders = 0;
    const make = (): Buffer => {
      renders++;
      return Buffer.alloc(10, 1);
    };
    expect(cache.get("a", make).equals(Buffer.alloc(10, 1))).toBe(true);
    cache.get("a", make);
    expect(renders).toBe(1);
  });

  it("evicts the least recently used entries beyond the byte budget", () => {
    const cache = new RenderCache(25);
    const rendered: string[] = [];
    const make = (key: string) => (): Buffer => {
      rendered.push(key);
      return Buffer.alloc(10);
    };
    cache.get("a", make("a"));
    cache.get("b", make("b"));
    cache.get("a", make("a")); // touch a: b is now the oldest
    cache.get("c", make("c")); // 30 bytes > 25: b goes
    expect(cache.size).toBe(20);
    cache.get("a", make("a"));
    cache.get("b", make("b"));
    expect(rendered).toEqual(["a", "b", "c", "b"]);
  });

  it("keeps a single entry larger than the budget", () => {
    const cache = new RenderCache(5);
    cache.get("big", () => Buffer.alloc(10));
    expect(cache.size).toBe(10);
  });
});
