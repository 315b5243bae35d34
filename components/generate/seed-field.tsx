"use client";

import { DicesIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FieldProps } from "./field-props";
import { describedBy, FieldShell } from "./field-shell";
import { randomSeed } from "./seed-values";

/** A seed: typed, or picked at random within the model's range with the dice. */
export function SeedField({ id, field, value, onChange, error }: FieldProps<string>) {
  const control = field.control.kind === "number" ? field.control : undefined;
  return (
    <FieldShell id={id} field={field} error={error}>
      <div className="flex items-center gap-2">
        <Input
          id={id}
          name={field.name}
          type="number"
          inputMode="numeric"
          step={1}
          min={control?.min}
          max={control?.max}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder="Random each run"
          className="placeholder:text-muted-foreground/70 tabular-nums sm:max-w-48"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, field, error)}
          aria-required={field.required || undefined}
        />
        <Button
          type="button"
          variant="outline"
          size="icon"
          onClick={() => onChange(String(randomSeed(field)))}
          aria-label="Randomize"
          title="Pick a random seed"
          data-testid="seed-randomize"
        >
          <DicesIcon aria-hidden />
        </Button>
        {value !== "" ? (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            className="text-muted-foreground"
            onClick={() => onChange("")}
          >
            Clear
          </Button>
        ) : null}
      </div>
    </FieldShell>
  );
}
