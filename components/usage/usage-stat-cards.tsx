import { CalendarDaysIcon, CalendarRangeIcon, CoinsIcon, SunIcon } from "lucide-react";
import type { LucideIcon } from "lucide-react";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { UsageReply } from "@/lib/schemas/usage";
import { formatCount } from "@/lib/utils/format";

interface Stat {
  id: keyof UsageReply["totals"];
  label: string;
  hint: string;
  icon: LucideIcon;
}

function stats(days: number): Stat[] {
  return [
    { id: "today", label: "Today", hint: "since midnight", icon: SunIcon },
    { id: "week", label: "This week", hint: "since Monday", icon: CalendarDaysIcon },
    { id: "month", label: "This month", hint: "since the 1st", icon: CalendarRangeIcon },
    { id: "range", label: `Last ${days} days`, hint: "the chart's range", icon: CoinsIcon },
  ];
}

const grid = "grid grid-cols-2 gap-3 lg:grid-cols-4 lg:gap-4";

/** Today's, this week's, this month's and the range's credits, in the user's time zone. */
export function UsageStatCards({ totals, days }: { totals: UsageReply["totals"]; days: number }) {
  return (
    <ul className={grid} aria-label="Totals">
      {stats(days).map((stat) => (
        <li key={stat.id}>
          <Card className="flex h-full flex-col gap-2 p-4" data-testid={`usage-total-${stat.id}`}>
            <p className="text-muted-foreground flex items-center gap-1.5 text-xs font-medium">
              <stat.icon className="size-3.5" aria-hidden />
              {stat.label}
            </p>
            <p className="flex items-baseline gap-1.5">
              <span
                className="text-2xl font-semibold tracking-tight tabular-nums"
                data-testid="usage-total-value"
              >
                {formatCount(totals[stat.id])}
              </span>
              <span className="text-muted-foreground text-sm">
                {totals[stat.id] === 1 ? "credit" : "credits"}
              </span>
            </p>
            <p className="text-muted-foreground text-xs">{stat.hint}</p>
          </Card>
        </li>
      ))}
    </ul>
  );
}

export function UsageStatCardsSkeleton() {
  return (
    <div className={grid}>
      {Array.from({ length: 4 }, (_, i) => (
        <Card key={i} className="flex flex-col gap-3 p-4">
          <Skeleton className="h-3 w-16" />
          <Skeleton className="h-7 w-24" />
          <Skeleton className="h-3 w-20" />
        </Card>
      ))}
    </div>
  );
}
