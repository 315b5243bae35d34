"use client";

import { Textarea } from "@/components/ui/textarea";
import { textLength } from "@/lib/catalog";
import { examplesFor } from "@/lib/catalog/examples";
import { cn } from "@/lib/utils/cn";
import type { FieldProps } from "./field-props";
import { describedBy, FieldShell } from "./field-shell";
import { PromptExamples, PromptHistoryMenu } from "./prompt-examples";
import { formatCount } from "@/lib/utils/format";

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
      {max === undefined ? `${formatCount(count)} characters` : `${count} / ${max}`}
      {over ? <span className="sr-only"> characters, over the limit</span> : null}
    </span>
  );
}

export function PromptField({
  id,
  field,
  value,
  onChange,
  error,
  modelSlug,
}: FieldProps<string> & { modelSlug?: string }) {
  const control = field.control.kind === "prompt" ? field.control : { kind: "prompt" as const };
  const count = characterCount(value);
  const counterId = `${id}-count`;
  const described = [describedBy(id, field, error), counterId].filter(Boolean).join(" ");
  const examples = modelSlug ? examplesFor(modelSlug, field.name) : [];
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
        className="placeholder:text-muted-foreground/70 max-h-80 min-h-24"
        placeholder={placeholderFor(field.name, field.label)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        aria-required={field.required || undefined}
      />
      {modelSlug ? (
        <div className="flex items-start justify-between gap-2">
          <PromptExamples
            examples={examples}
            onPick={(example) => {
              if ("text" in example) onChange(example.text);
            }}
          />
          <PromptHistoryMenu slug={modelSlug} field={field.name} onPick={onChange} />
        </div>
      ) : null}
    </FieldShell>
  );
}

/** Words that read as an invitation, not as text already written. */
function placeholderFor(name: string, label: string): string {
  if (name === "gpt_description_prompt") return "Describe the song you have in mind…";
  if (label === "Lyrics") return "Write your lyrics here…";
  return "Describe what you want…";
}
