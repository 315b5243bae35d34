// The form's state and the request body it stands for. Pure, so the body a form sends is tested
// without a browser: empty optional fields are left out and every value keeps the type the
// catalog schema wants (seedance's duration "8" stays a string, kling-3's 5 a number).
import { applyDefaults, type FieldInfo, type ModelEntry } from "@/lib/catalog";

export interface DialogueRow {
  /** Stable React key, so rows keep focus and state while they are reordered. */
  id: string;
  voice: string;
  text: string;
  /** Keys of a refilled line the editor does not show; sent back unchanged. */
  rest?: Record<string, unknown>;
}

/**
 * One value per field, shaped for its control: strings for text and URLs, string[] for URL lists,
 * DialogueRow[] for dialogue, the raw input text for number fields (so "-" or "1." can be typed),
 * numbers for sliders, booleans for switches. `undefined` means "not set".
 */
export type FormValues = Record<string, unknown>;

export interface FormState {
  entry: ModelEntry;
  values: FormValues;
  /** Body keys no field shows (a refilled callback_url, say): sent as they were. */
  extras: Record<string, unknown>;
}

let rowCounter = 0;
export function newDialogueRow(voice = "", text = ""): DialogueRow {
  rowCounter += 1;
  return { id: `line-${rowCounter}`, voice, text };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toFormValue(field: FieldInfo, value: unknown): unknown {
  switch (field.control.kind) {
    case "number":
      return typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
    case "image-urls":
      return Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : String(v))) : [];
    case "dialogue": {
      const lines = Array.isArray(value) ? value.filter(isRecord) : [];
      if (lines.length === 0) return [newDialogueRow()];
      return lines.map((line) => {
        const { voice, text, ...rest } = line;
        const row = newDialogueRow(
          typeof voice === "string" ? voice : "",
          typeof text === "string" ? text : "",
        );
        return Object.keys(rest).length > 0 ? { ...row, rest } : row;
      });
    }
    case "prompt":
    case "text":
    case "image-url":
    case "video-url":
      return typeof value === "string" ? value : value === undefined ? "" : String(value);
    default:
      return value;
  }
}

/** The form for a model, filled from a body (Retry) over the catalog's defaults. */
export function initialFormState(
  entry: ModelEntry,
  body: Readonly<Record<string, unknown>> = {},
): FormState {
  const filled = applyDefaults(entry, body);
  const values: FormValues = {};
  const known = new Set(entry.fields.map((f) => f.name));
  for (const field of entry.fields) values[field.name] = toFormValue(field, filled[field.name]);
  if (!known.has("model") && typeof filled.model === "string") values.model = filled.model;
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!known.has(key) && key !== "model" && value !== undefined) extras[key] = value;
  }
  return { entry, values, extras };
}

/**
 * The form with only the fields in `body` set (a partial refill, e.g. `{ seed: 42 }`): the model and
 * every other value stay as they are; keys the model has no field for are ignored.
 */
export function mergeIntoForm(
  state: FormState,
  body: Readonly<Record<string, unknown>>,
): FormState {
  const values: FormValues = { ...state.values };
  for (const field of state.entry.fields) {
    if (field.name === "model" || !(field.name in body)) continue;
    values[field.name] = toFormValue(field, body[field.name]);
  }
  return { ...state, values };
}

function compatible(field: FieldInfo, value: unknown): boolean {
  const control = field.control;
  switch (control.kind) {
    case "select":
      return control.options.some((option) => option === value);
    case "aspect-ratio":
      return typeof value === "string" && control.options.includes(value);
    case "slider":
      return typeof value === "number" && value >= control.min && value <= control.max;
    default:
      return true;
  }
}

/**
 * The form for another model, keeping what the user typed where the new model has the same field
 * with the same control and the value still fits (the prompt, a shared aspect ratio, an image).
 * `remembered`: that model's form as the user last left it (its own settings come back), else
 * its defaults.
 */
