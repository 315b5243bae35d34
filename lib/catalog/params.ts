// Builders for one body parameter: its zod check and the form field that shows it, made together
// so a model's schema and its form can never disagree about a name, an enum or a bound.
import { z } from "zod";
import { caps, textLength, textProblem, textSchema, withJsonLimits, type TextKind } from "./text";
import type { FieldControl, FieldInfo } from "./types";

/** How a parameter carries URLs the upstream will fetch, so a URL policy can see every one. */
export type UrlCarrier = "url" | "url-list" | "json";

export interface Param {
  name: string;
  /** Required by the schema. Conditionally required fields stay optional and get a model rule. */
  required: boolean;
  /** The value's check, without `.optional()` (the model builder adds it). */
  schema: z.ZodType;
  /** Absent for parameters that are type-checked but not offered in forms (API-only). */
  field?: FieldInfo;
  /** Set when the value is, or may hold, URLs for the upstream to fetch. */
  urls?: UrlCarrier;
}

interface FieldOptions {
  label?: string;
  help?: string;
  required?: boolean;
  uncertain?: boolean;
}

/** A string that looks like an http(s) URL; for showing links, not for checking requests. */
export function isHttpUrl(value: string): boolean {
  // URL.canParse is missing in older Safari; the constructor works everywhere.
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * What is wrong with a URL field's value, or undefined. The raw string is checked before parsing:
 * the WHATWG parser silently drops tabs, line breaks and surrounding spaces, and we forward the
 * string as sent, not the parsed form.
 */
export function urlProblem(value: string): string | undefined {
  const text = textProblem(value, "single-line");
  if (text !== undefined) return text;
  const length = textLength(value);
  if (length > caps.url) return `must be at most ${caps.url} characters (got ${length})`;
  if (value.trim() !== value) return "must not start or end with spaces";
  // Spelled out as scheme://host: the WHATWG parser also reads "http:x.com" and "http:\\x.com",
  // which other parsers (the provider's fetcher, say) read differently.
  if (!/^https?:\/\/[^/\\?#]/i.test(value)) return "must be an http(s) URL";
  if (value.includes("\\")) return "must not contain a backslash";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an http(s) URL";
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") {
    return "must be an http(s) URL";
  }
  const authority = value.slice(value.indexOf("//") + 2).split(/[/?#]/, 1)[0] ?? "";
  if (url.username !== "" || url.password !== "" || authority.includes("@")) {
    return "must not contain a user name or password";
  }
  return undefined;
}

/**
 * Every URL the upstream fetches: http(s) with a host name, no user:password@, at most 2048
 * characters, one line. Whether the address is acceptable is a URL policy's call (url-policy.ts).
 */
export const httpUrlSchema: z.ZodType<string> = z.string().superRefine((value, ctx) => {
  const problem = urlProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem, input: value });
});

function param(
  name: string,
  schema: z.ZodType,
  control: FieldControl,
  label: string,
  options: FieldOptions & { default?: unknown },
  urls?: UrlCarrier,
): Param {
  const required = options.required ?? false;
  const field: FieldInfo = { name, label, required, control };
  if (options.help !== undefined) field.help = options.help;
  if (options.default !== undefined) field.default = options.default;
  if (options.uncertain) field.uncertain = true;
  const built: Param = { name, required, schema, field };
  if (urls) built.urls = urls;
  return built;
}

/**
 * Multi-line free text, required unless `required: false`. `max` is the published limit, or
 * `caps.freeText` where none is published.
 */
export function promptParam(
  options: FieldOptions & { min?: number; max: number; name?: string },
): Param {
  const { min, max } = options;
  const control: FieldControl = { kind: "prompt", max };
  if (min !== undefined) control.min = min;
  const schema = textSchema({ kind: "multiline", min, max, notBlank: true });
  const required = options.required ?? true;
  // A minimum above one character is a limit people hit: say it before they do.
  const atLeast = min !== undefined && min > 1 ? `At least ${min} characters.` : undefined;
  const help = [options.help, atLeast].filter(Boolean).join(" ") || undefined;
  return param(options.name ?? "prompt", schema, control, options.label ?? "Prompt", {
    ...options,
    ...(help === undefined ? {} : { help }),
    required,
  });
}

/** A one-line input in forms; `multiline` lets API callers send line breaks (style, tags). */
export function textParam(
  name: string,
  label: string,
  options: FieldOptions & { max: number; multiline?: boolean; default?: string },
): Param {
  const schema = textSchema({
    kind: options.multiline ? "multiline" : "single-line",
    max: options.max,
  });
  return param(name, schema, { kind: "text", max: options.max }, label, options);
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

/** z.number() already refuses NaN and ±Infinity; every number param also has both bounds. */
function boundedNumber(min: number, max: number, integer: boolean) {
  return (integer ? z.number().int() : z.number()).min(min).max(max);
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
  options: FieldOptions & { min: number; max: number; integer?: boolean; default?: number },
): Param {
  const control: FieldControl = { kind: "number", min: options.min, max: options.max };
  if (options.integer) control.integer = true;
  const schema = boundedNumber(options.min, options.max, options.integer ?? false);
  return param(name, schema, control, label, options);
}

/** Largest seed: an unsigned 32-bit integer, the common range of image model seeds. */
export const maxSeed = 4_294_967_295;

/** A whole number from 0 to 4294967295; strings, fractions and booleans are refused. */
export function seedParam(options: FieldOptions = {}): Param {
  return numberParam("seed", options.label ?? "Seed", {
    ...options,
    min: 0,
    max: maxSeed,
    integer: true,
  });
}

export function switchParam(
  name: string,
  label: string,
  options: FieldOptions & { default: boolean },
): Param {
  return param(name, z.boolean(), { kind: "switch" }, label, options);
}

export function imageUrlParam(name: string, label: string, options: FieldOptions = {}): Param {
  return param(name, httpUrlSchema, { kind: "image-url" }, label, options, "url");
}

/** `maxItems` is the published limit, or `caps.urlList` where none is published. */
export function imageUrlsParam(
  name: string,
  label: string,
  options: FieldOptions & { maxItems: number },
): Param {
  const { maxItems } = options;
  const schema = z.array(httpUrlSchema).max(maxItems);
  return param(name, schema, { kind: "image-urls", maxItems }, label, options, "url-list");
}

export function videoUrlParam(name: string, label: string, options: FieldOptions = {}): Param {
  return param(name, httpUrlSchema, { kind: "video-url" }, label, options, "url");
}

/** ElevenLabs-style multi-speaker script: `[{ text, voice? }, …]`, 1 to 100 lines. */
export function dialogueParam(options: FieldOptions = {}): Param {
  const line = z.strictObject({
    text: textSchema({ kind: "multiline", min: 1, max: caps.freeText, notBlank: true }),
    voice: textSchema({ kind: "single-line", max: caps.voice }).optional(),
  });
  const schema = z.array(line).min(1).max(caps.dialogueLines);
  return param("dialogue", schema, { kind: "dialogue" }, "Dialogue", {
    ...options,
    required: true,
  });
}

/** What an API-only parameter holds; every kind carries its own size cap. */
export type PassthroughSpec =
  | { type: "boolean" }
  | { type: "number"; min: number; max: number; integer?: boolean }
  | { type: "text"; kind: TextKind; max: number }
  /** Either spelling, for undocumented fields that drift between number and string (§12.13). */
  | { type: "text-or-number"; max: number; min: number; maxNumber: number }
  /** A list of items built from the capped builders here (kling-3's multi_prompt). */
  | { type: "list"; item: z.ZodType; maxItems: number }
  /** Any JSON whose inner shape is undocumented: strings checked, size capped, URLs policed. */
  | { type: "json-array"; maxItems: number; maxChars: number };

function passthroughSchema(spec: PassthroughSpec): z.ZodType {
  switch (spec.type) {
    case "boolean":
      return z.boolean();
    case "number":
      return boundedNumber(spec.min, spec.max, spec.integer ?? false);
    case "text":
      return textSchema({ kind: spec.kind, max: spec.max });
    case "text-or-number":
      return z.union([
        z.number().min(spec.min).max(spec.maxNumber),
        textSchema({ kind: "single-line", max: spec.max }),
      ]);
    case "list":
      return z.array(spec.item).max(spec.maxItems);
    case "json-array":
      return withJsonLimits(z.array(z.unknown()).max(spec.maxItems), spec);
  }
}

/**
 * Type-checked and size-capped but not offered in forms: documented power features (kling-3's
 * multi-shot fields) and the generic fields of a model whose values are unknown.
 */
export function passthroughParam(name: string, spec: PassthroughSpec): Param {
  const built: Param = { name, required: false, schema: passthroughSchema(spec) };
  if (spec.type === "json-array") built.urls = "json";
  return built;
}
