import { describe, expect, it } from "vitest";
import type { UsageReply } from "@/lib/schemas/usage";
import {
  describeUsage,
  formatDay,
  formatShare,
  modelLabel,
  usageRows,
  usageSeries,
} from "./usage-series";

function reply(modelCredits: Record<string, number>, days: UsageReply["days"] = []): UsageReply {
  const list = Object.entries(modelCredits)
    .map(([model, credits]) => ({ model, credits, tasks: 1 }))
    .sort((a, b) => b.credits - a.credits);
  const range = list.reduce((sum, m) => sum + m.credits, 0);
  return { tz: "UTC", days, models: list, totals: { today: 0, week: 0, month: 0, range } };
}

describe("usage series", () => {
  it("names models by their catalog label, and keeps an unknown slug as it is", () => {
    expect(modelLabel("flux-2")).toBe("Flux 2");
    expect(modelLabel("retired-model")).toBe("retired-model");
  });

  it("gives the six biggest models a colour each and adds up the rest as Other", () => {
    const credits = { a: 80, b: 70, c: 60, d: 50, e: 40, f: 30, g: 20, h: 10 };
    const series = usageSeries(reply(credits));
    expect(series.map((s) => s.key)).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "other"]);
    expect(series.map((s) => s.label).slice(0, 6)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(series.at(-1)).toMatchObject({ label: "Other", slugs: ["g", "h"], credits: 30 });
  });

  it("never makes an Other of a single model, and leaves free models out of the chart", () => {
    const seven = { a: 7, b: 6, c: 5, d: 4, e: 3, f: 2, g: 1, free: 0 };
    const series = usageSeries(reply(seven));
    expect(series).toHaveLength(7);
    expect(series.some((s) => s.key === "other")).toBe(false);
    expect(series.some((s) => s.slugs.includes("free"))).toBe(false);
  });

  it("rows carry each day's credits per series, Other summed, missing models as 0", () => {
    const days: UsageReply["days"] = [
      { date: "2026-12-01", credits: 0, tasks: 0, by_model: {} },
      { date: "2026-12-02", credits: 18, tasks: 3, by_model: { a: 10, b: 5, c: 3 } },
    ];
    const r = reply({ a: 10, b: 5, c: 3 }, days);
    const rows = usageRows(r, usageSeries(r, 1));
    expect(rows).toEqual([
      { date: "2026-12-01", credits: 0, tasks: 0, m0: 0, other: 0 },
      { date: "2026-12-02", credits: 18, tasks: 3, m0: 10, other: 8 },
    ]);
  });

  it("formats a calendar day without shifting it into the viewer's zone", () => {
    expect(formatDay("2026-12-03")).toBe("Dec 3");
    expect(formatDay("2026-01-01", true)).toBe("Thu, Jan 1");
  });

  it("formats shares for people", () => {
    expect(formatShare(1, 4)).toBe("25%");
    expect(formatShare(1, 1000)).toBe("<1%");
    expect(formatShare(0, 10)).toBe("0%");
    expect(formatShare(3, 0)).toBe("0%");
  });

  it("describes the chart in words: total, busiest day and the biggest model", () => {
    const days: UsageReply["days"] = [
      { date: "2026-12-01", credits: 5, tasks: 1, by_model: { "flux-2": 5 } },
      { date: "2026-12-02", credits: 12, tasks: 2, by_model: { "flux-2": 10, "imagen-4": 2 } },
    ];
    const r = reply({ "flux-2": 15, "imagen-4": 2 }, days);
    expect(describeUsage(r, usageSeries(r))).toBe(
      "Credits by day: 17 credits over the last 2 days; highest on Dec 2 with 12 credits; most on Flux 2. The table below lists every model.",
    );
    const empty = reply({}, [{ date: "2026-12-02", credits: 0, tasks: 0, by_model: {} }]);
    expect(describeUsage(empty, [])).toBe("Credits by day: 0 credits over the last 1 day.");
  });
});
