"use client";

import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import type { FieldProps } from "./field-props";
import { describedBy, FieldShell } from "./field-shell";
import { CharacterCounter, characterCount } from "./prompt-field";

export function TextField({ id, field, value, onChange, error }: FieldProps<string>) {
  const max = field.control.kind === "text" ? field.control.max : undefined;
  const counterId = `${id}-count`;
  return (
    <FieldShell
      id={id}
      field={field}
      error={error}
      aside={
        max !== undefined && value.length > 0 ? (
          <CharacterCounter id={counterId} count={characterCount(value)} max={max} />
        ) : null
      }
    >
      <Input
        id={id}
        name={field.name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, field, error)}
        aria-required={field.required || undefined}
      />
    </FieldShell>
  );
}

export function NumberField({ id, field, value, onChange, error }: FieldProps<string>) {
  const control = field.control.kind === "number" ? field.control : undefined;
  const range =
    control?.min !== undefined && control.max !== undefined
      ? `${control.min}–${control.max}`
      : undefined;
  return (
    <FieldShell
      id={id}
      field={field}
      error={error}
      aside={range ? <span className="text-muted-foreground text-xs">{range}</span> : null}
    >
      <Input
        id={id}
        name={field.name}
        type="number"
        inputMode={control?.integer ? "numeric" : "decimal"}
        step={control?.integer ? 1 : "any"}
        min={control?.min}
        max={control?.max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={field.required ? undefined : "Not set"}
        className="tabular-nums sm:max-w-48"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, field, error)}
        aria-required={field.required || undefined}
      />
    </FieldShell>
  );
}

export function SwitchField({ id, field, value, onChange, error }: FieldProps<boolean>) {
  return (
    <FieldShell
      id={id}
      field={field}
      error={error}
      aside={
        <Switch
          id={id}
          name={field.name}
          checked={value}
          onCheckedChange={onChange}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, field, error)}
        />
      }
    >
      {null}
    </FieldShell>
  );
}
