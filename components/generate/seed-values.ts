// Seeds: a random one within a field's range ("randomize"), and the link that reopens a model's
// form with the seed of an earlier task ("Reuse seed") while every other field stays as it was.
import { pageForRoute } from "@/components/tasks/task-pages";
import { maxSeed, models, type FieldInfo, type ModelEntry, type RouteId } from "@/lib/catalog";

/** The field a model takes its seed in, if it takes one. */
export function seedFieldOf(entry: ModelEntry): FieldInfo | undefined {
  return entry.fields.find((f) => f.name === "seed" && f.control.kind === "number");
}

/** A whole number from `min` to `max` inclusive; `random` is Math.random's contract, [0, 1). */
export function randomSeed(
  field: FieldInfo | undefined,
  random: () => number = Math.random,
): number {
  const control = field?.control.kind === "number" ? field.control : undefined;
  const min = Math.ceil(control?.min ?? 0);
  const max = Math.floor(control?.max ?? maxSeed);
  return min + Math.floor(random() * (max - min + 1));
}

/** The seed a task's request carried, when it is one the model's seed field accepts. */
export function seedOfRequest(
  entry: ModelEntry | undefined,
  request: Readonly<Record<string, unknown>>,
): number | undefined {
  const field = entry ? seedFieldOf(entry) : undefined;
  const seed = request.seed;
  if (!field || typeof seed !== "number" || !Number.isInteger(seed)) return undefined;
  const control = field.control.kind === "number" ? field.control : undefined;
  if (seed < (control?.min ?? 0) || seed > (control?.max ?? maxSeed)) return undefined;
  return seed;
}

/** The generation page that opens `entry` (at the task's `model` value) with only the seed set. */
export function reuseSeedHref(entry: ModelEntry, modelValue: string | undefined, seed: number) {
  const value = modelValue && entry.modelValues.includes(modelValue) ? modelValue : entry.slug;
  const params = new URLSearchParams({ model: value, seed: String(seed) });
  return `${pageForRoute(entry.route).href}?${params.toString()}`;
}

/**
 * Reads `?model=<model value or slug>&seed=<n>` back: the partial body to merge into the form
 * (that model, that seed), or undefined when the link names no model with a seed or a bad seed.
 */
export function bodyFromSeedLink(
  modelParam: string | null,
  seedParam: string | null,
): { route: RouteId; body: Record<string, unknown> } | undefined {
  if (!modelParam || !seedParam || !/^\d{1,10}$/.test(seedParam)) return undefined;
  const entry =
    models.find((m) => m.modelValues.includes(modelParam)) ??
    models.find((m) => m.slug === modelParam);
  if (!entry) return undefined;
  const seed = seedOfRequest(entry, { seed: Number(seedParam) });
  if (seed === undefined) return undefined;
  const model = entry.modelValues.includes(modelParam) ? modelParam : entry.modelValues[0];
  const body: Record<string, unknown> = { seed };
  if (model !== undefined) body.model = model;
  return { route: entry.route, body };
}
