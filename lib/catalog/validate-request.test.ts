import { describe, expect, it } from "vitest";
import { models, validateRequest, type RouteId } from "./index";
import { img, minimalBodies, vid } from "./test-bodies";
import { videoPromptMin } from "./video-models";

function rejects(route: RouteId, body: unknown) {
  const result = validateRequest(route, body);
  if (result.ok) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  return { field: result.field, message: result.message };
}

const flux = (extra: Record<string, unknown>) => ({
  model: "flux-2",
  prompt: "a red fox",
  ...extra,
});

describe("validateRequest: valid bodies", () => {
  it.each(models.map((m) => [m.slug, m] as const))("accepts the minimal body for %s", (slug, m) => {
    const minimal = minimalBodies[slug];
    if (!minimal) throw new Error(`add a minimal body for ${slug} to test-bodies.ts`);
    expect(minimal.route).toBe(m.route);
    const result = validateRequest(minimal.route, minimal.body);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.model.slug).toBe(slug);
  });

  it("returns the body exactly as sent: no defaults added", () => {
    const body = { model: "kling-3", prompt: "a fox runs", kling_elements: [{ deep: [1, 2] }] };
    const result = validateRequest("videos", body);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.body).toEqual(body);
    expect(Object.keys(result.body).sort()).toEqual(["kling_elements", "model", "prompt"]);
  });

  it("accepts full documented bodies", () => {
    const cases: [RouteId, Record<string, unknown>][] = [
      ["images", flux({ aspect_ratio: "9:16", type: "flex", resolution: "2K", input_urls: [img] })],
      [
        "images",
        { model: "seedream/4.5-edit", prompt: "make it blue", image_urls: [img], quality: "high" },
      ],
      [
        "images",
        {
          model: "imagen4-ultra",
          prompt: "a red fox",
          negative_prompt: "blur",
          num_images: 4,
          seed: 42,
          aspect_ratio: "3:4",
        },
      ],
      ["images", { model: "grok-imagine/upscale", prompt: "upscale it", task_id: "n31xxxx_grok" }],
      [
        "images",
        {
          model: "kling-image-o1",
          prompt: "same hero, new scene",
          type: "ai-multi-shot",
          images: [img],
          aspect_ratio: "auto",
          resolution: "2k",
          num_images: 9,
        },
      ],
      [
        "images",
        {
          model: "ideogram-v3-quality",
          prompt: "a poster",
          style: "Design",
          image: img,
          mask_image: img,
          reference_images: [img],
        },
      ],
      [
        "videos",
        {
          model: "kling-3",
          prompt: "a fox runs",
          mode: "pro",
          duration: 15,
          aspect_ratio: "1:1",
          sound: false,
          image: img,
          kling_elements: [{ anything: true }],
        },
      ],
      [
        "videos",
        {
          model: "kling-3",
          multi_shots: true,
          multi_prompt: [{ prompt: "shot one", duration: 3 }],
        },
      ],
      [
        "videos",
        {
          model: "seedance-1-5-pro",
          prompt: "a fox runs",
          duration: "12",
          resolution: "480p",
          generateAudio: true,
          fixedLens: true,
        },
      ],
      [
        "videos",
        {
          model: "hailuo-2-3",
          prompt: "a fox runs",
          image: img,
          duration: "10",
          resolution: "768P",
        },
      ],
      ["videos", { model: "grok-imagine/image-to-video", image_urls: [img] }],
      [
        "videos",
        { model: "pixverse", prompt: "a fox runs", image: img, generate_audio_switch: true },
      ],
      [
        "music",
        {
          model: "chirp-v4-5",
          prompt: "verse one",
          style: "pop",
          title: "Summer",
          make_instrumental: false,
          gender: "female",
          style_weight: 0.5,
          callback_url: "https://example.com/hook",
        },
      ],
      ["music", { model: "suno-v4-5", gpt_description_prompt: "a sea shanty" }],
      [
        "speech",
        {
          model: "elevenlabs-v3",
          dialogue: [{ text: "Hello.", voice: "narrator" }, { text: "Hi!" }],
          stability: 0,
          language_code: "en",
        },
      ],
      ["remove-bg", { model: "bg-remover", image: img }],
      [
        "face-swap",
        {
          model: "face-swap",
          image: img,
          face_image: img,
          target_index: 10,
          output_format: "webp",
        },
      ],
      ["face-swap", { model: "face-swap", image: img, face_image: img, output_format: "jpeg" }],
      ["face-swap", { model: "face-swap", image: img, face_image: img, output_format: "jpg" }],
      ["video-bg-remover", { model: "video-bg-remover", video: vid, background_image: img }],
    ];
    for (const [route, body] of cases) {
      expect(validateRequest(route, body), JSON.stringify(body)).toMatchObject({ ok: true });
    }
  });
});

