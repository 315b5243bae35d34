// The usage reply shaped for people: the chart's series (the biggest models, the rest as "Other"),
// its rows, and the words that describe it to someone who cannot see it. Pure, so it is tested.
import { formatCredits } from "@/lib/utils/format";
import { models } from "@/lib/catalog";
import type { UsageReply } from "@/lib/schemas/usage";

/** Models drawn in colours of their own; the rest share one "Other" series. */
export const maxChartModels = 6;

export interface UsageSeries {
  /** Safe as a CSS custom property name and a chart data key. */
  key: string;
  label: string;
  /** The catalog slugs this series adds up (several for "Other"). */
  slugs: string[];
  credits: number;
}

export interface UsageRow {
  date: string;
  credits: number;
  tasks: number;
  /** Credits per series key. */
  [key: string]: string | number;
}

const labelBySlug = new Map(models.map((m) => [m.slug, m.label]));

/** The catalog's name for a model, or its slug when the catalog no longer has it. */
export function modelLabel(slug: string): string {
  return labelBySlug.get(slug) ?? slug;
}

/**
 * The models with credits, biggest first, as series: up to `maxChartModels` of them plus "Other";
 * with one model more than that it gets its own colour (an "Other" of one model hides its name).
 */
export function usageSeries(reply: UsageReply, max = maxChartModels): UsageSeries[] {
  const paid = reply.models.filter((m) => m.credits > 0);
  const own = paid.length <= max + 1 ? paid : paid.slice(0, max);
  const series: UsageSeries[] = own.map((m, i) => ({
    key: `m${i}`,
    label: modelLabel(m.model),
    slugs: [m.model],
    credits: m.credits,
  }));
  const rest = paid.slice(own.length);
  if (rest.length > 0) {
    series.push({
      key: "other",
      label: "Other",
      slugs: rest.map((m) => m.model),
      credits: rest.reduce((sum, m) => sum + m.credits, 0),
    });
  }
  return series;
}

/** One row per day, oldest first: its credits per series. */
export function usageRows(reply: UsageReply, series: readonly UsageSeries[]): UsageRow[] {
  return reply.days.map((day) => {
    const row: UsageRow = { date: day.date, credits: day.credits, tasks: day.tasks };
    for (const s of series) {
      row[s.key] = s.slugs.reduce((sum, slug) => sum + (day.by_model[slug] ?? 0), 0);
    }
    return row;
  });
}

/** A `YYYY-MM-DD` day as people read it ("Dec 3"; with `long`, "Thu, Dec 3"). */
export function formatDay(date: string, long = false): string {
  const [y, m, d] = date.split("-").map(Number);
  // Noon UTC of that calendar day, formatted in UTC: the day never shifts with the viewer's zone.
  const at = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  return new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    month: "short",
    day: "numeric",
    ...(long && { weekday: "short" }),
  }).format(at);
}

/** "42%", "<1%" for a sliver, "0%" for nothing. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return "0%";
  const share = (part / whole) * 100;
  return share < 1 ? "<1%" : `${Math.round(share)}%`;
}

/** What the chart shows, in a sentence (its accessible name). */
export function describeUsage(reply: UsageReply, series: readonly UsageSeries[]): string {
  const days = reply.days.length;
  const total = `${formatCredits(reply.totals.range)} over the last ${days} ${days === 1 ? "day" : "days"}`;
  const busiest = reply.days.reduce<UsageReply["days"][number] | undefined>(
    (best, day) => (day.credits > (best?.credits ?? 0) ? day : best),
    undefined,
  );
  if (!busiest) return `Credits by day: ${total}.`;
  const top = series[0];
  const topPart = top && top.key !== "other" ? `; most on ${top.label}` : "";
  return `Credits by day: ${total}; highest on ${formatDay(busiest.date)} with ${formatCredits(busiest.credits)}${topPart}. The table below lists every model.`;
}
