import { describe, expect, it } from "vitest";
import { findModel, models, validateRequest, type ModelEntry } from "@/lib/catalog";
import { minimalBodies } from "@/lib/catalog/test-bodies";
import {
  bodyFingerprint,
  buildBody,
  fieldDomId,
  initialFormState,
  parseItemPath,
  subPath,
  switchModel,
  type DialogueRow,
  type FormState,
} from "./form-values";

const img = "https://cdn.example.com/in.png";

function model(slug: string): ModelEntry {
  const entry = models.find((m) => m.slug === slug);
  if (!entry) throw new Error(slug);
  return entry;
}

function withValues(state: FormState, values: Record<string, unknown>): FormState {
  return { ...state, values: { ...state.values, ...values } };
}

/** What a person fills in before Run: required text and media fields. */
function filledIn(entry: ModelEntry): FormState {
  const state = initialFormState(entry);
  const values: Record<string, unknown> = {};
  for (const field of entry.fields) {
    const kind = field.control.kind;
    if (kind === "prompt" && (field.required || field.name === "prompt"))
      values[field.name] = "a red fox";
    if ((kind === "image-url" || kind === "video-url") && field.required) values[field.name] = img;
    if (kind === "dialogue") values[field.name] = [{ id: "l1", voice: "", text: "Hello." }];
  }
  return withValues(state, values);
}

describe("buildBody", () => {
  it("keeps each model's exact types from the catalog defaults", () => {
    const seedance = buildBody(filledIn(model("seedance-1-5-pro")));
    expect(seedance).toMatchObject({
      model: "seedance-1-5-pro",
      duration: "8",
      generateAudio: false,
      resolution: "720p",
    });
    const kling = buildBody(filledIn(model("kling-3")));
    expect(kling).toMatchObject({ model: "kling-3", duration: 5, sound: true, mode: "std" });
    expect(Object.keys(kling)[0]).toBe("model");
  });

  it("sends the model value for single-value models and none on tool routes", () => {
    expect(buildBody(filledIn(model("flux-2"))).model).toBe("flux-2");
    expect(buildBody(filledIn(model("bg-remover")))).toEqual({ image: img });
  });

  it("leaves out empty optional fields", () => {
    const state = withValues(filledIn(model("flux-2")), { input_urls: ["", "  "] });
    expect(buildBody(state)).not.toHaveProperty("input_urls");
    const imagen = buildBody(
      withValues(filledIn(model("imagen-4")), { seed: "", negative_prompt: "" }),
    );
    expect(imagen).not.toHaveProperty("seed");
    expect(imagen).not.toHaveProperty("negative_prompt");
  });

  it("turns number text into numbers, and leaves garbage for the validator to name", () => {
    const entry = model("imagen-4");
    expect(buildBody(withValues(filledIn(entry), { seed: " 42 " })).seed).toBe(42);
    const bad = buildBody(withValues(filledIn(entry), { seed: "4x" }));
    expect(bad.seed).toBe("4x");
    expect(validateRequest("images", bad)).toMatchObject({ ok: false, field: "seed" });
  });

  it("sends the prompt exactly as typed and trims URLs", () => {
    const prompt = "  two spaces, a 'quote'\nand a newline  ";
    const body = buildBody(
      withValues(filledIn(model("hailuo-2-3")), { prompt, image: `  ${img}  ` }),
    );
    expect(body.prompt).toBe(prompt);
    expect(body.image).toBe(img);
  });

  it("builds dialogue lines and points errors at the right row", () => {
    const entry = model("elevenlabs-v3");
    const rows: DialogueRow[] = [
      { id: "a", voice: " Adam ", text: "Hello there." },
      { id: "b", voice: "", text: "" },
    ];
    const body = buildBody(withValues(initialFormState(entry), { dialogue: rows }));
    expect(body.dialogue).toEqual([{ text: "Hello there.", voice: "Adam" }, { text: "" }]);
    const result = validateRequest("speech", body);
    expect(result).toMatchObject({ ok: false, field: "dialogue[1].text" });
    if (result.ok) return;
    const sub = subPath("dialogue", result.field);
    expect(sub).toBe("[1].text");
    expect(parseItemPath(sub ?? "")).toEqual({ index: 1, key: "text" });
    expect(fieldDomId("gen", result.field)).toBe("gen-dialogue-1-text");
    expect(subPath("prompt", "prompt")).toBe("");
    expect(subPath("prompt", "prompt_extra")).toBeUndefined();
  });

  it("keeps body keys no field shows when refilled", () => {
    const entry = model("flux-2");
    const state = initialFormState(entry, {
      model: "flux-2",
      prompt: "a fox",
      callback_url: "https://example.com/hook",
    });
    expect(buildBody(state).callback_url).toBe("https://example.com/hook");
  });
});

describe("every model", () => {
  it.each(models.map((m) => [m.slug, m] as const))(
    "%s: the filled-in default form is a valid body with a price or a known null",
    (_, entry) => {
      const body = buildBody(filledIn(entry));
      const result = validateRequest(entry.route, body);
      expect(result.ok ? "ok" : result.message).toBe("ok");
      const credits = entry.price(body);
      expect(credits === null || Number.isFinite(credits)).toBe(true);
    },
  );

  it.each(Object.entries(minimalBodies))(
    "%s: a refilled body round-trips",
    (_, { route, body }) => {
      const entry = findModel(route, typeof body.model === "string" ? body.model : undefined);
      if (!entry) throw new Error("no model");
      const sent = buildBody(initialFormState(entry, body));
      expect(validateRequest(route, sent).ok).toBe(true);
      for (const [key, value] of Object.entries(body)) expect(sent[key]).toEqual(value);
      // Refilling what the form sent gives the same body again (Retry).
      expect(buildBody(initialFormState(entry, sent))).toEqual(sent);
    },
  );
});

describe("switchModel", () => {
  it("keeps the prompt and values that still fit, and resets the rest", () => {
    const flux = withValues(filledIn(model("flux-2")), {
      prompt: "a lighthouse",
      aspect_ratio: "16:9",
      input_urls: [img],
    });
    const seedream = switchModel(flux, model("seedream-4-5"));
    expect(seedream.values.prompt).toBe("a lighthouse");
    expect(seedream.values.aspect_ratio).toBe("16:9");
    expect(seedream.values.model).toBe("seedream/4.5-text-to-image");

    const gpt = switchModel(flux, model("gpt-image-1.5-official"));
    expect(gpt.values.aspect_ratio).toBe("1:1");
    expect(gpt.values.input_urls).toEqual([img]);
  });

  it("carries the image between tools", () => {
    const removeBg = withValues(initialFormState(model("bg-remover")), { image: img });
    expect(switchModel(removeBg, model("image-upscale")).values.image).toBe(img);
  });
});

describe("bodyFingerprint", () => {
  it("ignores key order but not values or route", () => {
    expect(bodyFingerprint("images", { a: 1, b: [{ y: 1, x: 2 }] })).toBe(
      bodyFingerprint("images", { b: [{ x: 2, y: 1 }], a: 1 }),
    );
    expect(bodyFingerprint("images", { a: 1 })).not.toBe(bodyFingerprint("images", { a: 2 }));
    expect(bodyFingerprint("images", { a: 1 })).not.toBe(bodyFingerprint("videos", { a: 1 }));
  });
});
