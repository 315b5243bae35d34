"use client";

import { ArrowDownIcon, ArrowUpIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { FieldProps } from "./field-props";
import { describedBy, FieldShell } from "./field-shell";
import { newDialogueRow, parseItemPath, type DialogueRow } from "./form-values";
import { characterCount } from "./prompt-field";
import { formatCount } from "@/lib/utils/format";

function move<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** Speaker turns for multi-voice speech: a voice (optional) and its line, in order. */
export function DialogueField({
  id,
  field,
  value,
  onChange,
  error,
  errorPath,
}: FieldProps<DialogueRow[]>) {
  const rowError = errorPath ? parseItemPath(errorPath) : undefined;
  const totalCharacters = value.reduce((sum, row) => sum + characterCount(row.text), 0);
  const update = (index: number, patch: Partial<DialogueRow>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const rowId = (index: number, part: "voice" | "text") => `${id}-${index}-${part}`;

  const addLine = () => {
    // Dialogue usually alternates: the new line takes the voice from two lines up.
    const voice = value.at(-2)?.voice ?? "";
    onChange([...value, newDialogueRow(voice)]);
    focusLater(rowId(value.length, "text"));
  };

  return (
    <FieldShell
      id={id}
      field={field}
      error={rowError ? undefined : error}
      labelFor={null}
      aside={
        <span className="text-muted-foreground text-xs tabular-nums">
          {formatCount(totalCharacters)} characters
        </span>
      }
    >
      <div
        id={id}
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={rowError ? undefined : describedBy(id, field, error)}
        className="flex flex-col gap-2"
      >
        <ol className="flex flex-col gap-2">
          {value.map((row, index) => {
            const invalid = rowError?.index === index ? rowError : undefined;
            const voiceInvalid = invalid?.key === "voice";
            const textInvalid = invalid !== undefined && !voiceInvalid;
            const errorId = `${id}-${index}-error`;
            return (
              <li
                key={row.id}
                className="bg-background/50 flex flex-col gap-2 rounded-lg border p-2.5 sm:flex-row sm:items-start"
                data-testid="dialogue-row"
              >
                <div className="flex items-center justify-between gap-2 sm:w-36 sm:shrink-0 sm:flex-col sm:items-stretch">
                  <span className="text-muted-foreground text-xs font-medium">
                    Line {index + 1}
                  </span>
                  <Input
                    id={rowId(index, "voice")}
                    value={row.voice}
                    onChange={(e) => update(index, { voice: e.target.value })}
                    placeholder="Voice (optional)"
                    autoComplete="off"
                    aria-label={`Voice for line ${index + 1}`}
                    aria-invalid={voiceInvalid || undefined}
                    aria-describedby={voiceInvalid ? errorId : undefined}
                    className="h-8 max-w-44 sm:max-w-none"
                  />
                </div>
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <Textarea
                    id={rowId(index, "text")}
                    value={row.text}
                    onChange={(e) => update(index, { text: e.target.value })}
                    rows={2}
                    placeholder="What this speaker says…"
                    aria-label={`Text for line ${index + 1}`}
                    aria-invalid={textInvalid || undefined}
                    aria-describedby={textInvalid ? errorId : undefined}
                    className="max-h-48 min-h-16"
                  />
                  {invalid ? (
                    <p id={errorId} className="text-destructive text-xs" data-testid="field-error">
                      {error}
                    </p>
                  ) : null}
                </div>
                <div className="flex justify-end gap-0.5 sm:flex-col">
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="text-muted-foreground size-7"
                    id={`${id}-${index}-up`}
                    disabled={index === 0}
                    onClick={() => {
                      onChange(move(value, index, index - 1));
                      // Keep focus on the moved line's arrows, so repeated presses keep moving it.
                      focusLater(`${id}-${index - 1}-${index - 1 === 0 ? "down" : "up"}`);
                    }}
                    aria-label={`Move line ${index + 1} up`}
                  >
                    <ArrowUpIcon />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="text-muted-foreground size-7"
                    id={`${id}-${index}-down`}
                    disabled={index === value.length - 1}
                    onClick={() => {
                      onChange(move(value, index, index + 1));
                      const last = index + 1 === value.length - 1;
                      focusLater(`${id}-${index + 1}-${last ? "up" : "down"}`);
                    }}
                    aria-label={`Move line ${index + 1} down`}
                  >
                    <ArrowDownIcon />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="text-muted-foreground hover:text-destructive size-7"
                    disabled={value.length === 1}
                    onClick={() => onChange(value.filter((_, i) => i !== index))}
                    aria-label={`Remove line ${index + 1}`}
                  >
                    <Trash2Icon />
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
        <Button type="button" variant="outline" size="sm" className="self-start" onClick={addLine}>
          <PlusIcon /> Add line
        </Button>
      </div>
    </FieldShell>
  );
}
