"use client";

import { FlaskConicalIcon } from "lucide-react";
import type * as React from "react";
import { Badge } from "@/components/ui/badge";
import { Label } from "@/components/ui/label";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { FieldInfo } from "@/lib/catalog";
import { cn } from "@/lib/utils/cn";

/** aria-describedby for a control: its error when there is one, else its help text. */
export function describedBy(id: string, field: FieldInfo, error?: string): string | undefined {
  if (error) return `${id}-error`;
  return field.help ? `${id}-help` : undefined;
}

export function UnverifiedHint({ what = "This field" }: { what?: string }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Badge
          variant="warning"
          tabIndex={0}
          className="focus-visible:ring-ring/50 cursor-help px-1.5 py-0 text-[11px] font-normal outline-none focus-visible:ring-[3px]"
        >
          <FlaskConicalIcon aria-hidden /> unverified
        </Badge>
      </TooltipTrigger>
      <TooltipContent>
        {what} is not fully documented by API in One; the values offered are our best reading.
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
          {field.uncertain ? <UnverifiedHint /> : null}
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
