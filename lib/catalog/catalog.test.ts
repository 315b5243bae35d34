import { describe, expect, it } from "vitest";
import {
  applyDefaults,
  findModel,
  models,
  modelsForRoute,
  routeIds,
  routes,
  validateRequest,
} from "./index";
import { minimalBodies } from "./test-bodies";

const expectedSlugs = [
  "flux-2",
  "seedream-4-5",
  "gpt-image-1.5-official",
  "imagen-4",
  "grok-imagine",
  "kling-image-o1",
  "ideogram-v3",
  "kling-3",
  "seedance-1-5-pro",
  "hailuo-2-3",
  "grok-video",
  "wan-2-6",
  "pixverse",
  "suno",
  "minimax-music",
  "elevenlabs-v3",
  "bg-remover",
  "face-swap",
  "image-upscale",
  "video-bg-remover",
];

function entry(slug: string) {
  const found = models.find((m) => m.slug === slug);
  if (!found) throw new Error(`no model ${slug}`);
  return found;
}

describe("routes", () => {
  it("maps every route id to its upstream path", () => {
    expect(Object.fromEntries(routeIds.map((id) => [id, routes[id].path]))).toEqual({
      images: "/images/generations",
      videos: "/videos/generations",
      music: "/audio/music",
      speech: "/audio/speech",
      "remove-bg": "/images/tools/remove-bg",
      "face-swap": "/images/tools/face-swap",
      upscale: "/images/tools/upscale",
      "video-bg-remover": "/videos/tools/bg-remover",
    });
  });

  it("requires a model on every generation route but remove-bg (SPEC §0)", () => {
    const required = routeIds.filter((id) => routes[id].modelField === "required");
    expect(required).toEqual([
      "images",
      "videos",
      "music",
      "speech",
      "face-swap",
      "upscale",
      "video-bg-remover",
    ]);
    expect(routes["remove-bg"].modelField).toBe("optional");
    for (const id of routeIds) expect(routes[id].id).toBe(id);
  });
});

describe("models", () => {
  it("lists every task model from models.json, chat excluded, slugs unique", () => {
    expect(models.map((m) => m.slug)).toEqual(expectedSlugs);
    expect(models.some((m) => m.slug === "gemini")).toBe(false);
  });

  it("groups models by route", () => {
    expect(modelsForRoute("images")).toHaveLength(7);
    expect(modelsForRoute("videos").map((m) => m.slug)).toEqual([
      "kling-3",
      "seedance-1-5-pro",
      "hailuo-2-3",
      "grok-video",
      "wan-2-6",
      "pixverse",
    ]);
    expect(modelsForRoute("music").map((m) => m.slug)).toEqual(["suno", "minimax-music"]);
    for (const id of ["speech", "remove-bg", "face-swap", "upscale", "video-bg-remover"] as const) {
      expect(modelsForRoute(id)).toHaveLength(1);
    }
  });

  it("marks the models models.json calls uncertain", () => {
    const uncertain = models.filter((m) => m.uncertain).map((m) => m.slug);
    expect(uncertain).toEqual([
      "gpt-image-1.5-official",
      "wan-2-6",
      "pixverse",
      "minimax-music",
      "video-bg-remover",
    ]);
  });

  it("gives tiered models a labelled model select whose default is the first value", () => {
    for (const m of models) {
      const select = m.fields.find((f) => f.name === "model");
      if (m.modelValues.length > 1) {
        expect(m.modelValueLabels, m.slug).toHaveLength(m.modelValues.length);
        expect(select?.control, m.slug).toEqual({ kind: "select", options: m.modelValues });
        expect(select?.default, m.slug).toBe(m.modelValues[0]);
      } else {
        expect(select, m.slug).toBeUndefined();
      }
    }
    expect(entry("imagen-4").modelValues[0]).toBe("imagen4");
    expect(entry("suno").modelValues[0]).toBe("chirp-v3-5");
  });

  it("takes each tool's slug as its model value, and none on remove-bg", () => {
    expect(entry("bg-remover").modelValues).toEqual([]);
    for (const slug of ["face-swap", "image-upscale", "video-bg-remover"]) {
      expect(entry(slug).modelValues, slug).toEqual([slug]);
    }
  });

  it("has select and aspect-ratio defaults that are among their options", () => {
    for (const m of models) {
      for (const f of m.fields) {
        if (
          (f.control.kind === "select" || f.control.kind === "aspect-ratio") &&
          f.default !== undefined
        ) {
          expect(f.control.options, `${m.slug}.${f.name}`).toContain(f.default);
        }
      }
    }
  });

  it("uses the documented output kinds, counts and durations", () => {
    const outputs = Object.fromEntries(models.map((m) => [m.slug, m.output]));
    expect(outputs["kling-3"]).toBe("video");
    expect(outputs["suno"]).toBe("audio");
    expect(outputs["face-swap"]).toBe("image");
    expect(outputs["video-bg-remover"]).toBe("video");
    expect(entry("suno").outputCount({ model: "chirp-v3-5", prompt: "la la" })).toBe(2);
    expect(entry("minimax-music").outputCount({ model: "minimax-music", prompt: "x" })).toBe(1);
    expect(entry("imagen-4").outputCount({ model: "imagen4", prompt: "abc", num_images: 3 })).toBe(
      3,
    );
    expect(entry("imagen-4").outputCount({ model: "imagen4", prompt: "abc" })).toBe(1);
    expect(entry("kling-image-o1").outputCount({ prompt: "abc", num_images: 9 })).toBe(9);
    expect(entry("kling-3").typicalSeconds).toEqual([60, 180]);
    expect(entry("grok-video").typicalSeconds).toEqual([30, 60]);
    expect(entry("elevenlabs-v3").typicalSeconds).toEqual([3, 10]);
    for (const m of models) expect(m.typicalSeconds[0], m.slug).toBeLessThan(m.typicalSeconds[1]);
  });

  it("keeps each model's documented field spellings", () => {
    const names = (slug: string) => entry(slug).fields.map((f) => f.name);
    expect(names("seedance-1-5-pro")).toEqual(
      expect.arrayContaining(["generateAudio", "fixedLens", "duration", "resolution"]),
    );
    expect(names("pixverse")).toContain("generate_audio_switch");
    expect(names("seedream-4-5")).toContain("image_urls");
    expect(names("kling-image-o1")).toContain("images");
    expect(names("flux-2")).toContain("input_urls");
    expect(names("elevenlabs-v3")).toEqual(["dialogue", "stability", "language_code"]);
    expect(entry("kling-image-o1").fields.find((f) => f.name === "resolution")?.control).toEqual({
      kind: "select",
      options: ["1k", "2k"],
    });
    expect(entry("kling-3").fields.find((f) => f.name === "duration")?.control).toEqual({
      kind: "slider",
      min: 3,
      max: 15,
      step: 1,
    });
  });
});

