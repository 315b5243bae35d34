// The usage chart's palette: hues far apart (no two neighbours alike), each at least 3:1 against
// the card in its theme (WCAG 1.4.11 for graphics), lighter on dark; "Other" is a quiet grey.
import type { ChartConfig } from "@/components/ui/chart-scope";

const palette = {
  m0: { light: "oklch(0.52 0.2 275)", dark: "oklch(0.68 0.17 275)" },
  m1: { light: "oklch(0.58 0.13 190)", dark: "oklch(0.76 0.12 190)" },
  m2: { light: "oklch(0.65 0.16 55)", dark: "oklch(0.78 0.15 60)" },
  m3: { light: "oklch(0.58 0.21 350)", dark: "oklch(0.72 0.18 350)" },
  m4: { light: "oklch(0.58 0.15 145)", dark: "oklch(0.75 0.15 145)" },
  m5: { light: "oklch(0.66 0.14 85)", dark: "oklch(0.84 0.14 95)" },
  m6: { light: "oklch(0.6 0.13 235)", dark: "oklch(0.74 0.11 235)" },
  other: { light: "oklch(0.62 0.012 265)", dark: "oklch(0.52 0.012 265)" },
} as const;

type SeriesKey = keyof typeof palette;

/** The colours (light, dark) of a usage series key; unknown keys get "Other"'s grey. */
export function seriesColors(key: string): { light: string; dark: string } {
  return key in palette ? palette[key as SeriesKey] : palette.other;
}

/** The chart config (label and colours) of the usage series. */
export function usageChartConfig(series: readonly { key: string; label: string }[]): ChartConfig {
  return Object.fromEntries(
    series.map((s) => [s.key, { label: s.label, theme: seriesColors(s.key) }]),
  );
}
