import { describe, expect, it } from "vitest";
import { models, type ModelEntry } from "@/lib/catalog";
import {
  draftKey,
  readDraft,
  rememberedForm,
  restoreForm,
  restoreValue,
  saveDraft,
  type DraftStorage,
} from "./form-draft";
import { buildBody, initialFormState, switchModel, type FormState } from "./form-values";

function model(slug: string): ModelEntry {
  const entry = models.find((m) => m.slug === slug);
  if (!entry) throw new Error(slug);
  return entry;
}

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

function withValues(state: FormState, values: Record<string, unknown>): FormState {
  return { ...state, values: { ...state.values, ...values } };
}

const key = draftKey("user-1", ["images"]);

describe("page drafts", () => {
  it("gives back the model chosen last with what was typed, as the same request", () => {
    const storage = memoryStorage();
    const typed = withValues(initialFormState(model("seedream-4-5")), {
      prompt: "a lighthouse at dusk",
      aspect_ratio: "16:9",
    });
    saveDraft(storage, key, typed);
    const restored = restoreForm(readDraft(storage, key), ["images"]);
    expect(restored?.entry.slug).toBe("seedream-4-5");
    expect(buildBody(restored!)).toEqual(buildBody(typed));
  });

  it("keeps one draft per page and per user", () => {
    expect(draftKey("user-1", ["images"])).not.toBe(draftKey("user-2", ["images"]));
    expect(draftKey("user-1", ["remove-bg", "upscale"])).toBe(
      "studio:draft:v1:user-1:remove-bg+upscale",
    );
    const storage = memoryStorage();
    saveDraft(storage, key, initialFormState(model("flux-2")));
    expect(readDraft(storage, draftKey("user-2", ["images"]))).toBeUndefined();
    // A draft whose model is not on this page is not used here.
    expect(restoreForm(readDraft(storage, key), ["videos"])).toBeUndefined();
  });

  it("brings back each model's own settings when switching to it, keeping the new prompt", () => {
    const storage = memoryStorage();
    const kling = withValues(initialFormState(model("kling-3")), {
      prompt: "an old prompt",
      duration: 10,
    });
    saveDraft(storage, draftKey("u", ["videos"]), kling);
    const hailuo = withValues(initialFormState(model("hailuo-2-3")), { prompt: "a paper boat" });
    saveDraft(storage, draftKey("u", ["videos"]), hailuo);
    const draft = readDraft(storage, draftKey("u", ["videos"]));
    expect(draft?.model).toBe("hailuo-2-3");
    const back = switchModel(hailuo, model("kling-3"), rememberedForm(draft, model("kling-3")));
    expect(back.values.prompt).toBe("a paper boat");
    expect(back.values.duration).toBe(kling.values.duration);
  });

  it("restores dialogue lines with fresh row ids", () => {
    const storage = memoryStorage();
    const speech = withValues(initialFormState(model("elevenlabs-v3")), {
      dialogue: [
        { id: "line-1", voice: "Adam", text: "Hello." },
        { id: "line-2", voice: "", text: "Hi!", rest: { extra: 1 } },
      ],
    });
    saveDraft(storage, draftKey("u", ["speech"]), speech);
    const restored = restoreForm(readDraft(storage, draftKey("u", ["speech"])), ["speech"]);
    const rows = restored?.values.dialogue as { id: string; text: string }[];
    expect(rows.map((r) => r.text)).toEqual(["Hello.", "Hi!"]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    expect(buildBody(restored!).dialogue).toEqual(buildBody(speech).dialogue);
  });

  it("falls back to defaults for values that no longer fit the catalog", () => {
    const flux = model("flux-2");
    const storage = memoryStorage();
    storage.setItem(
      key,
      JSON.stringify({
        model: "flux-2",
        models: {
          "flux-2": { values: { prompt: 42, aspect_ratio: "7:3", nope: "x" }, extras: {} },
        },
      }),
    );
    const restored = restoreForm(readDraft(storage, key), ["images"]);
    expect(restored?.values).toEqual(initialFormState(flux).values);
    const ratio = flux.fields.find((f) => f.name === "aspect_ratio")!;
    expect(restoreValue(ratio, "7:3")).toBeUndefined();
  });

  it("ignores storage that is broken, full or forbidden", () => {
    const broken = memoryStorage();
    broken.setItem(key, "{not json");
    expect(readDraft(broken, key)).toBeUndefined();
    broken.setItem(key, JSON.stringify({ model: 3 }));
    expect(readDraft(broken, key)).toBeUndefined();
    const throwing: DraftStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(readDraft(throwing, key)).toBeUndefined();
    expect(() => saveDraft(throwing, key, initialFormState(model("flux-2")))).not.toThrow();
    expect(readDraft(undefined, key)).toBeUndefined();
  });
});