describe("validateRequest: the body and the model", () => {
  it("refuses a body that is not an object", () => {
    expect(rejects("images", null)).toEqual({
      field: "body",
      message: "body: expected a JSON object, got null",
    });
    expect(rejects("images", [flux({})]).message).toBe("body: expected a JSON object, got array");
    expect(rejects("remove-bg", "https://x.y/z.png").message).toBe(
      "body: expected a JSON object, got string",
    );
  });

  it("requires model on generation routes", () => {
    expect(rejects("images", { prompt: "a red fox" })).toEqual({
      field: "model",
      message: "model: required",
    });
    expect(rejects("speech", { dialogue: [{ text: "hi" }] }).message).toBe("model: required");
  });

  it("names unknown models and the route", () => {
    expect(rejects("images", { model: "foo", prompt: "a red fox" })).toEqual({
      field: "model",
      message: 'model: unknown model "foo" for /images/generations',
    });
    expect(rejects("videos", { model: "flux-2", prompt: "x" }).message).toBe(
      'model: unknown model "flux-2" for /videos/generations',
    );
    expect(rejects("remove-bg", { model: "face-swap", image: img }).message).toBe(
      'model: unknown model "face-swap" for /images/tools/remove-bg',
    );
  });

  it("suggests the right case for a near miss", () => {
    expect(rejects("images", { model: "Imagen4", prompt: "a red fox" }).message).toBe(
      'model: unknown model "Imagen4" for /images/generations (did you mean "imagen4"?)',
    );
  });

  it("refuses a model that is not a non-empty string", () => {
    expect(rejects("images", { model: 2, prompt: "a red fox" }).message).toBe(
      "model: expected a string, got number",
    );
    expect(rejects("images", { model: "", prompt: "a red fox" }).message).toBe(
      "model: must not be empty",
    );
  });
});

