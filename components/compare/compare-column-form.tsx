"use client";

import { XIcon } from "lucide-react";
import { FieldControl } from "@/components/generate/field-control";
import { fieldDomId, subPath } from "@/components/generate/form-values";
import { ModelPicker } from "@/components/generate/model-picker";
import { PriceEstimate } from "@/components/generate/price-estimate";
import { Button } from "@/components/ui/button";
import { Separator } from "@/components/ui/separator";
import type { FieldInfo, ModelEntry } from "@/lib/catalog";
import { columnLetter } from "@/lib/schemas/compare";
import {
  changeColumnModel,
  columnBody,
  sharedField,
  type ColumnProblem,
  type CompareColumnState,
} from "./compare-state";

const voiceField: FieldInfo = {
  name: "voice",
  label: "Voice",
  help: "Who reads the text, e.g. narrator; leave empty for the default voice.",
  required: false,
  control: { kind: "text", max: 100 },
};

/** One column of the setup: its model, its own settings (all but the shared prompt) and price. */
export function CompareColumnForm({
  index,
  column,
  prompt,
  problem,
  canRemove,
  canUpload,
  onChange,
  onRemove,
}: {
  index: number;
  column: CompareColumnState;
  prompt: string;
  /** This column's validation problem, shown under its field. */
  problem?: ColumnProblem;
  canRemove: boolean;
  canUpload: boolean;
  onChange: (next: CompareColumnState) => void;
  onRemove: () => void;
}) {
  const { entry } = column.form;
  const prefix = `cmp${index}`;
  const shared = sharedField(entry);
  const fields = entry.fields.filter((f) => f.name !== shared?.name);
  const setValue = (name: string, value: unknown) =>
    onChange({
      ...column,
      form: { ...column.form, values: { ...column.form.values, [name]: value } },
    });
  const top = problem ? /^[^.[]+/.exec(problem.field)?.[0] : undefined;
  // A problem with something no field here shows (the model itself): said at the column's top.
  const unplaced = problem && top !== shared?.name && !fields.some((f) => f.name === top);
  const changeModel = (next: ModelEntry) => {
    if (next.slug !== entry.slug) onChange(changeColumnModel(column, next));
  };

  return (
    <section
      aria-label={`Column ${columnLetter(index)}`}
      data-testid="compare-column"
      data-model={entry.slug}
      className="bg-card text-card-foreground flex min-w-0 flex-col gap-4 rounded-xl border p-4 shadow-xs"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">Column {columnLetter(index)}</h2>
        {canRemove ? (
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="size-8"
            aria-label={`Remove column ${columnLetter(index)}`}
            onClick={onRemove}
          >
            <XIcon />
          </Button>
        ) : null}
      </div>
      {unplaced ? (
        <p className="text-destructive text-xs" data-testid="column-error">
          {problem.message}
        </p>
      ) : null}
      <ModelPicker
        id={`${prefix}-model`}
        routeIds={[entry.route]}
        entry={entry}
        onRouteChange={() => undefined}
        onModelChange={changeModel}
      />
      {fields.length > 0 || shared?.control.kind === "dialogue" ? <Separator /> : null}
      {shared?.control.kind === "dialogue" ? (
        <FieldControl
          id={`${prefix}-voice`}
          entry={entry}
          field={voiceField}
          value={column.voice}
          onChange={(value) =>
            onChange({ ...column, voice: typeof value === "string" ? value : "" })
          }
          canUpload={canUpload}
        />
      ) : null}
      {fields.map((field) => {
        const sub = problem ? subPath(field.name, problem.field) : undefined;
        return (
          <FieldControl
            key={`${entry.slug}:${field.name}`}
            id={fieldDomId(prefix, field.name)}
            entry={entry}
            field={field}
            value={column.form.values[field.name]}
            onChange={(value) => setValue(field.name, value)}
            error={sub !== undefined ? problem?.message : undefined}
            errorPath={sub || undefined}
            canUpload={canUpload}
          />
        );
      })}
      <div className="mt-auto border-t pt-3" data-testid="column-price">
        <PriceEstimate entry={entry} body={columnBody(column, prompt)} />
      </div>
    </section>
  );
}
