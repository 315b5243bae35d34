"use client";

import { CoinsIcon, LoaderCircleIcon, PlayIcon } from "lucide-react";
import { formatCredits } from "@/lib/utils/format";
import { Button } from "@/components/ui/button";
import { columnLetter } from "@/lib/schemas/compare";
import type { ColumnPrice } from "./compare-state";

function priceText({ credits, approximate }: ColumnPrice): string {
  return `${credits !== null && approximate ? "≈ " : ""}${formatCredits(credits)}`;
}

/** Always in view under the columns: what each column and the whole run cost, and Run. */
export function CompareRunBar({
  prices,
  total,
  pending,
}: {
  prices: readonly ColumnPrice[];
  total: ColumnPrice;
  pending: boolean;
}) {
  return (
    <div className="bg-background/95 supports-[backdrop-filter]:bg-background/80 sticky bottom-0 z-10 -mx-4 border-t px-4 py-3 backdrop-blur md:-mx-8 md:px-8">
      <div className="flex items-center justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1 text-sm sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-4">
          <ul
            className="text-muted-foreground flex flex-wrap gap-x-3 gap-y-0.5 text-xs sm:text-sm"
            aria-label="Cost per column"
          >
            {prices.map((price, i) => (
              <li key={i} data-testid="column-cost" className="tabular-nums">
                <span className="text-foreground font-medium">{columnLetter(i)}</span>{" "}
                {priceText(price)}
              </li>
            ))}
          </ul>
          <span className="inline-flex items-center gap-1.5" data-testid="compare-total">
            <CoinsIcon className="text-muted-foreground size-4" aria-hidden />
            <span className="text-muted-foreground">Total</span>
            <span
              className="font-semibold tabular-nums"
              data-testid="compare-total-value"
              data-credits={total.credits ?? undefined}
            >
              {priceText(total)}
            </span>
          </span>
        </div>
        <Button
          type="submit"
          size="lg"
          disabled={pending}
          aria-busy={pending || undefined}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          className="shrink-0 sm:min-w-44"
          data-testid="compare-run"
        >
          {pending ? (
            <LoaderCircleIcon className="animate-spin" aria-hidden />
          ) : (
            <PlayIcon aria-hidden />
          )}
          {pending ? "Starting…" : "Run"}
        </Button>
      </div>
    </div>
  );
}
