// The prompts a user ran with each model, newest first, kept in this browser's localStorage (per
// account, model and field). Recorded when a run is accepted (the task exists), so a prompt the
// server refused does not clutter the list.
import { findModel, type RouteId } from "@/lib/catalog";

export const historyLimit = 20;

export interface HistoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function historyKey(userId: string, slug: string, field: string): string {
  return `studio:prompt-history:${userId}:${slug}:${field}`;
}

/** The list with `prompt` first: trimmed, without its earlier copy, at most `limit` long. */
export function addToHistory(
  list: readonly string[],
  prompt: string,
  limit = historyLimit,
): string[] {
  const text = prompt.trim();
  if (text === "") return [...list];
  return [text, ...list.filter((p) => p !== text)].slice(0, limit);
}

export function readHistory(storage: HistoryStorage | undefined, key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((p): p is string => typeof p === "string").slice(0, historyLimit)
      : [];
  } catch {
    return [];
  }
}

export function writeHistory(storage: HistoryStorage | undefined, key: string, list: string[]) {
  try {
    storage?.setItem(key, JSON.stringify(list.slice(0, historyLimit)));
  } catch {
    // Storage full or blocked: the history is a convenience, the run went through regardless.
  }
}

/** Which model and prompt fields a created task's request stands for: what to record. */
export function promptsOfRequest(
  route: RouteId,
  body: Readonly<Record<string, unknown>>,
): { slug: string; prompts: { field: string; text: string }[] } | undefined {
  const entry = findModel(route, typeof body.model === "string" ? body.model : undefined);
  if (!entry) return undefined;
  const prompts = entry.fields.flatMap((f) => {
    const value = body[f.name];
    return f.control.kind === "prompt" && typeof value === "string" && value.trim() !== ""
      ? [{ field: f.name, text: value }]
      : [];
  });
  return { slug: entry.slug, prompts };
}
