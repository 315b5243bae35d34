"use client";

import { CoinsIcon, InfoIcon } from "lucide-react";
import { formatCredits } from "@/lib/utils/format";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { ModelEntry } from "@/lib/catalog";

/** Credits this body would cost, as the catalog prices it; updates as the options change. */
export function estimateCredits(entry: ModelEntry, body: Record<string, unknown>): number | null {
  const credits = entry.price(body);
  return credits !== null && Number.isFinite(credits) ? credits : null;
}

export function PriceEstimate({
  entry,
  body,
}: {
  entry: ModelEntry;
  body: Record<string, unknown>;
}) {
  const credits = estimateCredits(entry, body);
  const outputs = entry.outputCount(body);
  const approximate = credits !== null && entry.priceUncertain;
  return (
    <div className="flex min-w-0 items-center gap-2 text-sm" data-testid="price-estimate">
      <CoinsIcon className="text-muted-foreground size-4 shrink-0" aria-hidden />
      <span className="text-muted-foreground">Estimated cost</span>
      <span
        className="font-medium tabular-nums"
        data-testid="price-value"
        data-credits={credits ?? undefined}
      >
        {approximate ? "≈ " : ""}
        {formatCredits(credits)}
      </span>
      {outputs > 1 ? (
        <span className="text-muted-foreground text-xs">· {outputs} outputs</span>
      ) : null}
      {approximate ? (
        <Tooltip>
          <TooltipTrigger asChild>
            <button
              type="button"
              className="text-muted-foreground hover:text-foreground focus-visible:ring-ring/50 grid size-5 place-items-center rounded-sm outline-none focus-visible:ring-[3px]"
              aria-label="Why is this an estimate?"
            >
              <InfoIcon className="size-3.5" />
            </button>
          </TooltipTrigger>
          <TooltipContent>
            API in One publishes only a price range for this model; this figure is our reading of
            it. The credits actually charged show on the result.
          </TooltipContent>
        </Tooltip>
      ) : null}
    </div>
  );
}
