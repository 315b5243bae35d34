"use client";

import { ChartColumnStackedIcon } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { lazy, Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ChartScope } from "@/components/ui/chart-scope";
import { Skeleton } from "@/components/ui/skeleton";
import { useUsage } from "@/lib/hooks/use-usage";
import { parseUsageRange, type UsageRange } from "@/lib/queries/usage";
import type { UsageReply } from "@/lib/schemas/usage";
import { cn } from "@/lib/utils/cn";
import { usageChartConfig } from "./usage-colors";
import { UsageEmpty } from "./usage-empty";
import { UsageError } from "./usage-error";
import { UsageModelTable } from "./usage-model-table";
import { UsageRangePicker } from "./usage-range-picker";
import { usageSeries } from "./usage-series";
import { UsageSkeleton } from "./usage-skeleton";
import { UsageStatCards } from "./usage-stat-cards";

// The chart library (recharts) loads after the page, with a placeholder of the chart's size; the
// totals and the per-model table above and below it do not wait for it.
const UsageChart = lazy(() => import("./usage-chart").then((m) => ({ default: m.UsageChart })));

/** The range lives in the URL (`?days=`): reload, back and a shared link keep it. */
function useRangeParam(): [UsageRange, (days: UsageRange) => void] {
  const days = parseUsageRange(useSearchParams().get("days"));
  // Next's router follows pushState: the search params update without a server round trip.
  const choose = (next: UsageRange) => window.history.pushState(null, "", `?days=${next}`);
  return [days, choose];
}

function UsageReport({ reply, days }: { reply: UsageReply; days: number }) {
  const series = usageSeries(reply);
  return (
    <ChartScope config={usageChartConfig(series)} className="flex flex-col gap-6">
      <Card>
        <section aria-labelledby="usage-chart-title">
          <CardHeader className="pb-2">
            <CardTitle id="usage-chart-title" className="text-base">
              Credits by day
            </CardTitle>
            <CardDescription>
              Stacked by model; days start at midnight in {reply.tz.replaceAll("_", " ")}.
            </CardDescription>
          </CardHeader>
          <div className="px-2 pt-2 pb-4 sm:px-4">
            <Suspense fallback={<Skeleton className="h-64 w-full sm:h-72" />}>
              <UsageChart reply={reply} series={series} />
            </Suspense>
          </div>
        </section>
      </Card>
      <Card>
        <section aria-labelledby="usage-models-title">
          <CardHeader className="pb-4">
            <CardTitle id="usage-models-title" className="text-base">
              By model
            </CardTitle>
            <CardDescription>Every model you ran in the last {days} days.</CardDescription>
          </CardHeader>
          <div className="border-t">
            <UsageModelTable reply={reply} series={series} days={days} />
          </div>
        </section>
      </Card>
    </ChartScope>
  );
}

/** The Usage page: what the user's runs cost, by day and by model, in their time zone. */
export function UsageView() {
  const [days, setDays] = useRangeParam();
  const query = useUsage(days);
  const reply = query.data;
  // Another range's figures while this one loads: shown dimmed, labelled with their own range.
  const shownDays = reply?.days.length ?? days;
  return (
    <>
      <PageHeader
        title="Usage"
        description="What your runs cost: credits by day and by model, with today's, this week's and this month's totals."
        icon={ChartColumnStackedIcon}
        actions={<UsageRangePicker value={days} onChange={setDays} />}
      />
      {query.error && !reply ? (
        <UsageError error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {!reply && !query.error ? <UsageSkeleton /> : null}
      {reply ? (
        <div
          className={cn(
            "flex flex-col gap-6 transition-opacity",
            query.isPlaceholderData && "opacity-60",
          )}
          aria-busy={query.isPlaceholderData}
          data-testid="usage-report"
          data-days={shownDays}
        >
          <UsageStatCards totals={reply.totals} days={shownDays} />
          {reply.models.length === 0 ? (
            <UsageEmpty days={shownDays} onWiden={shownDays < 90 ? () => setDays(90) : undefined} />
          ) : (
            <UsageReport reply={reply} days={shownDays} />
          )}
        </div>
      ) : null}
    </>
  );
}
