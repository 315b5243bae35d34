import { describe, expect, it } from "vitest";
import { findModel, validateRequest } from "@/lib/catalog";
import {
  addColumn,
  changeColumnModel,
  columnBody,
  columnPrice,
  initialSetup,
  parseColumnParam,
  totalPrice,
  validateSetup,
} from "./compare-state";

describe("the Compare setup", () => {
  it("starts with three different image models and sends the shared prompt in each body", () => {
    const setup = initialSetup("images", "a red fox in the snow");
    expect(setup.columns.map((c) => c.form.entry.slug)).toEqual([
      "flux-2",
      "seedream-4-5",
      "gpt-image-1.5-official",
    ]);
    for (const column of setup.columns) {
      const body = columnBody(column, setup.prompt);
      expect(body.prompt).toBe("a red fox in the snow");
      expect(validateRequest("images", body).ok).toBe(true);
    }
  });

  it("puts the prompt in each model's own field: a song description, a spoken line", () => {
    const music = initialSetup("music", "a calm piano piece");
    expect(columnBody(music.columns[0]!, music.prompt)).toMatchObject({
      gpt_description_prompt: "a calm piano piece",
    });
    expect(columnBody(music.columns[1]!, music.prompt)).toMatchObject({
      prompt: "a calm piano piece",
    });
    const speech = initialSetup("speech", "Welcome to the Studio.");
    const voiced = { ...speech.columns[1]!, voice: "narrator" };
    expect(columnBody(voiced, speech.prompt).dialogue).toEqual([
      { text: "Welcome to the Studio.", voice: "narrator" },
    ]);
    expect(validateRequest("speech", columnBody(voiced, speech.prompt)).ok).toBe(true);
  });

  it("prices each column and the total; an unpublished price makes the total unknown", () => {
    const setup = initialSetup("images", "a red fox in the snow");
    const prices = setup.columns.map((c) => columnPrice(c, setup.prompt));
    const sum = prices.reduce((a, p) => a + (p.credits ?? 0), 0);
    expect(totalPrice(prices).credits).toBe(sum);
    expect(totalPrice([...prices, { credits: null, approximate: false }]).credits).toBeNull();
  });

  it("adds models not shown yet, up to four columns", () => {
    let setup = initialSetup("images");
    setup = addColumn(setup);
    expect(setup.columns).toHaveLength(4);
    expect(new Set(setup.columns.map((c) => c.form.entry.slug)).size).toBe(4);
    expect(addColumn(setup).columns).toHaveLength(4);
  });

  it("finds each column's first problem in the form's words, and reads the server's param", () => {
    const setup = initialSetup("images", "x");
    const imagen = findModel("images", "imagen4")!;
    setup.columns[2] = changeColumnModel(setup.columns[2]!, imagen);
    const problems = validateSetup(setup);
    expect(problems.map((p) => [p.column, p.field])).toEqual([
      [0, "prompt"],
      [1, "prompt"],
      [2, "prompt"],
    ]);
    expect(problems[0]?.message).toMatch(/^[A-Z]/);
    expect(problems[0]?.message).not.toContain("prompt:");
    expect(parseColumnParam("columns[1].dialogue[0].text")).toEqual({
      column: 1,
      field: "dialogue[0].text",
    });
    expect(parseColumnParam("prompt")).toBeUndefined();
  });
});
