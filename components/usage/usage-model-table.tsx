import type { UsageReply } from "@/lib/schemas/usage";
import { formatShare, modelLabel, type UsageSeries } from "./usage-series";
import { formatCount } from "@/lib/utils/format";

/** The colour key a model is drawn with in the chart, if it has one of its own or is in "Other". */
function seriesKeyOf(slug: string, series: readonly UsageSeries[]): string | undefined {
  return series.find((s) => s.slugs.includes(slug))?.key;
}

/**
 * Every model over the range: credits, tasks and share of the credits. The chart's figures in a
 * form everyone can read (screen readers, keyboard, a copy-paste into a spreadsheet).
 */
export function UsageModelTable({
  reply,
  series,
  days,
}: {
  reply: UsageReply;
  series: readonly UsageSeries[];
  days: number;
}) {
  const total = reply.totals.range;
  const tasks = reply.models.reduce((sum, m) => sum + m.tasks, 0);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="usage-models">
        <caption className="sr-only">
          Credits by model over the last {days} days, most first
        </caption>
        <thead>
          <tr className="text-muted-foreground border-b text-left text-xs">
            <th scope="col" className="px-3 py-2.5 font-medium sm:px-5">
              Model
            </th>
            <th scope="col" className="px-2 py-2.5 text-right font-medium sm:px-3">
              Tasks
            </th>
            <th scope="col" className="px-2 py-2.5 text-right font-medium sm:px-3">
              Credits
            </th>
            <th scope="col" className="px-3 py-2.5 text-right font-medium sm:w-[28%] sm:px-5">
              Share
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {reply.models.map((m) => {
            const key = seriesKeyOf(m.model, series);
            const share = formatShare(m.credits, total);
            const width = total > 0 ? Math.max(0, Math.min(100, (m.credits / total) * 100)) : 0;
            return (
              <tr key={m.model} data-testid="usage-model-row" data-model={m.model}>
                <th scope="row" className="px-3 py-2.5 text-left font-medium sm:px-5">
                  <span className="flex min-w-0 items-center gap-2">
                    <span
                      aria-hidden
                      className="bg-muted size-2.5 shrink-0 rounded-[3px]"
                      style={key ? { background: `var(--color-${key})` } : undefined}
                    />
                    <span className="break-words">{modelLabel(m.model)}</span>
                  </span>
                </th>
                <td className="px-2 py-2.5 text-right tabular-nums sm:px-3">
                  {formatCount(m.tasks)}
                </td>
                <td className="px-2 py-2.5 text-right whitespace-nowrap tabular-nums sm:px-3">
                  {formatCount(m.credits)}
                </td>
                <td className="px-3 py-2.5 sm:px-5">
                  <span className="flex items-center justify-end gap-2">
                    <span aria-hidden className="bg-muted hidden h-1.5 w-20 rounded-full sm:block">
                      <span
                        className="bg-primary/70 block h-full rounded-full"
                        style={{ width: `${width}%` }}
                      />
                    </span>
                    <span className="text-right tabular-nums sm:w-10">{share}</span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="border-t font-medium">
            <th scope="row" className="px-3 py-2.5 text-left sm:px-5">
              Total
            </th>
            <td className="px-2 py-2.5 text-right tabular-nums sm:px-3">{formatCount(tasks)}</td>
            <td className="px-2 py-2.5 text-right whitespace-nowrap tabular-nums sm:px-3">
              {formatCount(total)}
            </td>
            <td className="px-3 py-2.5 text-right tabular-nums sm:px-5">
              {total > 0 ? "100%" : "0%"}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
