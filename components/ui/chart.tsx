"use client";

// Charts in the shadcn style, on recharts: a config names each series and gives it a colour per
// theme, written as CSS custom properties scoped to one subtree (`var(--color-<key>)` then works
// in fills, tooltips, legends and tables, and switches with the theme); a frame; a tooltip panel.
import type * as React from "react";
import * as Recharts from "recharts";
import { cn } from "@/lib/utils/cn";

export { ChartScope, type ChartConfig } from "./chart-scope";

/** The chart's frame: sized by its class, themed text and grid, a focus ring on the surface. */
export function ChartContainer({
  className,
  children,
  ...props
}: React.ComponentProps<"div"> & {
  children: React.ComponentProps<typeof Recharts.ResponsiveContainer>["children"];
}) {
  return (
    <div
      data-slot="chart"
      className={cn(
        "flex aspect-video justify-center text-xs",
        "[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border/70",
        "[&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted [&_.recharts-layer]:outline-none",
        // The chart's surface takes focus (arrow keys walk the days): show where focus is.
        "[&_.recharts-surface:focus-visible]:ring-ring/50 [&_.recharts-surface]:rounded-md [&_.recharts-surface]:outline-none [&_.recharts-surface:focus-visible]:ring-[3px]",
        className,
      )}
      {...props}
    >
      <Recharts.ResponsiveContainer initialDimension={{ width: 320, height: 200 }}>
        {children}
      </Recharts.ResponsiveContainer>
    </div>
  );
}

export const ChartTooltip = Recharts.Tooltip;

export interface ChartTooltipRow {
  key: string;
  label: string;
  value: string;
}

/**
 * The tooltip's panel: a title and one row per series with its colour swatch. The chart decides
 * what the rows are (which series, how values read); this only lays them out.
 */
export function ChartTooltipPanel({
  title,
  rows,
  footer,
  className,
}: {
  title: React.ReactNode;
  rows: readonly ChartTooltipRow[];
  footer?: React.ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn(
        "bg-popover text-popover-foreground grid min-w-40 gap-1.5 rounded-lg border px-3 py-2 text-xs shadow-lg",
        className,
      )}
    >
      <p className="font-medium">{title}</p>
      {rows.length > 0 ? (
        <ul className="grid gap-1">
          {rows.map((row) => (
            <li key={row.key} className="flex items-center gap-2">
              <span
                aria-hidden
                className="size-2.5 shrink-0 rounded-[3px]"
                style={{ background: `var(--color-${row.key})` }}
              />
              <span className="text-muted-foreground min-w-0 flex-1 truncate">{row.label}</span>
              <span className="font-medium tabular-nums">{row.value}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {footer ? <div className="border-t pt-1.5">{footer}</div> : null}
    </div>
  );
}

/** A legend as plain HTML under the chart (wraps on narrow screens, readable by screen readers). */
export function ChartLegendList({
  items,
  className,
}: {
  items: readonly { key: string; label: string }[];
  className?: string;
}) {
  return (
    <ul className={cn("flex flex-wrap items-center gap-x-4 gap-y-1.5 text-xs", className)}>
      {items.map((item) => (
        <li key={item.key} className="text-muted-foreground flex items-center gap-1.5">
          <span
            aria-hidden
            className="size-2.5 shrink-0 rounded-[3px]"
            style={{ background: `var(--color-${item.key})` }}
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
