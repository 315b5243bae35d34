"use client";

import { Textarea } from "@/components/ui/textarea";
import { textLength } from "@/lib/catalog";
import { cn } from "@/lib/utils/cn";
import type { FieldProps } from "./field-props";
import { describedBy, FieldShell } from "./field-shell";

/** Counts like the validator does (the catalog's textLength), so the counter and the error agree. */
export const characterCount = textLength;

export function CharacterCounter({
  id,
  count,
  min,
  max,
}: {
  id: string;
  count: number;
  min?: number;
  max?: number;
}) {
  const over = max !== undefined && count > max;
  const under = min !== undefined && count > 0 && count < min;
  return (
    <span
      id={id}
      className={cn(
        "text-muted-foreground text-xs tabular-nums",
        (over || under) && "text-destructive font-medium",
      )}
      aria-live={over ? "polite" : "off"}
    >
      {max === undefined ? `${count.toLocaleString("en-US")} characters` : `${count} / ${max}`}
      {over ? <span className="sr-only"> characters, over the limit</span> : null}
    </span>
  );
}

export function PromptField({ id, field, value, onChange, error }: FieldProps<string>) {
  const control = field.control.kind === "prompt" ? field.control : { kind: "prompt" as const };
  const count = characterCount(value);
  const counterId = `${id}-count`;
  const described = [describedBy(id, field, error), counterId].filter(Boolean).join(" ");
  return (
    <FieldShell
      id={id}
      field={field}
      error={error}
      aside={<CharacterCounter id={counterId} count={count} min={control.min} max={control.max} />}
    >
      <Textarea
        id={id}
        name={field.name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={4}
        className="max-h-80 min-h-24"
        placeholder={placeholderFor(field.name, field.label)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        aria-required={field.required || undefined}
      />
    </FieldShell>
  );
}

function placeholderFor(name: string, label: string): string {
  if (name === "gpt_description_prompt")
    return "A melancholic sea shanty about a lighthouse keeper";
  if (label === "Lyrics") return "Your lyrics, or a detailed prompt…";
  return "Describe what you want…";
}
