"use client";

import { CoinsIcon } from "lucide-react";
import { Skeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { useUsage, useUsageLive } from "@/lib/hooks/use-usage";
import { formatCount } from "@/lib/utils/format";
import { IntentLink } from "@/components/ui/intent-link";

/**
 * Today's spend in the header, linking to the Usage page: "12 credits today" (the number alone on
 * a phone, the words still read out). It follows tasks finishing in this tab; if the spend cannot
 * be read it steps aside rather than show a wrong figure.
 */
export function HeaderSpend() {
  useUsageLive();
  const query = useUsage(1);
  // The figure can arrive before this part of the page hydrates; until then it renders what the
  // server did (the placeholder), so hydration never meets different HTML.
  const hydrated = useHydrated();
  if (hydrated && query.error && !query.data) return null;
  const today = hydrated ? query.data?.totals.today : undefined;
  return (
    <IntentLink
      href="/usage"
      title="Today's spend: open Usage"
      data-testid="header-spend"
      className="text-foreground hover:bg-accent hover:text-accent-foreground focus-visible:ring-ring/50 inline-flex h-9 items-center gap-1.5 rounded-md px-2 text-sm transition-colors outline-none focus-visible:ring-[3px] sm:px-2.5"
    >
      <CoinsIcon className="text-muted-foreground size-4 shrink-0" aria-hidden />
      {today === undefined ? (
        <>
          <Skeleton className="h-4 w-6 sm:w-20" aria-hidden />
          <span className="sr-only">Today&apos;s spend</span>
        </>
      ) : (
        <span className="whitespace-nowrap">
          <span className="font-medium tabular-nums" data-testid="header-spend-value">
            {formatCount(today)}
          </span>{" "}
          <span className="text-muted-foreground sr-only sm:not-sr-only">
            {today === 1 ? "credit" : "credits"} today
          </span>
        </span>
      )}
    </IntentLink>
  );
}
