"use client";

import type { FieldInfo, ModelEntry } from "@/lib/catalog";
import { examplesFor } from "@/lib/catalog/examples";
import { AspectRatioField } from "./aspect-ratio-field";
import { NumberField, SwitchField, TextField } from "./basic-fields";
import { DialogueField } from "./dialogue-field";
import { newDialogueRow, type DialogueRow } from "./form-values";
import { MediaUrlField, MediaUrlListField } from "./media-url-field";
import { PromptExamples } from "./prompt-examples";
import { PromptField } from "./prompt-field";
import { SeedField } from "./seed-field";
import { SelectField } from "./select-field";
import { SliderField } from "./slider-field";

function asString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The right control for one catalog field, chosen by `field.control.kind`. */
export function FieldControl({
  id,
  entry,
  field,
  value,
  onChange,
  error,
  errorPath,
  canUpload,
}: {
  id: string;
  entry: ModelEntry;
  field: FieldInfo;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
  errorPath?: string;
  canUpload: boolean;
}) {
  const common = { id, field, onChange, error, errorPath };
  switch (field.control.kind) {
    case "prompt":
      return <PromptField {...common} value={asString(value)} modelSlug={entry.slug} />;
    case "text":
      return <TextField {...common} value={asString(value)} />;
    case "number":
      if (field.name === "seed") return <SeedField {...common} value={asString(value)} />;
      return <NumberField {...common} value={asString(value)} />;
    case "select":
      return (
        <SelectField
          {...common}
          value={typeof value === "string" || typeof value === "number" ? value : undefined}
          optionLabels={field.name === "model" ? entry.modelValueLabels : undefined}
        />
      );
    case "aspect-ratio":
      return <AspectRatioField {...common} value={asString(value)} />;
    case "slider":
      return <SliderField {...common} value={typeof value === "number" ? value : undefined} />;
    case "switch":
      return <SwitchField {...common} value={value === true} />;
    case "image-url":
    case "video-url":
      return <MediaUrlField {...common} value={asString(value)} canUpload={canUpload} />;
    case "image-urls":
      return (
        <MediaUrlListField
          {...common}
          value={Array.isArray(value) ? (value as string[]) : []}
          canUpload={canUpload}
        />
      );
    case "dialogue":
      return (
        <div className="flex min-w-0 flex-col gap-2">
          <DialogueField {...common} value={Array.isArray(value) ? (value as DialogueRow[]) : []} />
          <PromptExamples
            examples={examplesFor(entry.slug, field.name)}
            onPick={(example) => {
              if ("lines" in example)
                onChange(example.lines.map((line) => newDialogueRow(line.voice, line.text)));
            }}
          />
        </div>
      );
  }
}
