import { describe, expect, it } from "vitest";
import { examplesFor, promptExamples } from "./examples";
import { models } from "./models";
import { textLength } from "./text";

const promptLike = models.flatMap((m) =>
  m.fields
    .filter((f) => f.control.kind === "prompt" || f.control.kind === "dialogue")
    .map((f) => ({ model: m, field: f })),
);

describe("example prompts", () => {
  it.each(promptLike.map((p) => [`${p.model.slug} ${p.field.name}`, p] as const))(
    "%s has three or four examples, each within the field's limits",
    (_, { model, field }) => {
      const examples = examplesFor(model.slug, field.name);
      expect(examples.length).toBeGreaterThanOrEqual(3);
      expect(examples.length).toBeLessThanOrEqual(4);
      const labels = new Set(examples.map((e) => e.label));
      expect(labels.size, "labels are distinct").toBe(examples.length);
      for (const example of examples) {
        expect(example.label.length).toBeLessThanOrEqual(24);
        if (field.control.kind === "prompt") {
          expect("text" in example, example.label).toBe(true);
          const text = "text" in example ? example.text : "";
          expect(textLength(text)).toBeGreaterThanOrEqual(field.control.min ?? 1);
          expect(textLength(text)).toBeLessThanOrEqual(field.control.max ?? Infinity);
        } else {
          expect("lines" in example, example.label).toBe(true);
          if ("lines" in example) expect(example.lines.length).toBeGreaterThan(0);
        }
      }
    },
  );

  it("names only models and fields of the catalog", () => {
    for (const [slug, fields] of Object.entries(promptExamples)) {
      const model = models.find((m) => m.slug === slug);
      expect(model, slug).toBeDefined();
      for (const name of Object.keys(fields)) {
        expect(
          model?.fields.some((f) => f.name === name),
          `${slug}.${name}`,
        ).toBe(true);
      }
    }
  });
});
