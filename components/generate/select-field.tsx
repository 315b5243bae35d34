"use client";

import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import type { FieldProps } from "./field-props";
import { describedBy, FieldShell } from "./field-shell";

// Radix Select cannot hold "" as an item value; this stands for "leave it to the upstream".
const unset = "__unset__";

export function SelectField({
  id,
  field,
  value,
  onChange,
  error,
  optionLabels,
}: FieldProps<string | number | undefined> & {
  /** Human names for the options, same order (a model's tiers). */
  optionLabels?: readonly string[];
}) {
  const options = field.control.kind === "select" ? field.control.options : [];
  const canUnset = !field.required && field.default === undefined;
  const current = value === undefined ? (canUnset ? unset : "") : String(value);
  const labelFor = (i: number, option: string | number) => optionLabels?.[i] ?? String(option);
  return (
    <FieldShell id={id} field={field} error={error}>
      <Select
        name={field.name}
        value={current}
        onValueChange={(next) => {
          if (next === unset) return onChange(undefined);
          // Keep the option's own type: numeric enums stay numbers.
          onChange(options.find((option) => String(option) === next) ?? next);
        }}
      >
        <SelectTrigger
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, field, error)}
          className="sm:max-w-80"
        >
          <SelectValue placeholder="Choose…" />
        </SelectTrigger>
        <SelectContent>
          {canUnset ? (
            <SelectItem value={unset} className="text-muted-foreground">
              Not set (upstream default)
            </SelectItem>
          ) : null}
          {options.map((option, i) => (
            <SelectItem
              key={String(option)}
              value={String(option)}
              description={
                optionLabels && labelFor(i, option) !== String(option) ? (
                  <code className="font-mono text-[11px]">{String(option)}</code>
                ) : undefined
              }
            >
              {labelFor(i, option)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </FieldShell>
  );
}
