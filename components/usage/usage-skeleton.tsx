import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { UsageStatCardsSkeleton } from "./usage-stat-cards";

/** The page's shape while the spend loads: totals, a chart, a table. */
export function UsageSkeleton() {
  return (
    <div className="flex flex-col gap-6" role="status">
      <span className="sr-only">Loading your spend…</span>
      <UsageStatCardsSkeleton />
      <Card>
        <CardHeader>
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-3 w-56" />
        </CardHeader>
        <CardContent>
          <div className="flex h-64 items-end gap-1.5 sm:h-72">
            {[40, 65, 30, 80, 55, 20, 70, 45, 90, 35, 60, 50].map((h, i) => (
              <Skeleton key={i} className="flex-1" style={{ height: `${h}%` }} />
            ))}
          </div>
        </CardContent>
      </Card>
      <Card className="flex flex-col gap-3 p-5">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </Card>
    </div>
  );
}
