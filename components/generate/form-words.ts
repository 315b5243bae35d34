// Validation messages in the form's words. The catalog and our API speak in body field names
// ("gpt_description_prompt: required …"), which is right for code; someone using the form sees
// labels ("Describe the song"), so every message shown under a field or above Run goes through here.
import type { FieldError, ModelEntry } from "@/lib/catalog";
import { topLevelField } from "./describe-error";

/** Body field name → the label the form shows for it. */
export function fieldLabels(entry: ModelEntry): Map<string, string> {
  const labels = new Map(entry.fields.map((f) => [f.name, f.label]));
  if (!labels.has("model")) labels.set("model", "Model");
  return labels;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every field name in `text` replaced by its label in quotes; longest names first. */
export function withLabels(text: string, labels: ReadonlyMap<string, string>): string {
  const names = [...labels.keys()].sort((a, b) => b.length - a.length);
  let out = text;
  for (const name of names) {
    const pattern = new RegExp(`(?<![\\w.])${escapeRegExp(name)}(?![\\w])`, "g");
    out = out.replace(pattern, `“${labels.get(name) ?? name}”`);
  }
  return out;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The sentence shown for a validation error: the rule's own form words when it has them, else the
 * catalog's message with the field's label leading and every field name replaced by its label.
 * "prompt: must be at least 3 characters" → "Prompt: must be at least 3 characters."
 */
export function formMessage(entry: ModelEntry, error: FieldError): string {
  if (error.hint) return error.hint;
  const labels = fieldLabels(entry);
  const prefix = `${error.field}: `;
  const rest = error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
  const label = labels.get(topLevelField(error.field));
  const text = withLabels(rest, labels);
  // After the label the server's capital goes ("Must be …" → "must be …"); "URL", "JSON" keep theirs.
  const lead = /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  const sentence = label === undefined ? capitalize(text) : `${label}: ${lead}`;
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}
