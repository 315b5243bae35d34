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
  it("asks first a third of the way into the model's typical duration", () => {
    expect(nextCheckDelayMs(image, 0, realTime)).toBe(7000);
    expect(nextCheckDelayMs(video, 0, realTime)).toBe(100_000);
    expect(nextCheckDelayMs(speech, 0, realTime)).toBeCloseTo(5333.33, 1);
  });

  it("asks twice more a third of the range apart (the last at its end), then backs off by half each time", () => {
    const gaps = Array.from({ length: 7 }, (_, i) => nextCheckDelayMs(video, i + 1, realTime));
    // Created at 0, checks at 100 s, 140 s and 180 s (the end of the range)…
    expect(gaps.slice(0, 2)).toEqual([40_000, 40_000]);
    // …then 1.5 times the previous gap each time, up to five minutes.
    expect(gaps.slice(2)).toEqual([60_000, 90_000, 135_000, 202_500, 300_000]);
    for (let i = 3; i < 6; i++) expect(gaps[i]! / gaps[i - 1]!).toBe(1.5);
  });

  it("never waits less than a few seconds between checks, even for a narrow range", () => {
    const narrow = { typicalSeconds: [5, 6] as const };
    expect(nextCheckDelayMs(narrow, 1, realTime)).toBe(2000);
    expect(nextCheckDelayMs(narrow, 2, realTime)).toBe(2000);
    expect(nextCheckDelayMs(narrow, 3, realTime)).toBe(6000);
    expect(nextCheckDelayMs(narrow, 4, realTime)).toBe(9000);
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
      expect(ms).toBeGreaterThanOrEqual(7000 * 0.85);
      expect(ms).toBeLessThan(7000 * 1.15);
    }
  });

  it("divides every delay by the speed, down to a floor that divides too", () => {
    expect(nextCheckDelayMs(image, 0, { speed: 100, random: middle })).toBe(70);
    expect(nextCheckDelayMs(video, 4, { speed: 4, random: middle })).toBe(90_000 / 4);
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
