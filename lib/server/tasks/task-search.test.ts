import { describe, expect, it } from "vitest";
import { searchQueryOf, searchTextOf } from "./task-search";

describe("searchTextOf", () => {
  it("takes the words people wrote, as the migration's backfill does, and no negative prompt", () => {
    expect(
      searchTextOf({ model: "flux-2", prompt: " A red fox ", negative_prompt: "blurry" }),
    ).toBe("A red fox");
    expect(
      searchTextOf({ gpt_description_prompt: "sea shanty", title: "Harbour", style: "folk" }),
    ).toBe("sea shanty\nHarbour\nfolk");
    expect(searchTextOf({ dialogue: [{ text: "Hello" }, { text: "fox trot" }, "x"] })).toBe(
      "Hello\nfox trot",
    );
    expect(searchTextOf({ multi_prompt: [{ prompt: "wide shot" }, { prompt: 4 }] })).toBe(
      "wide shot",
    );
    expect(searchTextOf({ image_url: "https://x/a.png" })).toBeNull();
  });
});

describe("searchQueryOf", () => {
  it("makes every word a prefix and lets no tsquery syntax through", () => {
    expect(searchQueryOf("red fo")).toBe("red:* & fo:*");
    expect(searchQueryOf("  fox & !red | (snow):* 'x'")).toBe("fox:* & red:* & snow:* & x:*");
    expect(searchQueryOf("café-crème")).toBe("café:* & crème:*");
    expect(searchQueryOf("नमस्ते दुनिया")).toBe("नमस्ते:* & दुनिया:*");
    expect(searchQueryOf("& | ! ( ) : * '")).toBeNull();
    expect(searchQueryOf("🦊 !!!")).toBeNull();
    expect(searchQueryOf(undefined)).toBeNull();
  });
});
