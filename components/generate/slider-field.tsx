"use client";

import { RotateCcwIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Slider } from "@/components/ui/slider";
import { cn } from "@/lib/utils/cn";
import type { FieldProps } from "./field-props";
import { describedBy, FieldShell } from "./field-shell";

/** As many decimals as the step has: 0.05 → "0.50", 1 → "3". */
export function formatStepValue(value: number, step: number): string {
  const decimals = step >= 1 ? 0 : Math.min(4, String(step).split(".")[1]?.length ?? 0);
  return value.toFixed(decimals);
}

export function SliderField({ id, field, value, onChange, error }: FieldProps<number | undefined>) {
  if (field.control.kind !== "slider") return null;
  const { min, max, step } = field.control;
  const isSet = value !== undefined;
  // Optional sliders without a default start unset: the upstream then picks its own value.
  const canReset = !field.required && field.default === undefined && isSet;
  return (
    <FieldShell
      id={id}
      field={field}
      error={error}
      labelFor={null}
      aside={
        <span className="flex items-center gap-1">
          {canReset ? (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="text-muted-foreground h-6 px-1.5 text-xs"
              onClick={() => onChange(undefined)}
            >
              <RotateCcwIcon className="size-3" /> Reset
            </Button>
          ) : null}
          <output
            htmlFor={id}
            className={cn(
              "bg-muted min-w-10 rounded-md px-1.5 py-0.5 text-center font-mono text-xs tabular-nums",
              !isSet && "text-muted-foreground",
            )}
          >
            {isSet ? formatStepValue(value, step) : "auto"}
          </output>
        </span>
      }
    >
      <div className="flex items-center gap-3">
        <span className="text-muted-foreground w-6 text-right text-xs tabular-nums">{min}</span>
        <Slider
          min={min}
          max={max}
          step={step}
          value={[value ?? min]}
          onValueChange={([next]) => {
            if (next !== undefined) onChange(next);
          }}
          className={cn(!isSet && "opacity-60")}
          thumbProps={{
            id,
            "aria-labelledby": `${id}-label`,
            "aria-describedby": describedBy(id, field, error),
            "aria-invalid": error ? true : undefined,
            "aria-valuetext": isSet ? formatStepValue(value, step) : "not set",
          }}
        />
        <span className="text-muted-foreground w-6 text-xs tabular-nums">{max}</span>
      </div>
    </FieldShell>
  );
}
