import { describe, expect, it } from "vitest";
import { maxSeed, models, validateRequest } from "@/lib/catalog";
import {
  bodyFromSeedLink,
  randomSeed,
  reuseSeedHref,
  seedFieldOf,
  seedOfRequest,
} from "./seed-values";

const imagen = models.find((m) => m.slug === "imagen-4")!;
const flux = models.find((m) => m.slug === "flux-2")!;

describe("randomSeed", () => {
  const field = seedFieldOf(imagen);

  it("stays within the catalog's range at both ends", () => {
    expect(randomSeed(field, () => 0)).toBe(0);
    expect(randomSeed(field, () => 0.999999999999)).toBe(maxSeed);
  });

  it("gives whole numbers the model accepts", () => {
    for (let i = 0; i < 200; i++) {
      const seed = randomSeed(field);
      expect(Number.isInteger(seed)).toBe(true);
      const check = validateRequest("images", { model: "imagen4", prompt: "a fox", seed });
      expect(check.ok, String(seed)).toBe(true);
    }
  });
});

describe("seeds of tasks", () => {
  it("reads a seed only where the model takes one", () => {
    expect(seedOfRequest(imagen, { seed: 42 })).toBe(42);
    expect(seedOfRequest(imagen, { seed: "42" })).toBeUndefined();
    expect(seedOfRequest(imagen, { seed: maxSeed + 1 })).toBeUndefined();
    expect(seedOfRequest(flux, { seed: 42 })).toBeUndefined();
    expect(seedOfRequest(undefined, { seed: 42 })).toBeUndefined();
  });

  it("links to the model's page and reads the link back as the model and seed only", () => {
    const href = reuseSeedHref(imagen, "imagen4-fast", 1234);
    expect(href).toBe("/images?model=imagen4-fast&seed=1234");
    const params = new URL(href, "http://x").searchParams;
    expect(bodyFromSeedLink(params.get("model"), params.get("seed"))).toEqual({
      route: "images",
      body: { model: "imagen4-fast", seed: 1234 },
    });
  });

  it("refuses links with no seed-taking model or a bad seed", () => {
    expect(bodyFromSeedLink("flux-2", "12")).toBeUndefined();
    expect(bodyFromSeedLink("imagen-4", "-1")).toBeUndefined();
    expect(bodyFromSeedLink("imagen-4", "1e3")).toBeUndefined();
    expect(bodyFromSeedLink("imagen-4", String(maxSeed + 1))).toBeUndefined();
    expect(bodyFromSeedLink("imagen-4", "7")?.body).toEqual({ model: "imagen4", seed: 7 });
  });
});
