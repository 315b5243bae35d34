// A page's unsent form, kept per model, so a reload or a visit to another page finds it as it was
// left: the model last chosen with what was typed for it, and each other model's own settings.
//
// Kept in sessionStorage, not localStorage: it lives exactly as long as the tab (reloads and
// navigation included), each tab keeps its own draft instead of two tabs overwriting each other
// on every keystroke, and prompts — which can be private — do not outlive the tab on a shared
// computer. Keys carry the user id, so another account signing in in the same tab starts clean.
//
// Pure apart from the storage it is handed: everything read back is checked against the catalog
// as it is today, and a value that no longer fits falls back to the field's default.
import { models, type FieldInfo, type ModelEntry, type RouteId } from "@/lib/catalog";
import { initialFormState, newDialogueRow, type DialogueRow, type FormState } from "./form-values";

/** The part of the Web Storage API drafts use. */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

interface ModelDraft {
  values: Record<string, unknown>;
  extras: Record<string, unknown>;
}

export interface PageDraft {
  /** Slug of the model chosen last. */
  model: string;
  models: Record<string, ModelDraft>;
}

const draftVersion = 1;

export function draftKey(userId: string, routeIds: readonly RouteId[]): string {
  return `studio:draft:v${draftVersion}:${userId}:${routeIds.join("+")}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readDraft(storage: DraftStorage | undefined, key: string): PageDraft | undefined {
  let raw: string | null | undefined;
  try {
    raw = storage?.getItem(key);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || typeof parsed.model !== "string" || !isRecord(parsed.models)) {
    return undefined;
  }
  return { model: parsed.model, models: parsed.models as Record<string, ModelDraft> };
}

function dialogueRows(value: unknown): DialogueRow[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const rows: DialogueRow[] = [];
  for (const line of value) {
    if (!isRecord(line) || typeof line.voice !== "string" || typeof line.text !== "string") {
      return undefined;
    }
    // Fresh row ids: the stored ones came from another page load's counter.
    const row = newDialogueRow(line.voice, line.text);
    rows.push(isRecord(line.rest) ? { ...row, rest: line.rest } : row);
  }
  return rows;
}

/** A stored value as its field's control holds it, or undefined when it does not fit any more. */
export function restoreValue(field: FieldInfo, value: unknown): unknown {
  const control = field.control;
  switch (control.kind) {
    case "prompt":
    case "text":
    case "number":
    case "image-url":
    case "video-url":
      return typeof value === "string" ? value : undefined;
    case "image-urls":
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
    case "dialogue":
      return dialogueRows(value);
    case "select":
      return control.options.some((option) => option === value) ? value : undefined;
    case "aspect-ratio":
      return typeof value === "string" && control.options.includes(value) ? value : undefined;
    case "slider":
      return typeof value === "number" && value >= control.min && value <= control.max
        ? value
        : undefined;
    case "switch":
      return typeof value === "boolean" ? value : undefined;
  }
}

/** `entry`'s form as the draft left it, over its defaults; undefined when it has none. */
export function rememberedForm(
  draft: PageDraft | undefined,
  entry: ModelEntry,
): FormState | undefined {
  const saved = draft?.models[entry.slug];
  if (!isRecord(saved)) return undefined;
  const state = initialFormState(entry);
  const stored = isRecord(saved.values) ? saved.values : {};
  for (const field of entry.fields) {
    if (!(field.name in stored)) continue;
    const value = restoreValue(field, stored[field.name]);
    if (value !== undefined) state.values[field.name] = value;
  }
  const shown = new Set(entry.fields.map((f) => f.name));
  if (isRecord(saved.extras)) {
    for (const [name, value] of Object.entries(saved.extras)) {
      if (!shown.has(name) && name !== "model" && value !== undefined) state.extras[name] = value;
    }
  }
  return state;
}

/** The form of the model chosen last, if that model is still on this page. */
export function restoreForm(
  draft: PageDraft | undefined,
  routeIds: readonly RouteId[],
): FormState | undefined {
  if (!draft) return undefined;
  const entry = models.find((m) => m.slug === draft.model && routeIds.includes(m.route));
  return entry ? rememberedForm(draft, entry) : undefined;
}

function storedValues(state: FormState): ModelDraft {
  const values: Record<string, unknown> = {};
  for (const field of state.entry.fields) {
    const value = state.values[field.name];
    if (value === undefined) continue;
    values[field.name] =
      field.control.kind === "dialogue" && Array.isArray(value)
        ? (value as DialogueRow[]).map(({ id: _id, ...line }) => line)
        : value;
  }
  return { values, extras: state.extras };
}

/** Records `state` as its model's draft and the page's current model; storage errors are ignored. */
export function saveDraft(storage: DraftStorage | undefined, key: string, state: FormState): void {
  if (!storage) return;
  const draft = readDraft(storage, key) ?? { model: state.entry.slug, models: {} };
  draft.model = state.entry.slug;
  draft.models[state.entry.slug] = storedValues(state);
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    // Full or forbidden (private mode): the form still works, it just is not kept.
  }
}
