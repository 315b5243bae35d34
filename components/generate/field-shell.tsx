"use client";

import { InfoIcon } from "lucide-react";
import type * as React from "react";
import { Label } from "@/components/ui/label";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { FieldInfo } from "@/lib/catalog";
import { cn } from "@/lib/utils/cn";

/** aria-describedby for a control: its error when there is one, else its help text. */
export function describedBy(id: string, field: FieldInfo, error?: string): string | undefined {
  if (error) return `${id}-error`;
  return field.help ? `${id}-help` : undefined;
}

/** A quiet "i" for an option API in One documents only in part: what that means, in plain words. */
export function SparseDocsHint({ what = "option" }: { what?: "option" | "model" }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <button
          type="button"
          className="text-muted-foreground hover:text-foreground focus-visible:ring-ring/50 grid size-5 place-items-center rounded-sm outline-none focus-visible:ring-[3px]"
          aria-label={`About this ${what}`}
          data-testid="sparse-docs-hint"
        >
          <InfoIcon className="size-3.5" aria-hidden />
        </button>
      </TooltipTrigger>
      <TooltipContent className="max-w-64">
        {what === "model"
          ? "Few details are published for this model, so some options may behave differently than described."
          : "Few details are published for this option; the choices offered are our best reading."}
      </TooltipContent>
    </Tooltip>
  );
}

/**
 * "Optional" only where leaving the field empty is a real choice: switches always have a value, and
 * an optional prompt is optional only in some combination (one of Suno's two, kling-3 multi-shot),
 * which the validator explains when it matters.
 */
function showOptional(field: FieldInfo): boolean {
  const kind = field.control.kind;
  return !field.required && field.default === undefined && kind !== "switch" && kind !== "prompt";
}

/** Label row, the control, then help or the error: the same frame around every field. */
export function FieldShell({
  id,
  field,
  error,
  aside,
  children,
  className,
  labelFor = id,
}: {
  id: string;
  field: FieldInfo;
  error?: string;
  /** Right of the label: a value readout, a counter. */
  aside?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  /** The element the label names; null for groups labelled with aria-labelledby. */
  labelFor?: string | null;
}) {
  return (
    <div className={cn("flex min-w-0 flex-col gap-2", className)} data-field={field.name}>
      <div className="flex min-h-5 flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          {labelFor === null ? (
            <span id={`${id}-label`} className="text-sm leading-none font-medium">
              {field.label}
            </span>
          ) : (
            <Label id={`${id}-label`} htmlFor={labelFor}>
              {field.label}
            </Label>
          )}
          {showOptional(field) ? (
            <span className="text-muted-foreground text-xs">Optional</span>
          ) : null}
          {field.uncertain ? <SparseDocsHint /> : null}
        </div>
        {aside}
      </div>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-destructive text-xs" data-testid="field-error">
          {error}
        </p>
      ) : field.help ? (
        <p id={`${id}-help`} className="text-muted-foreground text-xs">
          {field.help}
        </p>
      ) : null}
    </div>
  );
}
