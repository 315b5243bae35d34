"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import type { TooltipContentProps } from "recharts";
import { formatCredits } from "@/lib/utils/format";
import {
  ChartContainer,
  ChartLegendList,
  ChartTooltip,
  ChartTooltipPanel,
} from "@/components/ui/chart";
import type { UsageReply } from "@/lib/schemas/usage";
import {
  describeUsage,
  formatDay,
  usageRows,
  type UsageRow,
  type UsageSeries,
} from "./usage-series";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

function DayTooltip({
  active,
  payload,
  series,
}: Pick<TooltipContentProps, "active" | "payload"> & { series: readonly UsageSeries[] }) {
  const row = payload[0]?.payload as UsageRow | undefined;
  if (!active || !row) return null;
  const rows = series
    .filter((s) => Number(row[s.key]) > 0)
    .map((s) => ({ key: s.key, label: s.label, value: formatCredits(Number(row[s.key])) }));
  return (
    <ChartTooltipPanel
      title={formatDay(row.date, true)}
      rows={rows}
      footer={
        <p className="flex justify-between gap-4 font-medium">
          <span>
            {row.tasks} {row.tasks === 1 ? "task" : "tasks"}
          </span>
          <span className="tabular-nums">{formatCredits(row.credits)}</span>
        </p>
      }
    />
  );
}

/**
 * Credits by day, stacked by model (colours from the ChartScope around it). The svg is labelled
 * with a summary, and the table beside it holds the same figures for anyone who cannot see the
 * bars; arrow keys walk the days.
 */
export function UsageChart({
  reply,
  series,
}: {
  reply: UsageReply;
  series: readonly UsageSeries[];
}) {
  const rows = usageRows(reply, series);
  const summary = describeUsage(reply, series);
  return (
    <figure className="flex flex-col gap-3" data-testid="usage-chart">
      <ChartContainer className="aspect-auto h-64 w-full sm:h-72">
        <BarChart
          data={rows}
          margin={{ top: 8, right: 4, left: 0, bottom: 0 }}
          aria-label={summary}
        >
          <CartesianGrid vertical={false} />
          <XAxis
            dataKey="date"
            tickLine={false}
            axisLine={false}
            tickMargin={8}
            minTickGap={16}
            tickFormatter={(date: string) => formatDay(date)}
          />
          <YAxis
            tickLine={false}
            axisLine={false}
            width={40}
            allowDecimals={false}
            tickFormatter={(value: number) => compact.format(value)}
          />
          <ChartTooltip
            cursor={{ fill: "var(--muted)", stroke: "none", fillOpacity: 0.8 }}
            content={({ active, payload }) => (
              <DayTooltip active={active} payload={payload} series={series} />
            )}
            isAnimationActive={false}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="credits"
              fill={`var(--color-${s.key})`}
              maxBarSize={48}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartContainer>
      <figcaption className="sr-only">{summary}</figcaption>
      {series.length > 0 ? <ChartLegendList items={series} className="justify-center" /> : null}
    </figure>
  );
}
