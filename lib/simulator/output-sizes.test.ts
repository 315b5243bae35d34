// Outputs honour the requested size and duration: the rules, then the files themselves over HTTP
// (PNG width and height from IHDR, WAV length from its header, WebM length from Info/Duration).
import { describe, expect, it } from "vitest";
import { applyDefaults, validateRequest, type RouteId } from "../catalog";
import { taskInfoSchema } from "../schemas/api";
import { readPngSize } from "./media/png";
import { speechSeconds } from "./media/wav";
import { describeWebm } from "./media/webm";
import { imageSize, maxImageSide, musicSeconds, videoSeconds } from "./output-sizes";
import { musicWords } from "./outputs";
import {
  bytesOf,
  client,
  createTask,
  pollFinal,
  setupTestSimulator,
  uniqueKey,
} from "./test-support";

/** The params a body renders from (the model's defaults applied), and the model's slug. */
function paramsOf(route: RouteId, body: Record<string, unknown>) {
  const validated = validateRequest(route, body);
  if (!validated.ok) throw new Error(validated.message);
  return { slug: validated.model.slug, params: applyDefaults(validated.model, validated.body) };
}

function imageSizeOf(body: Record<string, unknown>) {
  const { slug, params } = paramsOf("images", { prompt: "a red fox", ...body });
  return imageSize(slug, params);
}

function videoSecondsOf(body: Record<string, unknown>): number {
  const { slug, params } = paramsOf("videos", { prompt: "a fox runs", ...body });
  return videoSeconds(slug, params);
}

function wavSeconds(wav: Buffer): number {
  return wav.readUInt32LE(40) / (wav.readUInt32LE(24) * 2);
}

describe("image sizes", () => {
  it.each([
    [{ model: "flux-2" }, 1024, 1024],
    [{ model: "flux-2", aspect_ratio: "16:9" }, 1024, 576],
    [{ model: "flux-2", aspect_ratio: "9:16", resolution: "2K" }, 1152, 2048],
    [{ model: "kling-image-o1", aspect_ratio: "auto" }, 1024, 1024],
    [{ model: "kling-image-o1", aspect_ratio: "21:9", resolution: "2k" }, 2048, 878],
    [{ model: "gpt-image-1-5", aspect_ratio: "2:3" }, 1024, 1536],
    [{ model: "gpt-image-1-5", aspect_ratio: "3:2" }, 1536, 1024],
    [{ model: "imagen4", aspect_ratio: "16:9" }, 1408, 768],
    [{ model: "imagen4-ultra", aspect_ratio: "3:4" }, 896, 1280],
    [{ model: "ideogram-v3-quality", aspect_ratio: "4:3" }, 1152, 864],
    [{ model: "seedream/4.5-text-to-image", aspect_ratio: "3:2" }, 2048, 1365],
    // 4K is over the cap: the long side stops at maxImageSide.
    [{ model: "seedream/4.5-text-to-image", quality: "high" }, maxImageSide, maxImageSide],
    [{ model: "grok-imagine/text-to-image" }, 1024, 768],
  ])("%j → %i×%i", (body, width, height) => {
    expect(imageSizeOf(body)).toEqual({ width, height });
  });
});

