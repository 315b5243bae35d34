// Strictness and caps: unknown fields are refused by name, numbers are typed and bounded, and no
// field — top-level, nested or API-only — accepts unbounded input.
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { maxSeed, models, routeIds, validateRequest, type ModelEntry, type RouteId } from "./index";
import { img, minimalBodies, vid } from "./test-bodies";

function rejects(route: RouteId, body: unknown) {
  const result = validateRequest(route, body);
  if (result.ok) throw new Error(`expected ${JSON.stringify(body).slice(0, 200)} to be refused`);
  return { field: result.field, message: result.message };
}

function minimal(m: ModelEntry): Record<string, unknown> {
  const found = minimalBodies[m.slug];
  if (!found) throw new Error(`no minimal body for ${m.slug}`);
  return found.body;
}

function fieldNames(m: ModelEntry): string[] {
  return Object.keys((m.schema as unknown as z.ZodObject).shape);
}

const imagen = (extra: Record<string, unknown>) => ({
  model: "imagen4",
  prompt: "a red fox",
  ...extra,
});

describe("unknown fields", () => {
  it("are refused by name, at the top level", () => {
    expect(rejects("images", { model: "flux-2", prompt: "a fox", seed: 1 })).toEqual({
      field: "seed",
      message: "seed: unknown field",
    });
    expect(rejects("videos", { model: "kling-3", prompt: "a fox", aspectRatio: "1:1" })).toEqual({
      field: "aspectRatio",
      message: "aspectRatio: unknown field",
    });
    expect(rejects("remove-bg", { image: img, scale: 4 }).field).toBe("scale");
    expect(
      rejects("music", { model: "minimax-music", prompt: "calm piano", duration: 30 }).field,
    ).toBe("duration");
  });

  it("are refused by path inside objects the catalog describes", () => {
    expect(
      rejects("speech", {
        model: "elevenlabs-v3",
        dialogue: [{ text: "hi" }, { text: "x", speaker: "a" }],
      }),
    ).toEqual({ field: "dialogue[1].speaker", message: "dialogue[1].speaker: unknown field" });
    expect(
      rejects("videos", {
        model: "kling-3",
        multi_shots: true,
        multi_prompt: [{ prompt: "shot", duration: 3, camera: "pan" }],
      }).field,
    ).toBe("multi_prompt[0].camera");
  });

  it("do not include anything the docs name for the model (SPEC §0, §8, §9; models.json)", () => {
    const documented: [RouteId, Record<string, unknown>][] = [
      [
        "videos",
        {
          model: "kling-3",
          prompt: "a fox runs",
          mode: "pro",
          duration: 10,
          aspect_ratio: "9:16",
          sound: false,
          image: img,
          multi_shots: true,
          multi_prompt: [
            { prompt: "shot one", duration: 4 },
            { prompt: "shot two", duration: 6 },
          ],
          kling_elements: [{ name: "hero", image_url: img, tags: ["a", 1, true, null] }],
          callback_url: "https://example.com/hook",
        },
      ],
      [
        "music",
        {
          model: "suno",
          prompt: "verse",
          gpt_description_prompt: "a shanty",
          style: "folk",
          title: "Sea",
          tags: "no drums",
          make_instrumental: true,
          gender: "male",
          style_weight: 0.25,
          weirdness_constraint: 1,
          audio_weight: 0,
          callback_url: "https://example.com/hook",
        },
      ],
      ["images", imagen({ negative_prompt: "blur", num_images: 2, seed: 7, aspect_ratio: "4:3" })],
      ["images", { model: "grok-imagine/upscale", prompt: "upscale it", task_id: "n31xxxx_grok" }],
      [
        "videos",
        {
          model: "wan-2-6",
          prompt: "a fox",
          image: img,
          aspect_ratio: "16:9",
          resolution: "720p",
          duration: "5",
        },
      ],
      ["videos", { model: "wan-2-6", prompt: "a fox", duration: 5 }],
    ];
    for (const [route, body] of documented) {
      expect(validateRequest(route, body), JSON.stringify(body)).toMatchObject({ ok: true });
    }
  });

  it("never include callback_url: every model on every route takes it (SPEC §8)", () => {
    for (const m of models) {
      const body = { ...minimal(m), callback_url: "https://example.com/hook" };
      expect(validateRequest(m.route, body).ok, m.slug).toBe(true);
      expect(
        m.urlFields.map((f) => f.name),
        m.slug,
      ).toContain("callback_url");
    }
  });
});