describe("validateRequest: field errors", () => {
  it("enforces prompt length per model", () => {
    expect(rejects("images", flux({ prompt: "ab" }))).toEqual({
      field: "prompt",
      message: "prompt: must be at least 3 characters",
    });
    expect(rejects("images", flux({ prompt: "x".repeat(5001) })).message).toBe(
      "prompt: must be at most 5000 characters (got 5001)",
    );
    expect(rejects("images", flux({ prompt: "   " })).message).toBe("prompt: must not be blank");
    expect(rejects("images", { model: "flux-2" }).message).toBe("prompt: required");
    expect(rejects("videos", { model: "kling-3", prompt: "x".repeat(2501) }).message).toBe(
      "prompt: must be at most 2500 characters (got 2501)",
    );
    expect(rejects("videos", { model: "pixverse", prompt: "x".repeat(2501) }).field).toBe("prompt");
    expect(
      validateRequest("videos", { model: "grok-imagine/text-to-video", prompt: "x".repeat(5000) })
        .ok,
    ).toBe(true);
    expect(
      rejects("videos", { model: "grok-imagine/text-to-video", prompt: "x".repeat(5001) }).field,
    ).toBe("prompt");
  });

  it("lists the allowed values of an enum", () => {
    expect(rejects("images", flux({ aspect_ratio: "4:3" }))).toEqual({
      field: "aspect_ratio",
      message: "aspect_ratio: must be one of 1:1, 16:9, 9:16",
    });
    expect(rejects("images", flux({ type: "max" })).message).toBe("type: must be one of pro, flex");
  });

  it("points out resolution case drift between models", () => {
    expect(
      rejects("images", { model: "kling-image-o1", prompt: "a red fox", resolution: "2K" }).message,
    ).toBe('resolution: must be one of 1k, 2k (case matters: did you mean "2k"?)');
    expect(rejects("images", flux({ resolution: "1k" })).message).toBe(
      'resolution: must be one of 1K, 2K (case matters: did you mean "1K"?)',
    );
    const hailuo = { model: "hailuo-2-3", prompt: "a fox runs", image: img };
    expect(rejects("videos", { ...hailuo, resolution: "1080p" }).message).toBe(
      'resolution: must be one of 768P, 1080P (case matters: did you mean "1080P"?)',
    );
  });

  it("explains duration type drift both ways", () => {
    expect(rejects("videos", { model: "seedance-1-5-pro", prompt: "a fox", duration: 8 })).toEqual({
      field: "duration",
      message: 'duration: expected a string like "8", got number',
    });
    expect(
      rejects("videos", { model: "hailuo-2-3", prompt: "a fox", image: img, duration: 6 }).message,
    ).toBe('duration: expected a string like "6", got number');
    expect(rejects("videos", { model: "kling-3", prompt: "a fox", duration: "5" })).toEqual({
      field: "duration",
      message: "duration: expected a number like 5, got string",
    });
    expect(
      rejects("videos", { model: "seedance-1-5-pro", prompt: "a fox", duration: 5 }).message,
    ).toBe('duration: must be one of "4", "8", "12" (as a string), got number');
    expect(
      rejects("videos", { model: "seedance-1-5-pro", prompt: "a fox", duration: "6" }).message,
    ).toBe("duration: must be one of 4, 8, 12");
  });

  it("bounds numbers", () => {
    expect(rejects("videos", { model: "kling-3", prompt: "a fox", duration: 2 }).message).toBe(
      "duration: must be at least 3",
    );
    expect(rejects("videos", { model: "kling-3", prompt: "a fox", duration: 16 }).message).toBe(
      "duration: must be at most 15",
    );
    expect(rejects("videos", { model: "kling-3", prompt: "a fox", duration: 5.5 }).message).toBe(
      "duration: must be a whole number",
    );
    const speech = { model: "elevenlabs-v3", dialogue: [{ text: "hi" }] };
    expect(rejects("speech", { ...speech, stability: 1.2 })).toEqual({
      field: "stability",
      message: "stability: must be at most 1",
    });
    expect(rejects("speech", { ...speech, stability: "0.5" }).message).toBe(
      "stability: expected a number like 0.5, got string",
    );
    const swap = { model: "face-swap", image: img, face_image: img };
    expect(rejects("face-swap", { ...swap, target_index: 11 }).message).toBe(
      "target_index: must be at most 10",
    );
    expect(rejects("face-swap", { ...swap, target_index: 1.5 }).message).toBe(
      "target_index: must be a whole number",
    );
    expect(
      rejects("images", { model: "kling-image-o1", prompt: "a red fox", num_images: 10 }).message,
    ).toBe("num_images: must be at most 9");
  });

  it("type-checks booleans, including camelCase ones", () => {
    expect(rejects("videos", { model: "kling-3", prompt: "a fox", sound: "true" }).message).toBe(
      "sound: expected true or false, got string",
    );
    expect(
      rejects("videos", { model: "seedance-1-5-pro", prompt: "a fox", generateAudio: 1 }).message,
    ).toBe("generateAudio: expected a boolean, got number");
  });

  it("requires http(s) URLs", () => {
    expect(rejects("remove-bg", { image: "ftp://example.com/a.png" })).toEqual({
      field: "image",
      message: "image: must be an http(s) URL",
    });
    expect(rejects("remove-bg", { image: "/local/a.png" }).field).toBe("image");
    expect(rejects("remove-bg", {}).message).toBe("image: required");
    expect(rejects("images", flux({ input_urls: [img, "data:image/png;base64,AAA"] }))).toEqual({
      field: "input_urls[1]",
      message: "input_urls[1]: must be an http(s) URL",
    });
    expect(rejects("images", flux({ input_urls: img })).message).toBe(
      "input_urls: expected an array, got string",
    );
    expect(rejects("images", flux({ callback_url: "not a url" })).message).toBe(
      "callback_url: must be an http(s) URL",
    );
    expect(
      rejects("video-bg-remover", {
        model: "video-bg-remover",
        video: vid,
        background_image: "file:///x.png",
      }).field,
    ).toBe("background_image");
    expect(
      rejects("video-bg-remover", { model: "video-bg-remover", background_image: img }).message,
    ).toBe("video: required");
    expect(rejects("face-swap", { model: "face-swap", image: img }).message).toBe(
      "face_image: required",
    );
  });

  it("caps list lengths", () => {
    expect(rejects("images", flux({ input_urls: Array(9).fill(img) })).message).toBe(
      "input_urls: must have at most 8 items (got 9)",
    );
    expect(
      rejects("images", {
        model: "kling-image-o1",
        prompt: "a red fox",
        images: Array(11).fill(img),
      }).message,
    ).toBe("images: must have at most 10 items (got 11)");
  });

  it("checks dialogue lines", () => {
    const speech = (dialogue: unknown) => ({ model: "elevenlabs-v3", dialogue });
    expect(rejects("speech", { model: "elevenlabs-v3" })).toEqual({
      field: "dialogue",
      message: "dialogue: required",
    });
    expect(rejects("speech", speech([])).message).toBe("dialogue: must not be empty");
    expect(rejects("speech", speech("hello")).message).toBe(
      "dialogue: expected an array, got string",
    );
    expect(rejects("speech", speech([{ text: "ok" }, { text: "" }]))).toEqual({
      field: "dialogue[1].text",
      message: "dialogue[1].text: must not be empty",
    });
    expect(rejects("speech", speech([{ voice: "narrator" }])).message).toBe(
      "dialogue[0].text: required",
    );
    expect(rejects("speech", speech([{ text: "hi", voice: 3 }])).message).toBe(
      'dialogue[0].voice: expected a string like "3", got number',
    );
    expect(rejects("speech", { ...speech([{ text: "hi" }]), language_code: 1 }).field).toBe(
      "language_code",
    );
  });

  it("accepts the union of face-swap output formats and nothing else", () => {
    expect(
      rejects("face-swap", {
        model: "face-swap",
        image: img,
        face_image: img,
        output_format: "gif",
      }).message,
    ).toBe("output_format: must be one of jpeg, jpg, png, webp");
  });

  it("reports the first problem in form order", () => {
    expect(rejects("images", { model: "flux-2", prompt: "a", aspect_ratio: "2:1" }).field).toBe(
      "prompt",
    );
  });
});

