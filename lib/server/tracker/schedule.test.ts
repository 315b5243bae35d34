// When the tracker asks about a task: pure arithmetic, checked against the catalog's durations.
import { describe, expect, it } from "vitest";
import { ceilingMs, nextCheckDelayMs, retryDelayMs } from "./schedule";

const image = { typicalSeconds: [3, 15] as const };
const video = { typicalSeconds: [60, 180] as const };
const speech = { typicalSeconds: [3, 10] as const };

const middle = () => 0.5;
const lowest = () => 0;
const highest = () => 0.999_999;
const realTime = { speed: 1, random: middle };

describe("nextCheckDelayMs", () => {
  it("asks first at the middle of the model's typical duration", () => {
    expect(nextCheckDelayMs(image, 0, realTime)).toBe(9000);
    expect(nextCheckDelayMs(video, 0, realTime)).toBe(120_000);
    expect(nextCheckDelayMs(speech, 0, realTime)).toBe(6500);
  });

  it("asks next at the end of the typical range, then backs off by half each time", () => {
    const gaps = Array.from({ length: 6 }, (_, i) => nextCheckDelayMs(video, i + 1, realTime));
    // Created at 0, first check at 120 s; the second at 180 s, the end of the range.
    expect(gaps[0]).toBe(60_000);
    expect(gaps.slice(1)).toEqual([90_000, 135_000, 202_500, 300_000, 300_000]);
    for (let i = 1; i < 4; i++) expect(gaps[i]! / gaps[i - 1]!).toBe(1.5);
  });

  it("never waits less than a few seconds between checks, even for a narrow range", () => {
    const narrow = { typicalSeconds: [5, 6] as const };
    expect(nextCheckDelayMs(narrow, 1, realTime)).toBe(2000);
    expect(nextCheckDelayMs(narrow, 2, realTime)).toBe(6000);
    expect(nextCheckDelayMs(narrow, 3, realTime)).toBe(9000);
  });

  it("caps the gap at five minutes however many checks came before", () => {
    for (const checks of [8, 20, 1000]) {
      expect(nextCheckDelayMs(video, checks, { speed: 1, random: highest })).toBeLessThanOrEqual(
        300_000 * 1.15,
      );
      expect(nextCheckDelayMs(video, checks, realTime)).toBe(300_000);
    }
  });

  it("jitters every delay by at most ±15 %, so tasks started together drift apart", () => {
    for (const checks of [0, 1, 2, 5]) {
      const base = nextCheckDelayMs(image, checks, realTime);
      const low = nextCheckDelayMs(image, checks, { speed: 1, random: lowest });
      const high = nextCheckDelayMs(image, checks, { speed: 1, random: highest });
      expect(low).toBeCloseTo(base * 0.85, 6);
      expect(high).toBeLessThan(base * 1.15);
      expect(high).toBeGreaterThan(base * 1.149);
    }
    const spread = new Set(
      Array.from({ length: 50 }, () => nextCheckDelayMs(image, 0, { speed: 1 })),
    );
    expect(spread.size).toBeGreaterThan(40);
    for (const ms of spread) {
      expect(ms).toBeGreaterThanOrEqual(9000 * 0.85);
      expect(ms).toBeLessThan(9000 * 1.15);
    }
  });

  it("divides every delay by the speed, down to a floor that divides too", () => {
    expect(nextCheckDelayMs(image, 0, { speed: 100, random: middle })).toBe(90);
    expect(nextCheckDelayMs(video, 3, { speed: 4, random: middle })).toBe(135_000 / 4);
    // A fast simulator still never sees checks closer than 2 s ÷ speed.
    expect(nextCheckDelayMs({ typicalSeconds: [0, 1] }, 1, { speed: 100, random: lowest })).toBe(
      20,
    );
  });
});

describe("ceilingMs", () => {
  it("keeps asking for ten times the slowest typical duration, at least 15 minutes", () => {
    expect(ceilingMs(image, { speed: 1 })).toBe(15 * 60_000);
    expect(ceilingMs(video, { speed: 1 })).toBe(30 * 60_000);
    expect(ceilingMs(video, { speed: 100 })).toBe(18_000);
    expect(ceilingMs(image, { speed: 100 })).toBe(9000);
  });

  it("always leaves room for several checks after the model usually finishes", () => {
    for (const model of [image, video, speech]) {
      let at = nextCheckDelayMs(model, 0, realTime);
      let checks = 1;
      while (at < ceilingMs(model, { speed: 1 })) at += nextCheckDelayMs(model, checks++, realTime);
      expect(checks, String(model.typicalSeconds)).toBeGreaterThanOrEqual(5);
    }
  });
});

describe("retryDelayMs", () => {
  it("backs off from 5 s, doubling per failure, capped at five minutes", () => {
    const delays = [0, 1, 2, 3, 6, 7, 50].map((f) => retryDelayMs(f, middle));
    expect(delays).toEqual([5000, 10_000, 20_000, 40_000, 300_000, 300_000, 300_000]);
    expect(retryDelayMs(0, lowest)).toBeCloseTo(4250, 6);
    expect(retryDelayMs(50, highest)).toBeLessThan(345_000);
  });
});
