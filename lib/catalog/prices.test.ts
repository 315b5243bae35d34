import { describe, expect, it } from "vitest";
import { findModel, models, priceOf } from "./index";
import { img, minimalBodies } from "./test-bodies";

const speech = (texts: string[]) => ({
  model: "elevenlabs-v3",
  dialogue: texts.map((text) => ({ text })),
});

describe("priceOf", () => {
  it("flux-2: by mode and resolution", () => {
    const flux = (extra: Record<string, unknown>) => ({
      model: "flux-2",
      prompt: "a fox",
      ...extra,
    });
    expect(priceOf("images", flux({}))).toBe(5);
    expect(priceOf("images", flux({ resolution: "2K" }))).toBe(7);
    expect(priceOf("images", flux({ type: "flex" }))).toBe(14);
    expect(priceOf("images", flux({ type: "flex", resolution: "2K" }))).toBe(24);
  });

  it("image tiers, qualities and sub-models", () => {
    const prompt = "a red fox";
    expect(priceOf("images", { model: "imagen4-fast", prompt })).toBe(4);
    expect(priceOf("images", { model: "imagen4", prompt })).toBe(8);
    // A bare slug reads as the default tier.
    expect(priceOf("images", { model: "imagen-4", prompt })).toBe(8);
    expect(priceOf("images", { model: "imagen4-ultra", prompt, num_images: 2 })).toBe(24);
    expect(priceOf("images", { model: "seedream/4.5-edit", prompt, image_urls: [img] })).toBe(12);
    expect(priceOf("images", { model: "gpt-image-1-5", prompt })).toBe(10);
    expect(priceOf("images", { model: "gpt-image-1.5-official", prompt, quality: "high" })).toBe(
      28,
    );
    expect(priceOf("images", { model: "grok-imagine", prompt })).toBe(5);
    expect(priceOf("images", { model: "grok-imagine/upscale", prompt, task_id: "t1" })).toBe(12);
    expect(priceOf("images", { model: "kling-image-o1", prompt })).toBe(6);
    expect(
      priceOf("images", { model: "kling-image-o1", prompt, type: "ai-multi-shot", num_images: 3 }),
    ).toBe(48);
    expect(priceOf("images", { model: "ideogram-v3", prompt })).toBe(8);
    expect(priceOf("images", { model: "ideogram-v3-balanced", prompt })).toBe(13);
    expect(priceOf("images", { model: "ideogram-v3-quality", prompt })).toBe(20);
  });

  it("kling-3: per second by mode and sound, spanning the documented 120–1200", () => {
    const kling = (extra: Record<string, unknown>) => ({
      model: "kling-3",
      prompt: "a fox",
      ...extra,
    });
    expect(priceOf("videos", kling({}))).toBe(300);
    expect(priceOf("videos", kling({ mode: "std", duration: 3, sound: false }))).toBe(120);
    expect(priceOf("videos", kling({ mode: "pro", duration: 15 }))).toBe(1200);
    expect(priceOf("videos", kling({ mode: "pro", duration: 10, sound: false }))).toBe(600);
    expect(findModel("videos", "kling-3")?.priceUncertain).toBe(true);
  });

  it("seedance: per second by resolution, doubled with audio, spanning 8–84", () => {
    const seedance = (extra: Record<string, unknown>) => ({
      model: "seedance-1-5-pro",
      prompt: "a fox",
      ...extra,
    });
    expect(
      priceOf("videos", seedance({ resolution: "720p", duration: "12", generateAudio: true })),
    ).toBe(84);
    expect(priceOf("videos", seedance({ resolution: "480p", duration: "4" }))).toBe(8);
    // Newer defaults: 720p, "8" s, no audio.
    expect(priceOf("videos", seedance({}))).toBe(28);
  });

  it("hailuo: within the documented 30–85 by tier, resolution and duration", () => {
    const hailuo = (extra: Record<string, unknown>) => ({
      model: "hailuo-2-3",
      prompt: "a fox",
      image: img,
      ...extra,
    });
    expect(priceOf("videos", hailuo({}))).toBe(30);
    expect(priceOf("videos", hailuo({ duration: "10" }))).toBe(45);
    expect(priceOf("videos", hailuo({ model: "hailuo/2-3-image-to-video-pro" }))).toBe(45);
    expect(
      priceOf("videos", hailuo({ model: "hailuo/2-3-image-to-video-pro", resolution: "1080P" })),
    ).toBe(85);
    const all = ["standard", "pro"].flatMap((tier) =>
      [
        { resolution: "768P", duration: "6" },
        { resolution: "768P", duration: "10" },
        { resolution: "1080P", duration: "6" },
      ].map((v) => priceOf("videos", hailuo({ ...v, model: `hailuo/2-3-image-to-video-${tier}` }))),
    );
    for (const p of all) {
      expect(p).not.toBeNull();
      expect(p).toBeGreaterThanOrEqual(30);
      expect(p).toBeLessThanOrEqual(85);
    }
  });

  it("flat video prices and the unknown ones", () => {
    expect(priceOf("videos", { model: "grok-imagine/text-to-video", prompt: "a fox" })).toBe(24);
    expect(priceOf("videos", { model: "grok-imagine/image-to-video", image_urls: [img] })).toBe(24);
    expect(priceOf("videos", { model: "wan-2-6", prompt: "a fox" })).toBe(80);
    expect(priceOf("videos", { model: "pixverse", prompt: "a fox" })).toBeNull();
  });

  it("suno by tier, legacy names included", () => {
    const song = (model: string) => ({ model, gpt_description_prompt: "a sea shanty" });
    const expected: Record<string, number> = {
      suno: 5,
      "chirp-v3-5": 5,
      "chirp-v4-0": 8,
      "chirp-v4-5": 10,
      "chirp-v4-5-plus": 10,
      "chirp-v5": 12,
      "chirp-v5-5": 12,
      "suno-v3-5": 5,
      "suno-v4-0": 8,
      "suno-v4-5": 10,
      "suno-v5-0": 12,
    };
    for (const [model, credits] of Object.entries(expected)) {
      expect(priceOf("music", song(model)), model).toBe(credits);
    }
    expect(priceOf("music", { model: "minimax-music", prompt: "lo-fi" })).toBeNull();
  });

  it("elevenlabs: 28 per 1000 characters, rounded up, at least 1", () => {
    expect(priceOf("speech", speech(["x".repeat(1500)]))).toBe(42);
    expect(priceOf("speech", speech(["x".repeat(1000), "y".repeat(500)]))).toBe(42);
    expect(priceOf("speech", speech(["Hi."]))).toBe(1);
    expect(priceOf("speech", speech(["x".repeat(1001)]))).toBe(29);
    // Counted like every limit (textLength, UTF-16 units): 500 emoji outside the BMP are 1000.
    expect(priceOf("speech", speech(["🙂".repeat(500)]))).toBe(28);
    expect(priceOf("speech", speech(["🙂".repeat(1000)]))).toBe(56);
  });

  it("tools cost what §0 says", () => {
    expect(priceOf("remove-bg", { image: img })).toBe(1);
    expect(priceOf("face-swap", { model: "face-swap", image: img, face_image: img })).toBe(4);
    expect(priceOf("upscale", { model: "image-upscale", image: img })).toBe(1);
    expect(
      priceOf("video-bg-remover", { model: "video-bg-remover", video: "https://x.example/v.mp4" }),
    ).toBe(10);
  });

  it("is null for a body that does not validate", () => {
    expect(priceOf("images", { model: "flux-2", prompt: "a" })).toBeNull();
    expect(priceOf("images", "flux-2")).toBeNull();
    expect(priceOf("videos", { model: "nope", prompt: "a fox" })).toBeNull();
  });

  it("prices every minimal body except where the docs give none", () => {
    const unpriced = models
      .filter((m) => {
        const minimal = minimalBodies[m.slug];
        return minimal !== undefined && priceOf(minimal.route, minimal.body) === null;
      })
      .map((m) => m.slug);
    expect(unpriced).toEqual(["pixverse", "minimax-music"]);
  });
});
