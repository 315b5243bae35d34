"use client";

// A chart config's colours as CSS custom properties on one subtree, per theme. Apart from the
// chart itself (chart.tsx, on recharts), so a page can lay out its colours and legend before the
// chart library has loaded.
import { useId } from "react";
import type * as React from "react";

const themes = { light: "", dark: ".dark" } as const;

export type ChartConfig = Record<
  string,
  { label: string } & ({ color: string } | { theme: Record<keyof typeof themes, string> })
>;

function ChartStyle({ id, config }: { id: string; config: ChartConfig }) {
  const css = Object.entries(themes)
    .map(([theme, prefix]) => {
      const vars = Object.entries(config)
        .map(([key, item]) => {
          const color = "theme" in item ? item.theme[theme as keyof typeof themes] : item.color;
          return `  --color-${key}: ${color};`;
        })
        .join("\n");
      return `${prefix} [data-chart="${id}"] {\n${vars}\n}`;
    })
    .join("\n");
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}

/**
 * Gives a subtree the config's colours as `--color-<key>` (per theme): a chart, and the legend or
 * table beside it that must use the same colours.
 */
export function ChartScope({
  config,
  ...props
}: React.ComponentProps<"div"> & { config: ChartConfig }) {
  const id = `chart-${useId().replace(/:/g, "")}`;
  return (
    <>
      <ChartStyle id={id} config={config} />
      <div data-chart={id} {...props} />
    </>
  );
}
