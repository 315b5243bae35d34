// The one request validator: the simulator, our API routes and the browser forms all call it, so a
// body is accepted or refused (with the same message) everywhere.
import { acceptedModelValues, modelValueProblem, withFieldDefaults } from "./define-model";
import { fieldPath, firstFieldError, typeName, type FieldError } from "./describe-issue";
import { models } from "./models";
import { routes } from "./routes";
import type { ModelEntry, RouteId } from "./types";
import type { UrlPolicy } from "./url-policy";

export interface ValidateOptions {
  /**
   * Judges every URL the upstream would fetch (single fields, list items, callback_url and
   * http(s) strings inside API-only JSON). None by default: the simulator accepts any http(s) URL.
   */
  urlPolicy?: UrlPolicy;
}

export type ValidationResult =
  { ok: true; model: ModelEntry; body: Record<string, unknown> } | ({ ok: false } & FieldError);

export function modelsForRoute(route: RouteId): ModelEntry[] {
  return models.filter((m) => m.route === route);
}

/**
 * Resolves a body's `model` value on a route: the slug, any model value (e.g. "imagen4-fast") or a
 * documented alias (legacy "suno-v4-5"). Routes that do not require `model` and have a single model
 * resolve a missing value to it.
 */
export function findModel(route: RouteId, modelValue: string | undefined): ModelEntry | undefined {
  const candidates = modelsForRoute(route);
  if (modelValue === undefined) {
    const only = candidates.length === 1 ? candidates[0] : undefined;
    return routes[route].modelField === "required" ? undefined : only;
  }
  return candidates.find((m) => acceptedModelValues(m).includes(modelValue));
}

function fail(field: string, text: string): ValidationResult {
  return { ok: false, field, message: `${field}: ${text}` };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownModel(route: RouteId, value: string | undefined): ValidationResult {
  const path = routes[route].path;
  const accepted = modelsForRoute(route).flatMap((m) => acceptedModelValues(m));
  const problem = modelValueProblem(value ?? "", accepted, path) ?? "required";
  const lower = (value ?? "").toLowerCase();
  const near = accepted.find((v) => v.toLowerCase() === lower);
  // "Imagen4" vs "imagen4": say which spelling exists.
  const hint = near === undefined ? "" : ` (did you mean "${near}"?)`;
  return fail("model", `${problem}${hint}`);
}

interface FoundUrl {
  field: string;
  url: URL;
}

function asHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every URL the upstream would fetch, with its path, in form order (callback_url last). Inside
 * API-only JSON any string the WHATWG parser reads as http(s) counts, however it is spelled.
 */
function urlsIn(entry: ModelEntry, body: Record<string, unknown>): FoundUrl[] {
  const found: FoundUrl[] = [];
  const add = (field: string, value: unknown): void => {
    const url = typeof value === "string" ? asHttpUrl(value) : undefined;
    if (url) found.push({ field, url });
  };
  const collect = (value: unknown, path: (string | number)[], depth: number): void => {
    if (typeof value === "string") add(fieldPath(path), value);
    else if (depth >= 32) return;
    else if (Array.isArray(value))
      value.forEach((item, i) => collect(item, [...path, i], depth + 1));
    else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) collect(item, [...path, key], depth + 1);
    }
  };
  for (const { name, carrier } of entry.urlFields) {
    const value = body[name];
    if (carrier === "url") add(name, value);
    else if (carrier === "url-list" && Array.isArray(value)) {
      value.forEach((item, i) => add(`${name}[${i}]`, item));
    } else if (carrier === "json") collect(value, [name], 0);
  }
  return found;
}

function urlRefusal(
  entry: ModelEntry,
  body: Record<string, unknown>,
  policy: UrlPolicy,
): ValidationResult | undefined {
  for (const { field, url } of urlsIn(entry, body)) {
    const refusal = policy(url, field);
    if (refusal === undefined) continue;
    const prefix = `${field}: `;
    return {
      ok: false,
      field,
      message: refusal.startsWith(prefix) ? refusal : `${prefix}${refusal}`,
    };
  }
  return undefined;
}

/**
 * Checks a request body for a route: its model, every field the model takes (unknown fields are
 * refused), the cross-field rules, and then, when given, the URL policy. On success the body is
 * returned exactly as sent (no defaults added) so the upstream applies its own defaults.
 */
export function validateRequest(
  route: RouteId,
  body: unknown,
  options: ValidateOptions = {},
): ValidationResult {
  if (!isPlainObject(body)) return fail("body", `expected a JSON object, got ${typeName(body)}`);

  const modelValue = body.model;
  if (modelValue !== undefined && typeof modelValue !== "string") {
    return fail("model", `expected a string, got ${typeName(modelValue)}`);
  }
  if (modelValue === "") return fail("model", "must not be empty");
  if (modelValue === undefined && routes[route].modelField === "required") {
    return fail("model", "required");
  }
  const entry = findModel(route, modelValue);
  if (!entry) return unknownModel(route, modelValue);

  const parsed = entry.schema.safeParse(body, { reportInput: true });
  if (!parsed.success) return { ok: false, ...firstFieldError(parsed.error) };
  if (options.urlPolicy) {
    const refused = urlRefusal(entry, parsed.data, options.urlPolicy);
    if (refused) return refused;
  }
  return { ok: true, model: entry, body: parsed.data };
}

/** The body a form starts from: the model's documented defaults under whatever the user set. */
export function applyDefaults(
  entry: ModelEntry,
  body: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const filled = withFieldDefaults(entry.fields, body);
  const defaultModel = entry.modelValues[0];
  if (
    filled.model === undefined &&
    defaultModel !== undefined &&
    routes[entry.route].modelField === "required"
  ) {
    filled.model = defaultModel;
  }
  return filled;
}

/** Credits a body would cost on a route, or null when it is invalid or the price is unknown. */
export function priceOf(route: RouteId, body: unknown): number | null {
  const result = validateRequest(route, body);
  return result.ok ? result.model.price(result.body) : null;
}