describe("findModel", () => {
  it("resolves slugs, sub-model ids and legacy names on their route", () => {
    expect(findModel("images", "imagen4-fast")?.slug).toBe("imagen-4");
    expect(findModel("images", "imagen-4")?.slug).toBe("imagen-4");
    expect(findModel("images", "seedream/4.5-edit")?.slug).toBe("seedream-4-5");
    expect(findModel("images", "gpt-image-1-5")?.slug).toBe("gpt-image-1.5-official");
    expect(findModel("images", "gpt-image-1.5-official")?.slug).toBe("gpt-image-1.5-official");
    expect(findModel("images", "grok-imagine/upscale")?.slug).toBe("grok-imagine");
    expect(findModel("videos", "hailuo-2-3")?.slug).toBe("hailuo-2-3");
    expect(findModel("videos", "hailuo/2-3-image-to-video-pro")?.slug).toBe("hailuo-2-3");
    expect(findModel("videos", "grok-imagine/image-to-video")?.slug).toBe("grok-video");
    expect(findModel("music", "suno-v4-5")?.slug).toBe("suno");
    expect(findModel("music", "suno")?.slug).toBe("suno");
    expect(findModel("music", "chirp-v5-5")?.slug).toBe("suno");
  });

  it("does not cross routes or guess", () => {
    expect(findModel("videos", "grok-imagine/text-to-image")).toBeUndefined();
    expect(findModel("images", "kling-3")).toBeUndefined();
    expect(findModel("images", "IMAGEN4")).toBeUndefined();
    expect(findModel("remove-bg", "flux-2")).toBeUndefined();
  });

  it("needs a value on required routes; remove-bg alone resolves none", () => {
    expect(findModel("images", undefined)).toBeUndefined();
    expect(findModel("speech", undefined)).toBeUndefined();
    expect(findModel("remove-bg", undefined)?.slug).toBe("bg-remover");
    expect(findModel("remove-bg", "bg-remover")?.slug).toBe("bg-remover");
    expect(findModel("face-swap", undefined)).toBeUndefined();
    expect(findModel("face-swap", "face-swap")?.slug).toBe("face-swap");
    expect(findModel("upscale", undefined)).toBeUndefined();
    expect(findModel("upscale", "image-upscale")?.slug).toBe("image-upscale");
    expect(findModel("video-bg-remover", undefined)).toBeUndefined();
    expect(findModel("video-bg-remover", "video-bg-remover")?.slug).toBe("video-bg-remover");
  });
});

describe("applyDefaults", () => {
  it("fills documented defaults for forms without overriding the user", () => {
    expect(applyDefaults(entry("flux-2"), { prompt: "abc", resolution: "2K" })).toEqual({
      model: "flux-2",
      prompt: "abc",
      aspect_ratio: "1:1",
      type: "pro",
      resolution: "2K",
    });
    expect(applyDefaults(entry("kling-3"), {})).toEqual({
      model: "kling-3",
      mode: "std",
      duration: 5,
      aspect_ratio: "16:9",
      sound: true,
    });
    expect(applyDefaults(entry("seedance-1-5-pro"), {})).toMatchObject({
      duration: "8",
      resolution: "720p",
      generateAudio: false,
    });
    expect(applyDefaults(entry("face-swap"), {})).toEqual({
      model: "face-swap",
      target_index: 0,
      output_format: "jpeg",
    });
  });

  it("fills the model on every tool route that requires one, and none on remove-bg", () => {
    expect(applyDefaults(entry("image-upscale"), {})).toEqual({ model: "image-upscale" });
    expect(applyDefaults(entry("video-bg-remover"), {})).toEqual({ model: "video-bg-remover" });
    expect(applyDefaults(entry("bg-remover"), {})).toEqual({});
  });

  it("produces bodies that validate once the user's required fields are in", () => {
    for (const m of models) {
      const minimal = minimalBodies[m.slug];
      if (!minimal) throw new Error(`no minimal body for ${m.slug}`);
      const result = validateRequest(m.route, applyDefaults(m, minimal.body));
      expect(result, m.slug).toMatchObject({ ok: true });
    }
  });
});
