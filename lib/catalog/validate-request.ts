// The one request validator: the simulator, our API routes and the browser forms all call it, so a
// body is accepted or refused (with the same message) everywhere.
import { acceptedModelValues, withFieldDefaults } from "./define-model";
import { firstFieldError, typeName, type FieldError } from "./describe-issue";
import { models } from "./models";
import { routes } from "./routes";
import type { ModelEntry, RouteId } from "./types";

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

function unknownModel(route: RouteId, value: string): ValidationResult {
  const path = routes[route].path;
  const lower = value.toLowerCase();
  const near = modelsForRoute(route)
    .flatMap((m) => acceptedModelValues(m))
    .find((v) => v.toLowerCase() === lower);
  const hint = near === undefined ? "" : ` (did you mean "${near}"?)`;
  return fail("model", `unknown model "${value}" for ${path}${hint}`);
}

/**
 * Checks a request body for a route. On success the body is returned exactly as sent (unknown
 * keys kept, no defaults added) so the upstream applies its own defaults.
 */
export function validateRequest(route: RouteId, body: unknown): ValidationResult {
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
  if (!entry) return unknownModel(route, modelValue ?? "");

  const parsed = entry.schema.safeParse(body, { reportInput: true });
  if (!parsed.success) return { ok: false, ...firstFieldError(parsed.error) };
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
