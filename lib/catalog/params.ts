// Builders for one body parameter: its zod check and the form field that shows it, made together
// so a model's schema and its form can never disagree about a name, an enum or a bound.
import { z } from "zod";
import type { FieldControl, FieldInfo } from "./types";

export interface Param {
  name: string;
  /** Required by the schema. Conditionally required fields stay optional and get a model rule. */
  required: boolean;
  /** The value's check, without `.optional()` (the model builder adds it). */
  schema: z.ZodType;
  /** Absent for parameters that are type-checked but not offered in forms (API-only). */
  field?: FieldInfo;
}

interface FieldOptions {
  label?: string;
  help?: string;
  required?: boolean;
  uncertain?: boolean;
}

export function isHttpUrl(value: string): boolean {
  // URL.canParse is missing in older Safari; the constructor works everywhere.
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Every URL the upstream fetches must be one it can reach: no data:, file: or relative URLs. */
export const httpUrlSchema = z.string().refine(isHttpUrl, { error: "must be an http(s) URL" });

function param(
  name: string,
  schema: z.ZodType,
  control: FieldControl,
  label: string,
  options: FieldOptions & { default?: unknown },
): Param {
  const required = options.required ?? false;
  const field: FieldInfo = { name, label, required, control };
  if (options.help !== undefined) field.help = options.help;
  if (options.default !== undefined) field.default = options.default;
  if (options.uncertain) field.uncertain = true;
  return { name, required, schema, field };
}

/** Strings of only spaces pass a length check but give the model nothing to work with. */
function notBlank(schema: z.ZodString): z.ZodType {
  return schema.refine((s) => s.length === 0 || s.trim().length > 0, {
    error: "must not be blank",
  });
}

/** Required unless `required: false`; `max` is left out only where no limit is published. */
export function promptParam(
  options: FieldOptions & { min?: number; max?: number; name?: string },
): Param {
  const { min, max } = options;
  let schema = z.string();
  const control: FieldControl = { kind: "prompt" };
  if (min !== undefined) {
    schema = schema.min(min);
    control.min = min;
  }
  if (max !== undefined) {
    schema = schema.max(max);
    control.max = max;
  }
  const required = options.required ?? true;
  return param(options.name ?? "prompt", notBlank(schema), control, options.label ?? "Prompt", {
    ...options,
    required,
  });
}

export function textParam(
  name: string,
  label: string,
  options: FieldOptions & { max?: number; default?: string } = {},
): Param {
  const schema = options.max === undefined ? z.string() : z.string().max(options.max);
  const control: FieldControl =
    options.max === undefined ? { kind: "text" } : { kind: "text", max: options.max };
  return param(name, schema, control, label, options);
}

export function selectParam(
  name: string,
  label: string,
  options: readonly [string, ...string[]],
  extra: FieldOptions & { default?: string } = {},
): Param {
  return param(name, z.enum(options), { kind: "select", options }, label, extra);
}

export function aspectRatioParam(
  options: readonly [string, ...string[]],
  defaultValue: string,
  extra: FieldOptions = {},
): Param {
  return param(
    "aspect_ratio",
    z.enum(options),
    { kind: "aspect-ratio", options },
    extra.label ?? "Aspect ratio",
    { ...extra, default: defaultValue },
  );
}

function boundedNumber(min: number | undefined, max: number | undefined, integer: boolean) {
  let schema = integer ? z.number().int() : z.number();
  if (min !== undefined) schema = schema.min(min);
  if (max !== undefined) schema = schema.max(max);
  return schema;
}

export function sliderParam(
  name: string,
  label: string,
  options: FieldOptions & {
    min: number;
    max: number;
    step: number;
    integer?: boolean;
    default?: number;
  },
): Param {
  const { min, max, step } = options;
  const schema = boundedNumber(min, max, options.integer ?? false);
  return param(name, schema, { kind: "slider", min, max, step }, label, options);
}

export function numberParam(
  name: string,
  label: string,
  options: FieldOptions & { min?: number; max?: number; integer?: boolean; default?: number } = {},
): Param {
  const control: FieldControl = { kind: "number" };
  if (options.min !== undefined) control.min = options.min;
  if (options.max !== undefined) control.max = options.max;
  if (options.integer) control.integer = true;
  const schema = boundedNumber(options.min, options.max, options.integer ?? false);
  return param(name, schema, control, label, options);
}

export function switchParam(
  name: string,
  label: string,
  options: FieldOptions & { default: boolean },
): Param {
  return param(name, z.boolean(), { kind: "switch" }, label, options);
}

export function imageUrlParam(name: string, label: string, options: FieldOptions = {}): Param {
  return param(name, httpUrlSchema, { kind: "image-url" }, label, options);
}

export function imageUrlsParam(
  name: string,
  label: string,
  options: FieldOptions & { maxItems?: number } = {},
): Param {
  const { maxItems } = options;
  const list = z.array(httpUrlSchema);
  const schema = maxItems === undefined ? list : list.max(maxItems);
  const control: FieldControl =
    maxItems === undefined ? { kind: "image-urls" } : { kind: "image-urls", maxItems };
  return param(name, schema, control, label, options);
}

export function videoUrlParam(name: string, label: string, options: FieldOptions = {}): Param {
  return param(name, httpUrlSchema, { kind: "video-url" }, label, options);
}

/** ElevenLabs-style multi-speaker script: `[{ text, voice? }, …]`, at least one line. */
export function dialogueParam(options: FieldOptions = {}): Param {
  const line = z.looseObject({
    text: notBlank(z.string().min(1)),
    voice: z.string().optional(),
  });
  return param("dialogue", z.array(line).min(1), { kind: "dialogue" }, "Dialogue", {
    ...options,
    required: true,
  });
}

/** Type-checked but not offered in forms (undocumented inner shapes, API-only power features). */
export function apiOnlyParam(name: string, schema: z.ZodType): Param {
  return { name, required: false, schema };
}
