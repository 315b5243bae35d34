import { describe, expect, it } from "vitest";
import { findModel, validateRequest } from "@/lib/catalog";
import { formMessage, withLabels, fieldLabels } from "./form-words";

function entryOf(route: "music" | "videos" | "images", model: string) {
  const entry = findModel(route, model);
  if (!entry) throw new Error(`no ${model}`);
  return entry;
}

function refusal(route: "music" | "videos" | "images", body: Record<string, unknown>) {
  const result = validateRequest(route, body);
  if (result.ok) throw new Error("expected a refusal");
  return result;
}

describe("formMessage", () => {
  it("says the empty music form in the form's words, naming no API field", () => {
    const suno = entryOf("music", "chirp-v3-5");
    const message = formMessage(suno, refusal("music", { model: "chirp-v3-5" }));
    expect(message).toContain("Describe the song");
    expect(message).not.toMatch(/gpt_|prompt\b/);
  });

  it("leads with the field's label and ends as a sentence", () => {
    const kling = entryOf("videos", "kling-3");
    expect(formMessage(kling, refusal("videos", { model: "kling-3", prompt: "ab" }))).toBe(
      "Prompt: must be at least 3 characters.",
    );
  });

  it("replaces every field name inside a message with its label", () => {
    const suno = entryOf("music", "chirp-v3-5");
    const message = formMessage(suno, {
      field: "style",
      message: "style: too long for make_instrumental songs",
    });
    expect(message).toBe("Style: too long for “Instrumental” songs.");
  });

  it("leaves words that merely contain a field name alone", () => {
    const labels = fieldLabels(entryOf("images", "flux-2"));
    expect(withLabels("the prompts and prompt", labels)).toBe("the prompts and “Prompt”");
  });
});