describe("model on tool routes (SPEC §0)", () => {
  it("is required on face-swap, upscale and the video bg-remover, and is the slug", () => {
    expect(rejects("face-swap", { image: img, face_image: img })).toEqual({
      field: "model",
      message: "model: required",
    });
    expect(rejects("upscale", { image: img })).toEqual({
      field: "model",
      message: "model: required",
    });
    expect(rejects("video-bg-remover", { video: vid })).toEqual({
      field: "model",
      message: "model: required",
    });
    expect(validateRequest("upscale", { model: "image-upscale", image: img }).ok).toBe(true);
    expect(rejects("upscale", { model: "upscale", image: img }).message).toBe(
      'model: unknown model "upscale" for /images/tools/upscale',
    );
  });

  it("is optional on remove-bg, where bg-remover is accepted", () => {
    expect(validateRequest("remove-bg", { image: img }).ok).toBe(true);
    expect(validateRequest("remove-bg", { model: "bg-remover", image: img }).ok).toBe(true);
  });
});

describe("numbers", () => {
  it("seed is a whole number from 0 to 4294967295", () => {
    expect(maxSeed).toBe(4_294_967_295);
    for (const seed of [0, 1, 42, maxSeed]) {
      expect(validateRequest("images", imagen({ seed })).ok, String(seed)).toBe(true);
    }
    expect(rejects("images", imagen({ seed: -1 }))).toEqual({
      field: "seed",
      message: "seed: must be at least 0",
    });
    expect(rejects("images", imagen({ seed: maxSeed + 1 })).message).toBe(
      "seed: must be at most 4294967295",
    );
    expect(rejects("images", imagen({ seed: 1.5 })).message).toBe("seed: must be a whole number");
    expect(rejects("images", imagen({ seed: "42" })).message).toBe(
      "seed: expected a number like 42, got string",
    );
    expect(rejects("images", imagen({ seed: true })).message).toBe(
      "seed: expected a number, got boolean",
    );
    expect(rejects("images", imagen({ seed: null })).message).toBe(
      "seed: expected a number, got null",
    );
    expect(rejects("images", imagen({ seed: 2 ** 53 })).field).toBe("seed");
  });

  it("every number is finite", () => {
    expect(rejects("images", imagen({ seed: Infinity })).message).toBe(
      "seed: must be a finite number",
    );
    expect(rejects("videos", { model: "wan-2-6", prompt: "a fox", duration: NaN }).message).toBe(
      "duration: expected a number or a string, got NaN",
    );
    for (const value of [Infinity, -Infinity, NaN]) {
      expect(rejects("images", imagen({ seed: value })).field).toBe("seed");
      expect(
        rejects("speech", { model: "elevenlabs-v3", dialogue: [{ text: "hi" }], stability: value })
          .field,
      ).toBe("stability");
      expect(rejects("videos", { model: "wan-2-6", prompt: "a fox", duration: value }).field).toBe(
        "duration",
      );
      expect(
        rejects("videos", {
          model: "kling-3",
          multi_shots: true,
          multi_prompt: [{ prompt: "shot", duration: value }],
        }).field,
      ).toBe("multi_prompt[0].duration");
      expect(
        rejects("videos", {
          model: "kling-3",
          prompt: "a fox",
          kling_elements: [{ weight: value }],
        }).field,
      ).toBe("kling_elements[0].weight");
    }
  });
});

