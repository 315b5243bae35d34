"use client";

import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import type { FieldProps } from "./field-props";
import { describedBy, FieldShell } from "./field-shell";

/** Width and height of a ratio's little rectangle, inside a `box`-pixel square. */
export function ratioBox(ratio: string, box = 18): { width: number; height: number } | null {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(ratio);
  const w = Number(match?.[1]);
  const h = Number(match?.[2]);
  if (!match || !(w > 0) || !(h > 0)) return null;
  return w >= h
    ? { width: box, height: Math.max(4, Math.round((box * h) / w)) }
    : { width: Math.max(4, Math.round((box * w) / h)), height: box };
}

function RatioShape({ ratio }: { ratio: string }) {
  const size = ratioBox(ratio);
  return (
    <span aria-hidden className="grid size-5 place-items-center">
      {size ? (
        <span
          className="rounded-[3px] border-[1.5px] border-current"
          style={{ width: size.width, height: size.height }}
        />
      ) : (
        <span className="size-[18px] rounded-[3px] border-[1.5px] border-dashed border-current" />
      )}
    </span>
  );
}

export function AspectRatioField({ id, field, value, onChange, error }: FieldProps<string>) {
  const options = field.control.kind === "aspect-ratio" ? field.control.options : [];
  return (
    <FieldShell id={id} field={field} error={error} labelFor={null}>
      <ToggleGroup
        id={id}
        type="single"
        value={value}
        // Clicking the chosen ratio again would clear it; a ratio is always chosen.
        onValueChange={(next) => {
          if (next) onChange(next);
        }}
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy(id, field, error)}
        aria-invalid={error ? true : undefined}
        className="grid grid-cols-[repeat(auto-fill,minmax(4.25rem,1fr))] gap-1.5"
      >
        {options.map((ratio) => (
          <ToggleGroupItem
            key={ratio}
            value={ratio}
            aria-label={ratio === "auto" ? "Automatic" : `Aspect ratio ${ratio}`}
            className="h-14 flex-col gap-1 px-1 text-xs tabular-nums"
          >
            <RatioShape ratio={ratio} />
            {ratio === "auto" ? "Auto" : ratio}
          </ToggleGroupItem>
        ))}
      </ToggleGroup>
    </FieldShell>
  );
}
