// A card takes the shape its request asked for before its media loads (no jump as it arrives).
import { describe, expect, it } from "vitest";
import { knownAspect, ratioOf } from "./card-media";

describe("ratioOf and knownAspect", () => {
  it("reads a request's aspect_ratio, within the shapes a card allows", () => {
    expect(ratioOf("16:9")).toBeCloseTo(16 / 9);
    expect(ratioOf("3:4")).toBe(0.75);
    expect(ratioOf("21:9")).toBeCloseTo(21 / 9);
    expect(ratioOf("1:8")).toBe(0.5);
    for (const other of [null, undefined, "auto", "match_input_image", "0:1", "16x9"]) {
      expect(ratioOf(other), String(other)).toBeUndefined();
    }
  });

  it("uses the asked shape until the media's own is known", () => {
    expect(knownAspect("https://x.test/never-seen.png", "image", 0.75)).toBe(0.75);
    expect(knownAspect(undefined, "video")).toBeCloseTo(16 / 9);
    expect(knownAspect(undefined, "image")).toBe(1);
  });
});