describe("caps", () => {
  const huge = "a".repeat(600_000);
  const hugeUrl = `https://example.com/${huge}`;
  const many = <T>(item: T) => Array.from({ length: 10_000 }, () => item);
  // Values a field of some type would take, made enormous: none may be accepted anywhere.
  const oversized: [string, unknown][] = [
    ["a huge string", huge],
    ["a huge URL", hugeUrl],
    ["many URLs", many(img)],
    ["many strings", many("x")],
    ["many dialogue lines", many({ text: "hi" })],
    ["many shots", many({ prompt: "shot", duration: 1 })],
    ["many objects", many({})],
    ["a huge string in a list", [huge]],
    ["a huge URL in a list", [hugeUrl]],
    ["a huge line", [{ text: huge }]],
    ["a huge voice", [{ text: "hi", voice: huge }]],
    ["a huge shot", [{ prompt: huge, duration: 1 }]],
    ["a huge object in a list", [{ a: huge }]],
    ["deep nesting", [JSON.parse(`${"[".repeat(100)}${"]".repeat(100)}`)]],
  ];

  it.each(models.map((m) => [m.slug, m] as const))("%s: no field takes unbounded input", (_, m) => {
    for (const name of fieldNames(m)) {
      if (name === "model") continue;
      for (const [label, value] of oversized) {
        const result = validateRequest(m.route, { ...minimal(m), [name]: value });
        expect(result.ok, `${m.slug}.${name} accepted ${label}`).toBe(false);
        if (!result.ok) expect(result.field.startsWith(name), result.field).toBe(true);
      }
    }
  });

  it("states the limits it applies", () => {
    const speech = (dialogue: unknown) => ({ model: "elevenlabs-v3", dialogue });
    expect(validateRequest("speech", speech(Array(100).fill({ text: "hi" }))).ok).toBe(true);
    expect(rejects("speech", speech(Array(101).fill({ text: "hi" }))).message).toBe(
      "dialogue: must have at most 100 items (got 101)",
    );
    expect(rejects("speech", speech([{ text: "x".repeat(5001) }])).message).toBe(
      "dialogue[0].text: must be at most 5000 characters (got 5001)",
    );
    expect(rejects("speech", speech([{ text: "hi", voice: "v".repeat(101) }])).message).toBe(
      "dialogue[0].voice: must be at most 100 characters (got 101)",
    );
    expect(rejects("images", imagen({ negative_prompt: "x".repeat(5001) })).field).toBe(
      "negative_prompt",
    );
    expect(
      rejects("images", {
        model: "seedream/4.5-edit",
        prompt: "edit",
        image_urls: Array(21).fill(img),
      }).message,
    ).toBe("image_urls: must have at most 20 items (got 21)");
    expect(rejects("remove-bg", { image: `https://example.com/${"a".repeat(2048)}` }).message).toBe(
      "image: must be at most 2048 characters (got 2068)",
    );
    expect(rejects("music", { model: "minimax-music", prompt: "x".repeat(5001) }).field).toBe(
      "prompt",
    );
    expect(
      rejects("music", { model: "chirp-v5", prompt: "la", tags: "x".repeat(1001) }).field,
    ).toBe("tags");
    expect(
      rejects("videos", { model: "kling-3", prompt: "a fox", kling_elements: Array(21).fill({}) })
        .message,
    ).toBe("kling_elements: must have at most 20 items (got 21)");
    expect(
      rejects("videos", {
        model: "kling-3",
        prompt: "a fox",
        kling_elements: [{ text: "x".repeat(20_000) }],
      }).message,
    ).toBe("kling_elements: must be at most 20000 characters as JSON (got 20013)");
  });

  it("covers every route", () => {
    expect(new Set(models.map((m) => m.route))).toEqual(new Set(routeIds));
  });
});