describe("validateRequest: requirements that depend on other fields", () => {
  it("seedream edit needs source images", () => {
    expect(rejects("images", { model: "seedream/4.5-edit", prompt: "make it blue" })).toEqual({
      field: "image_urls",
      message: "image_urls: required for seedream/4.5-edit",
    });
    expect(
      rejects("images", { model: "seedream/4.5-edit", prompt: "make it blue", image_urls: [] })
        .field,
    ).toBe("image_urls");
  });

  it("grok-imagine upscale needs the task to upscale", () => {
    expect(rejects("images", { model: "grok-imagine/upscale", prompt: "upscale it" })).toEqual({
      field: "task_id",
      message: "task_id: required for grok-imagine/upscale",
    });
  });

  it("grok-video needs a prompt for text-to-video and images for image-to-video", () => {
    expect(rejects("videos", { model: "grok-imagine/text-to-video" })).toEqual({
      field: "prompt",
      message: "prompt: required for text-to-video",
    });
    expect(rejects("videos", { model: "grok-imagine/image-to-video", prompt: "move" })).toEqual({
      field: "image_urls",
      message: "image_urls: required for grok-imagine/image-to-video",
    });
    expect(validateRequest("videos", { model: "grok-video", image_urls: [img] }).ok).toBe(true);
    expect(rejects("videos", { model: "grok-video" }).field).toBe("prompt");
  });

  it("hailuo needs a start image and offers 1080P at 6 s only", () => {
    expect(rejects("videos", { model: "hailuo-2-3", prompt: "a fox runs" })).toEqual({
      field: "image",
      message: "image: required",
    });
    const body = { model: "hailuo-2-3", prompt: "a fox runs", image: img, resolution: "1080P" };
    expect(validateRequest("videos", body).ok).toBe(true);
    expect(rejects("videos", { ...body, duration: "10" })).toEqual({
      field: "duration",
      message: 'duration: 1080P supports only "6"',
    });
  });

  it("kling-3 needs a prompt unless multi-shot prompts are given", () => {
    expect(rejects("videos", { model: "kling-3" })).toEqual({
      field: "prompt",
      message: "prompt: required unless multi_shots is on",
    });
    expect(rejects("videos", { model: "kling-3", multi_shots: true }).field).toBe("multi_prompt");
    expect(
      validateRequest("videos", { model: "kling-3", multi_shots: true, prompt: "a fox" }).ok,
    ).toBe(true);
  });

  it("video prompts take at least the catalog's minimum, on every video model", () => {
    for (const model of ["kling-3", "seedance-1-5-pro", "grok-imagine/text-to-video", "pixverse"]) {
      expect(rejects("videos", { model, prompt: "ab" })).toEqual({
        field: "prompt",
        message: `prompt: must be at least ${videoPromptMin} characters`,
      });
    }
    expect(validateRequest("videos", { model: "kling-3", prompt: "abc" }).ok).toBe(true);
  });

  it("suno needs lyrics or a description, with tier-dependent lyric limits", () => {
    expect(rejects("music", { model: "chirp-v4-5", title: "Untitled" })).toEqual({
      field: "gpt_description_prompt",
      message:
        "gpt_description_prompt: required for inspiration mode, or send prompt (lyrics) for custom mode",
    });
    const refused = validateRequest("music", { model: "chirp-v4-5" });
    // Forms show the rule's own words, which name no API field.
    expect(refused.ok ? undefined : refused.hint).toBe(
      "Describe the song, or write your own lyrics below.",
    );
    expect(
      rejects("music", { model: "chirp-v4-5", gpt_description_prompt: "x".repeat(401) }).message,
    ).toBe("gpt_description_prompt: must be at most 400 characters (got 401)");
    const lyrics = "la ".repeat(1200); // 3600 characters
    expect(validateRequest("music", { model: "chirp-v4-5", prompt: lyrics }).ok).toBe(true);
    expect(rejects("music", { model: "chirp-v4-0", prompt: lyrics }).message).toBe(
      "prompt: must be at most 3000 characters on Suno v3.5 and v4 (got 3600); v4.5 and later take 5000",
    );
    expect(rejects("music", { model: "suno", prompt: lyrics }).field).toBe("prompt");
    expect(rejects("music", { model: "chirp-v5", prompt: "x".repeat(5001) }).field).toBe("prompt");
    expect(
      rejects("music", { model: "chirp-v5", prompt: "la", style: "x".repeat(1001) }).field,
    ).toBe("style");
    expect(
      rejects("music", { model: "chirp-v5", prompt: "la", title: "x".repeat(81) }).message,
    ).toBe("title: must be at most 80 characters (got 81)");
    expect(rejects("music", { model: "chirp-v5", prompt: "la", gender: "other" }).message).toBe(
      "gender: must be one of male, female",
    );
  });
});
