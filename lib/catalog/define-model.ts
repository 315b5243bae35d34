// Turns one model's facts (its params, cross-field rules and price) into a catalog entry, so each
// model file reads as data and the schema, the form fields and the price rule share one source.
import { z } from "zod";
import { httpUrlSchema, type Param } from "./params";
import { textLength, textProblem } from "./text";
import type { PriceSpec } from "./prices";
import { routes } from "./routes";
import type { FieldInfo, ModelEntry, OutputKind, RouteId } from "./types";

export interface RuleViolation {
  /** Top-level body field the message is about. */
  field: string;
  /** Reads after "field: ", e.g. "required for seedream/4.5-edit". */
  message: string;
  /**
   * The same in a form's words, for people who never saw the API: field labels, not field names
   * ("Describe the song, or write your own lyrics."). Forms show it; API answers keep `message`.
   */
  hint?: string;
}

/** A cross-field check; it runs only once every field has the right type. */
export type Rule = (body: Readonly<Record<string, unknown>>) => RuleViolation | undefined;

export interface ModelSpec {
  slug: string;
  route: RouteId;
  label: string;
  provider: string;
  /** First is the default. Empty only on remove-bg, which needs no `model` (SPEC §0). */
  modelValues: readonly string[];
  modelValueLabels?: readonly string[];
  modelAliases?: readonly string[];
  /** How the sub-model select is labelled when there are several model values. */
  modelField?: { label: string; help?: string; uncertain?: boolean };
  typicalSeconds: readonly [number, number];
  output: OutputKind;
  webhook: boolean;
  uncertain?: boolean;
  params: readonly Param[];
  rules?: readonly Rule[];
  price: PriceSpec;
  /** Receives the body with defaults applied; one file when omitted. */
  outputCount?: (body: Readonly<Record<string, unknown>>) => number;
}

export function acceptedModelValues(
  entry: Pick<ModelEntry, "slug" | "modelValues" | "modelAliases">,
): string[] {
  return [...new Set([...entry.modelValues, entry.slug, ...(entry.modelAliases ?? [])])];
}

/** Longer than any model value; a longer one is not quoted back in a message. */
export const maxModelValueLength = 100;

/** Why a `model` value is refused, quoting it back only when it is short, printable text. */
export function modelValueProblem(
  value: string,
  accepted: readonly string[],
  path: string,
): string | undefined {
  if (accepted.includes(value)) return undefined;
  if (value === "") return "must not be empty";
  const problem = textProblem(value, "single-line");
  if (problem !== undefined) return problem;
  if (textLength(value) > maxModelValueLength) return `unknown model for ${path}`;
  return `unknown model "${value}" for ${path}`;
}

export function modelValueSchema(accepted: readonly string[], path: string): z.ZodType {
  return z.string().superRefine((value, ctx) => {
    const problem = modelValueProblem(value, accepted, path);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

function modelSelectField(spec: ModelSpec): FieldInfo {
  const field: FieldInfo = {
    name: "model",
    label: spec.modelField?.label ?? "Model",
    required: routes[spec.route].modelField === "required",
    default: spec.modelValues[0],
    control: { kind: "select", options: spec.modelValues },
  };
  if (spec.modelField?.help !== undefined) field.help = spec.modelField.help;
  if (spec.modelField?.uncertain) field.uncertain = true;
  return field;
}

/** Form defaults for the given fields, without overwriting anything the body already has. */
export function withFieldDefaults(
  fields: readonly FieldInfo[],
  body: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...body };
  for (const field of fields) {
    if (filled[field.name] === undefined && field.default !== undefined) {
      filled[field.name] = field.default;
    }
  }
  return filled;
}

export function defineModel(spec: ModelSpec): ModelEntry {
  const route = routes[spec.route];
  const accepted = acceptedModelValues(spec);

  // Every route takes a webhook URL (SPEC §8); the upstream ignores it where unsupported.
  const params: readonly Param[] = [
    ...spec.params,
    { name: "callback_url", required: false, schema: httpUrlSchema, urls: "url" },
  ];
  const shape: Record<string, z.ZodType> = {};
  if (route.modelField !== "none") {
    const model = modelValueSchema(accepted, route.path);
    shape.model = route.modelField === "required" ? model : model.optional();
  }
  for (const p of params) shape[p.name] = p.required ? p.schema : p.schema.optional();

  // Strict: a field the model does not take is refused by name rather than forwarded unchecked,
  // so a typo ("aspectRatio") or a field of another model never silently does nothing.
  const base = z.strictObject(shape);
  const rules = spec.rules ?? [];
  const schema: z.ZodType<Record<string, unknown>> =
    rules.length === 0
      ? base
      : base.superRefine((body, ctx) => {
          for (const rule of rules) {
            const violation = rule(body);
            if (violation) {
              ctx.addIssue({
                code: "custom",
                path: [violation.field],
                message: violation.message,
                ...(violation.hint === undefined ? {} : { params: { hint: violation.hint } }),
              });
            }
          }
        });

  const fields: FieldInfo[] = [];
  if (spec.modelValues.length > 1) fields.push(modelSelectField(spec));
  for (const p of spec.params) if (p.field) fields.push(p.field);

  // What the upstream would act on: defaults filled and a bare slug read as the default sub-model,
  // so price rules need not repeat either.
  const effective = (body: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const filled = withFieldDefaults(fields, body);
    const model = body.model;
    const defaultValue = spec.modelValues[0];
    if (defaultValue !== undefined && (model === undefined || model === spec.slug)) {
      filled.model = defaultValue;
    }
    return filled;
  };
  const priceRule = spec.price.rule;
  const outputCount = spec.outputCount;

  const entry: ModelEntry = {
    slug: spec.slug,
    route: spec.route,
    label: spec.label,
    provider: spec.provider,
    modelValues: spec.modelValues,
    typicalSeconds: spec.typicalSeconds,
    output: spec.output,
    schema,
    fields,
    price: (body) => priceRule(effective(body)),
    outputCount: (body) => (outputCount ? outputCount(effective(body)) : 1),
    webhook: spec.webhook,
    urlFields: params.flatMap((p) => (p.urls ? [{ name: p.name, carrier: p.urls }] : [])),
  };
  if (spec.modelValueLabels) entry.modelValueLabels = spec.modelValueLabels;
  if (spec.modelAliases) entry.modelAliases = spec.modelAliases;
  if (spec.price.uncertain) entry.priceUncertain = true;
  if (spec.uncertain) entry.uncertain = true;
  return entry;
}

// Small readers for rules: bodies reach rules already type-checked, but still as `unknown`.

export function isFilledString(value: unknown): boolean {
  return typeof value === "string" && value.trim().length > 0;
}

/** Length by the catalog's one rule (UTF-16 code units, see text.ts); 0 for non-strings. */
export function lengthOf(value: unknown): number {
  return typeof value === "string" ? textLength(value) : 0;
}

export function isNonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