describe("video and music lengths", () => {
  it.each([
    [{ model: "kling-3" }, 5],
    [{ model: "kling-3", duration: 12 }, 12],
    [
      {
        model: "kling-3",
        multi_shots: true,
        multi_prompt: [
          { prompt: "a", duration: 3 },
          { prompt: "b", duration: 4.5 },
        ],
      },
      7.5,
    ],
    [{ model: "seedance-1-5-pro" }, 8],
    [{ model: "seedance-1-5-pro", duration: "4" }, 4],
    [{ model: "hailuo/2-3-image-to-video-pro", image: "https://x.test/a.png", duration: "10" }, 10],
    [{ model: "hailuo/2-3-image-to-video-standard", image: "https://x.test/a.png" }, 6],
    [{ model: "wan-2-6", duration: "7" }, 7],
    [{ model: "wan-2-6", duration: "500" }, 60],
    [{ model: "grok-imagine/text-to-video" }, 6],
    [{ model: "pixverse" }, 5],
  ])("%j lasts %s s", (body, seconds) => {
    expect(videoSecondsOf(body)).toBe(seconds);
  });

  it("gives songs a plausible length: lyrics set it, descriptions get 1.5–2.5 minutes", () => {
    const lyrics = (words: number) => Array.from({ length: words }, () => "la").join(" ");
    const sung = (words: number) =>
      musicSeconds("suno", "chirp-v4-5", { prompt: lyrics(words) }, 0, lyrics(words));
    expect(sung(10)).toBe(60); // short lyrics still make a minute
    expect(sung(200)).toBeGreaterThan(140);
    expect(sung(200)).toBeLessThanOrEqual(155);
    expect(sung(2000)).toBe(240);
    for (let i = 0; i < 20; i++) {
      const described = musicSeconds("suno", "chirp-v5", {}, i % 2, `song ${i}`);
      expect(described).toBeGreaterThanOrEqual(90);
      expect(described).toBeLessThanOrEqual(150);
      const instrumental = musicSeconds(
        "suno",
        "chirp-v5",
        { prompt: lyrics(500), make_instrumental: true },
        0,
        `i ${i}`,
      );
      expect(instrumental).toBeLessThanOrEqual(150);
      const minimax = musicSeconds("minimax-music", "minimax-music", {}, 0, `m ${i}`);
      expect(minimax).toBeGreaterThanOrEqual(30);
      expect(minimax).toBeLessThanOrEqual(60);
    }
  });
});

const sim = setupTestSimulator();

async function download(path: string, body: Record<string, unknown>): Promise<Buffer[]> {
  const api = client(sim(), uniqueKey());
  const info = taskInfoSchema.parse(await pollFinal(api, await createTask(api, path, body)));
  return Promise.all(info.response.map(async (url) => bytesOf(await fetch(url))));
}

describe.concurrent("the files", () => {
  it.each([
    [{ model: "flux-2", aspect_ratio: "16:9", resolution: "2K" }, 2048, 1152],
    [{ model: "gpt-image-1-5", aspect_ratio: "2:3" }, 1024, 1536],
    [{ model: "imagen4", aspect_ratio: "9:16", num_images: 2 }, 768, 1408],
  ])("PNG of %j is %i×%i", async (body, width, height) => {
    const files = await download("/images/generations", { prompt: "a red fox", ...body });
    for (const png of files) expect(readPngSize(png)).toEqual({ width, height });
  });

  it.each([
    [{ model: "kling-3", duration: 10, aspect_ratio: "9:16" }, 10],
    [{ model: "seedance-1-5-pro", duration: "4" }, 4],
    [{ model: "grok-imagine/text-to-video" }, 6],
  ])("WebM of %j lasts %s s", async (body, seconds) => {
    const [webm] = await download("/videos/generations", { prompt: "a fox runs", ...body });
    const video = describeWebm(webm ?? Buffer.alloc(0));
    expect(video.seconds).toBe(seconds);
    expect(video.frames).toHaveLength(seconds * 24);
  });

  it("speech lasts as long as its dialogue takes to say", async () => {
    const dialogue = [
      { text: "Welcome back to the show. Today we talk about lighthouses.", voice: "host" },
      { text: "Thanks for having me!", voice: "guest" },
    ];
    const [wav] = await download("/audio/speech", { model: "elevenlabs-v3", dialogue });
    expect(wavSeconds(wav ?? Buffer.alloc(0))).toBeCloseTo(speechSeconds(dialogue), 3);
  });

  it("songs last what musicSeconds says; Suno's two clips each their own", async () => {
    const body = { model: "chirp-v4-5", prompt: "Hold the line\nwe sail at dawn ".repeat(12) };
    const [a, b] = await download("/audio/music", body);
    const { params } = paramsOf("music", body);
    const words = musicWords(params);
    expect(wavSeconds(a ?? Buffer.alloc(0))).toBe(
      musicSeconds("suno", "chirp-v4-5", params, 0, words),
    );
    expect(wavSeconds(b ?? Buffer.alloc(0))).toBe(
      musicSeconds("suno", "chirp-v4-5", params, 1, words),
    );
  });
});
