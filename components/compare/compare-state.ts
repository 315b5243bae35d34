// The Compare page's setup as data: columns (each a generate-form state for one model), the shared
// prompt put into each column's body, and the per-column price. Pure, so it is tested without a
// browser; the form helpers are the generate form's own.
import { estimateCredits } from "@/components/generate/price-estimate";
import {
  buildBody,
  initialFormState,
  switchModel,
  type FormState,
} from "@/components/generate/form-values";
import { modelsForRoute, validateRequest, type FieldInfo, type ModelEntry } from "@/lib/catalog";
import {
  maxCompareColumns,
  minCompareColumns,
  type CompareRoute,
  type TaskCompareRoute,
} from "@/lib/schemas/compare";

export interface CompareColumnState {
  /** Stable React key. */
  key: string;
  form: FormState;
  /** Speech only: the voice reading the shared text (optional). */
  voice: string;
}

export interface CompareSetup {
  route: TaskCompareRoute;
  prompt: string;
  blind: boolean;
  columns: CompareColumnState[];
}

/** What the shared box is called for each kind, in the form's words. */
export const sharedPromptLabel: Record<CompareRoute, string> = {
  images: "Prompt",
  videos: "Prompt",
  music: "Describe the song",
  speech: "Text to speak",
  chat: "Message",
};

/** The field the shared prompt fills on a model: its first prompt, or its dialogue. */
export function sharedField(entry: ModelEntry): FieldInfo | undefined {
  return (
    entry.fields.find((f) => f.control.kind === "prompt") ??
    entry.fields.find((f) => f.control.kind === "dialogue")
  );
}

let keyCounter = 0;
function newColumn(entry: ModelEntry): CompareColumnState {
  keyCounter += 1;
  return { key: `column-${keyCounter}`, form: initialFormState(entry), voice: "" };
}

/** A new setup for a kind: the first models of the catalog, one per column (two at least). */
export function initialSetup(route: TaskCompareRoute, prompt = "", blind = false): CompareSetup {
  const models = modelsForRoute(route);
  const count = Math.min(Math.max(models.length, minCompareColumns), 3);
  const columns = Array.from({ length: count }, (_, i) =>
    newColumn(models[i % models.length] ?? models[0]!),
  );
  return { route, prompt, blind, columns };
}

/** Another column, with the first model not shown yet (the same one again when all are). */
export function addColumn(setup: CompareSetup): CompareSetup {
  if (setup.columns.length >= maxCompareColumns) return setup;
  const used = new Set(setup.columns.map((c) => c.form.entry.slug));
  const models = modelsForRoute(setup.route);
  const next = models.find((m) => !used.has(m.slug)) ?? models[0]!;
  return { ...setup, columns: [...setup.columns, newColumn(next)] };
}

export function changeColumnModel(
  column: CompareColumnState,
  next: ModelEntry,
): CompareColumnState {
  return { ...column, form: switchModel(column.form, next) };
}

/** The request body a column sends: its own settings, with the shared prompt in its place. */
export function columnBody(column: CompareColumnState, prompt: string): Record<string, unknown> {
  const shared = sharedField(column.form.entry);
  if (!shared) return buildBody(column.form);
  const value =
    shared.control.kind === "dialogue"
      ? [{ id: "shared", voice: column.voice, text: prompt }]
      : prompt;
  return buildBody({ ...column.form, values: { ...column.form.values, [shared.name]: value } });
}

export interface ColumnPrice {
  credits: number | null;
  approximate: boolean;
}

export function columnPrice(column: CompareColumnState, prompt: string): ColumnPrice {
  const { entry } = column.form;
  const credits = estimateCredits(entry, columnBody(column, prompt));
  return { credits, approximate: credits !== null && entry.priceUncertain === true };
}

/** The whole run's price: null when one column's price is not published. */
export function totalPrice(prices: readonly ColumnPrice[]): ColumnPrice {
  let credits: number | null = 0;
  for (const p of prices)
    credits = credits === null || p.credits === null ? null : credits + p.credits;
  return { credits, approximate: prices.some((p) => p.approximate) };
}

/** A problem found before sending: the column and the field path inside its body. */
export interface ColumnProblem {
  column: number;
  field: string;
  /** Without the field's name: "Must be at least 3 characters". */
  message: string;
}

/** "prompt: must not be empty" → "Must not be empty" (the catalog starts messages with the field). */
export function fieldMessage(field: string, message: string): string {
  const prefix = `${field}: `;
  const text = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The first problem of each column, as the server would find it. */
export function validateSetup(setup: CompareSetup): ColumnProblem[] {
  return setup.columns.flatMap((column, i) => {
    const checked = validateRequest(setup.route, columnBody(column, setup.prompt));
    return checked.ok
      ? []
      : [
          {
            column: i,
            field: checked.field,
            message: fieldMessage(checked.field, checked.message),
          },
        ];
  });
}

/** "columns[1].prompt" → column 1, field "prompt"; undefined for anything else. */
export function parseColumnParam(param: string): { column: number; field: string } | undefined {
  const match = /^columns\[(\d+)\]\.(.+)$/.exec(param);
  return match?.[1] && match[2] ? { column: Number(match[1]), field: match[2] } : undefined;
}
