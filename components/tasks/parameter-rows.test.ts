import { describe, expect, it } from "vitest";
import { models } from "@/lib/catalog";
import { parameterRows } from "./parameter-rows";

const flux = models.find((m) => m.slug === "flux-2");

describe("parameterRows", () => {
  it("labels fields from the catalog, in form order, with unknown keys last", () => {
    const rows = parameterRows(
      { zeta: 1, prompt: "a fox", model: "flux-2", aspect_ratio: "16:9", callback_url: null },
      flux,
    );
    expect(rows.map((r) => r.name)).toEqual(["model", "prompt", "aspect_ratio", "zeta"]);
    expect(rows.find((r) => r.name === "prompt")?.label).toBe("Prompt");
    expect(rows.find((r) => r.name === "zeta")?.label).toBe("zeta");
  });

  it("shows URLs as links, dialogue as lines and the rest as text or JSON", () => {
    const rows = parameterRows(
      {
        input_urls: ["https://x/a.png"],
        dialogue: [{ voice: "Adam", text: "Hi" }],
        flag: false,
        odd: { a: 1 },
      },
      undefined,
    );
    expect(rows.map((r) => r.value.kind)).toEqual(["urls", "lines", "text", "json"]);
    expect(rows[2]?.value).toEqual({ kind: "text", text: "No" });
  });
});
