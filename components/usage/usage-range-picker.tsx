"use client";

import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { usageRanges, type UsageRange } from "@/lib/queries/usage";

/** 7 / 30 / 90 days; one is always chosen. */
export function UsageRangePicker({
  value,
  onChange,
}: {
  value: UsageRange;
  onChange: (days: UsageRange) => void;
}) {
  return (
    <ToggleGroup
      type="single"
      value={String(value)}
      onValueChange={(next) => {
        // Pressing the chosen range again would leave none chosen: keep it.
        const days = usageRanges.find((r) => String(r) === next);
        if (days) onChange(days);
      }}
      aria-label="Range"
      data-testid="usage-range"
    >
      {usageRanges.map((days) => (
        <ToggleGroupItem key={days} value={String(days)} className="h-8 px-3">
          {days} days
        </ToggleGroupItem>
      ))}
    </ToggleGroup>
  );
}
