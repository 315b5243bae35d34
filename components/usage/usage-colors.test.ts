import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seriesColors, usageChartConfig } from "./usage-colors";

/** `oklch(L C h)` → linear sRGB (clamped), per Björn Ottosson's OKLab matrices. */
function linearRgb(css: string): [number, number, number] {
  const [L, C, h] = css.match(/[\d.]+/g)!.map(Number) as [number, number, number];
  const a = C * Math.cos((h * Math.PI) / 180);
  const b = C * Math.sin((h * Math.PI) / 180);
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return [
    clamp(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
    clamp(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
    clamp(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
  ];
}

function contrast(one: string, two: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = linearRgb(css);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05;
  };
  const [x, y] = [luminance(one), luminance(two)];
  return Math.max(x, y) / Math.min(x, y);
}

/** The card colour of each theme, as app/globals.css defines it. */
function cardColors(): { light: string; dark: string } {
  const css = fs.readFileSync(path.join(process.cwd(), "app/globals.css"), "utf8");
  const card = (block: string) =>
    css.slice(css.indexOf(block)).match(/--card: (oklch\([^)]*\))/)![1]!;
  return { light: card(":root {"), dark: card(".dark {") };
}

const keys = ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "other"];

describe("usage chart colours", () => {
  it("stand out from the card at 3:1 or more in both themes (WCAG 1.4.11)", () => {
    const card = cardColors();
    for (const key of keys) {
      for (const theme of ["light", "dark"] as const) {
        const ratio = contrast(seriesColors(key)[theme], card[theme]);
        expect(ratio, `${key} on the ${theme} card`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it("are all different, and an unknown key falls back to Other's grey", () => {
    const light = keys.map((k) => seriesColors(k).light);
    expect(new Set(light).size).toBe(keys.length);
    expect(seriesColors("m99")).toEqual(seriesColors("other"));
  });

  it("make a chart config with each series' label and theme colours", () => {
    expect(usageChartConfig([{ key: "m0", label: "Flux 2" }])).toEqual({
      m0: { label: "Flux 2", theme: seriesColors("m0") },
    });
  });
});