export function switchModel(state: FormState, next: ModelEntry, remembered?: FormState): FormState {
  const fresh =
    remembered?.entry.slug === next.slug
      ? { entry: next, values: { ...remembered.values }, extras: { ...remembered.extras } }
      : initialFormState(next);
  const previous = new Map(state.entry.fields.map((f) => [f.name, f]));
  for (const field of next.fields) {
    const before = previous.get(field.name);
    const value = state.values[field.name];
    if (field.name === "model" || !before || before.control.kind !== field.control.kind) continue;
    if (value !== undefined && compatible(field, value)) fresh.values[field.name] = value;
  }
  return fresh;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

function bodyValue(field: FieldInfo, value: unknown): unknown {
  switch (field.control.kind) {
    case "prompt":
    case "text":
      // Sent exactly as typed (the validator refuses blank prompts with a clear message).
      return nonEmptyString(value) ? value : undefined;
    case "image-url":
    case "video-url":
      return nonEmptyString(value) && value.trim() !== "" ? value.trim() : undefined;
    case "image-urls": {
      const urls = Array.isArray(value)
        ? value
            .filter(nonEmptyString)
            .map((url) => url.trim())
            .filter((url) => url !== "")
        : [];
      return urls.length > 0 ? urls : undefined;
    }
    case "number": {
      const raw = typeof value === "string" ? value.trim() : "";
      if (raw === "") return undefined;
      const parsed = Number(raw);
      // Left as text when it is not a number, so the validator says what is wrong with it.
      return Number.isFinite(parsed) ? parsed : raw;
    }
    case "slider":
      return typeof value === "number" ? value : undefined;
    case "switch":
      return typeof value === "boolean" ? value : undefined;
    case "dialogue": {
      const rows = Array.isArray(value) ? (value as DialogueRow[]) : [];
      return rows.map((row) => ({
        ...row.rest,
        text: row.text,
        ...(row.voice.trim() !== "" ? { voice: row.voice.trim() } : {}),
      }));
    }
    case "select":
    case "aspect-ratio":
      return value === "" || value === null ? undefined : value;
  }
}

/** The request body the form stands for: `model` first, then fields in form order, then extras. */
export function buildBody(state: FormState): Record<string, unknown> {
  const { entry, values, extras } = state;
  const body: Record<string, unknown> = {};
  if (nonEmptyString(values.model)) body.model = values.model;
  for (const field of entry.fields) {
    if (field.name === "model") continue;
    const value = bodyValue(field, values[field.name]);
    if (value !== undefined) body[field.name] = value;
  }
  for (const [key, value] of Object.entries(extras)) if (!(key in body)) body[key] = value;
  return body;
}

/** DOM id of a field or a part of one: ("gf", "dialogue[1].text") → "gf-dialogue-1-text". */
export function fieldDomId(prefix: string, path: string): string {
  const tail = path
    .replace(/[[\].]+/g, "-")
    .replace(/-+$/, "")
    .replace(/[^\w-]/g, "_");
  return `${prefix}-${tail}`;
}

/** The part of an error path below a field: ("dialogue", "dialogue[1].text") → "[1].text". */
export function subPath(fieldName: string, path: string): string | undefined {
  if (path === fieldName) return "";
  return path.startsWith(`${fieldName}[`) || path.startsWith(`${fieldName}.`)
    ? path.slice(fieldName.length)
    : undefined;
}

/** "[1].text" → { index: 1, key: "text" }. */
export function parseItemPath(sub: string): { index: number; key?: string } | undefined {
  const match = /^\[(\d+)\](?:\.(\w+))?/.exec(sub);
  if (!match?.[1]) return undefined;
  return match[2] ? { index: Number(match[1]), key: match[2] } : { index: Number(match[1]) };
}

/** Stable text for "same request?": key order matters in JSON, not here. */
export function bodyFingerprint(route: string, body: unknown): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (isRecord(value)) {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sort(value[key])]),
      );
    }
    return value;
  };
  return `${route} ${JSON.stringify(sort(body))}`;
}
