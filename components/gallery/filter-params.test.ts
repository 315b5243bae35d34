import { describe, expect, it } from "vitest";
import {
  galleryQueryString,
  hasFilters,
  isDay,
  localMidnight,
  parseGalleryFilters,
  toListFilter,
} from "./filter-params";

const parse = (query: string) => parseGalleryFilters(new URLSearchParams(query));

describe("parseGalleryFilters", () => {
  it("reads every filter a shared link may hold", () => {
    expect(
      parse(
        "kind=image&model=flux-2&status=SUCCESS&favorite=true&since=2026-11-24&until=2026-11-30&q=red+fox",
      ),
    ).toEqual({
      kind: "image",
      model: "flux-2",
      status: "SUCCESS",
      favorite: true,
      since: "2026-11-24",
      until: "2026-11-30",
      q: "red fox",
    });
  });

  it("drops what it does not understand instead of failing", () => {
    expect(
      parse(
        "kind=pictures&model=nope&status=done&favorite=yes&since=2026-02-30&until=yesterday&q=%00x&cursor=abc",
      ),
    ).toEqual({});
    expect(parse(`q=${"a".repeat(201)}`)).toEqual({});
    expect(parse("q=+++")).toEqual({});
  });

  it("drops a model of another kind and an end before the start", () => {
    expect(parse("kind=video&model=flux-2")).toEqual({ kind: "video" });
    expect(parse("model=flux-2")).toEqual({ model: "flux-2" });
    expect(parse("since=2026-12-02&until=2026-12-01")).toEqual({ since: "2026-12-02" });
  });
});

describe("galleryQueryString", () => {
  it("writes filters in one order, so equal filters make equal URLs", () => {
    expect(galleryQueryString({ q: "fox", kind: "image", favorite: true })).toBe(
      "kind=image&favorite=true&q=fox",
    );
    expect(galleryQueryString({})).toBe("");
    const filters = parse("q=%C3%A9t%C3%A9+%26+more&status=FAILED");
    expect(parse(galleryQueryString(filters))).toEqual(filters);
  });

  it("knows when something is filtered", () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ q: "x" })).toBe(true);
  });
});

describe("dates in the user's time zone", () => {
  it("checks days are real", () => {
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2025-02-29")).toBe(false);
    expect(isDay("2025-1-01")).toBe(false);
  });

  it("asks the API from local midnight to the midnight after the last day", () => {
    // Vitest runs in the machine's zone; the instant must name the same moment as local midnight.
    const since = localMidnight("2026-11-24");
    expect(since).toMatch(/^2026-11-24T00:00:00[+-]\d\d:\d\d$/);
    expect(Date.parse(since)).toBe(new Date(2026, 10, 24).getTime());
    const filter = toListFilter({ since: "2026-11-24", until: "2026-11-30" }, 48);
    expect(Date.parse(filter.until!)).toBe(new Date(2026, 11, 1).getTime());
    expect(filter).toMatchObject({ limit: 48, since });
  });

  it("passes the other filters as the API names them", () => {
    expect(toListFilter({ kind: "tool", favorite: true, status: "FAILED", q: "fox" }, 10)).toEqual({
      kind: "tool",
      favorite: "true",
      status: "FAILED",
      q: "fox",
      limit: 10,
    });
  });
});
