import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, encodePng, pngSignature, readPngSize } from "./media/png";
import { renderCutout, renderScene, sizeForAspect } from "./media/pictures";
import { videoAssetForAspect, loadVideoAsset } from "./media/video-assets";
import { encodeWav, speechSeconds, synthMusic, synthSpeech } from "./media/wav";
import { describeWebm, loopWebm, parseWebm } from "./media/webm";
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

  it("encodes large pictures with Paeth rows that decode to the same pixels", () => {
    const image = renderScene(1280, 1024, 5);
    const png = encodePng(image);
    expect(readPngSize(png)).toEqual({ width: 1280, height: 1024 });
    // Collect every IDAT (one here) and undo the filters.
    const idat = png.subarray(41, 41 + png.readUInt32BE(33));
    const raw = inflateSync(idat);
    const stride = 1280 * 3;
    const out = new Uint8Array(stride * 1024);
    for (let y = 0; y < 1024; y++) {
      expect(raw[y * (stride + 1)]).toBe(4);
      for (let i = 0; i < stride; i++) {
        const a = i >= 3 ? (out[y * stride + i - 3] ?? 0) : 0;
        const b = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
        const c = y > 0 && i >= 3 ? (out[(y - 1) * stride + i - 3] ?? 0) : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        const predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        out[y * stride + i] = ((raw[y * (stride + 1) + 1 + i] ?? 0) + predictor) & 0xff;
      }
    }
    expect(Buffer.from(out).equals(Buffer.from(image.pixels))).toBe(true);
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

  it("makes speech exactly as long as speechSeconds says, proportional to the text", () => {
    const lines = [
      { text: "Hello there, how are you today?", voice: "a" },
      { text: "Fine, thanks.", voice: "b" },
    ];
    expect(synthSpeech(lines, 1).length).toBe(Math.round(speechSeconds(lines) * 16_000));
    const one = speechSeconds([{ text: "word ".repeat(20) }]);
    const ten = speechSeconds([{ text: "word ".repeat(200) }]);
    // 0.15 s lead-in and 0.3 s after the line are fixed; the rest scales with the text.
    expect((ten - 0.45) / (one - 0.45)).toBeCloseTo(10, 5);
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

describe("webm looping", () => {
  const assets = ["video-16x9", "video-9x16", "video-1x1", "video-cutout"] as const;

  it("reads each committed clip: 2.5 s of 24 fps, starting on a keyframe", () => {
    for (const name of assets) {
      const clip = describeWebm(loadVideoAsset(name));
      expect(clip.seconds, name).toBe(2.5);
      expect(clip.frames).toHaveLength(60);
      expect(clip.frames[0]).toEqual({ seconds: 0, key: true });
    }
  });

  it.each([1, 2.5, 4, 6, 8, 10, 15])(
    "makes a %s s video whose every repeat opens on a keyframe",
    (s) => {
      for (const name of assets) {
        const out = describeWebm(loopWebm(parseWebm(loadVideoAsset(name)), s));
        expect(out.seconds, name).toBe(s);
        expect(out.frames).toHaveLength(Math.ceil(s * 24 - 1e-9));
        const last = out.frames.at(-1)?.seconds ?? 0;
        expect(last).toBeLessThan(s);
        expect(last).toBeGreaterThanOrEqual(s - 1 / 24 - 0.001);
        // Times only go forward, and each 2.5 s repeat starts with a keyframe and a cue.
        const times = out.frames.map((f) => f.seconds);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        const repeats = Math.ceil(s / 2.5);
        const starts = Array.from({ length: repeats }, (_, k) => k * 2.5);
        expect(out.frames.filter((f) => f.key).map((f) => f.seconds)).toEqual(starts);
        expect(out.cues).toEqual(starts);
      }
    },
  );

  it("is deterministic and keeps the clip's own bytes (frames, alpha) in every repeat", () => {
    const cutout = loadVideoAsset("video-cutout");
    const a = loopWebm(parseWebm(cutout), 6);
    expect(a.equals(loopWebm(parseWebm(cutout), 6))).toBe(true);
    const firstFrame = parseWebm(cutout).clusters[0]?.blocks[0]?.raw ?? Buffer.alloc(0);
    let count = 0;
    for (let at = a.indexOf(firstFrame); at >= 0; at = a.indexOf(firstFrame, at + 1)) count++;
    expect(count).toBe(3);
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
