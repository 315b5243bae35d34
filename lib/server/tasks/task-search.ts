// The library's search: which words of a request are searchable, and how a search box's words
// become a Postgres text query. The index (tasks.search_vector, 'simple' config) lower-cases and
// splits on anything that is not part of a word, without stemming, so "fo" finds "fox".
import "server-only";

/** Request fields people would search by: what they asked for, in their own words. */
const textFields = ["prompt", "gpt_description_prompt", "title", "style"] as const;

function texts(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    const text =
      typeof entry === "object" && entry !== null
        ? (entry as Record<string, unknown>)[field]
        : undefined;
    return typeof text === "string" ? [text] : [];
  });
}

/**
 * The prompt, song description, title and style, every dialogue line and every shot's prompt,
 * as one string (null when the request has none: a tool's). Negative prompts stay out: they are
 * what the picture is not. The migration backfills older rows with the same fields in SQL.
 */
export function searchTextOf(request: Readonly<Record<string, unknown>>): string | null {
  const parts = [
    ...textFields.map((field) => request[field]).filter((v): v is string => typeof v === "string"),
    ...texts(request.dialogue, "text"),
    ...texts(request.multi_prompt, "prompt"),
  ]
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length > 0 ? parts.join("\n") : null;
}

/**
 * `to_tsquery('simple', …)` text matching every word of `q` as a prefix ("red fo" → `red:* &
 * fo:*`), or null when no word is left. Only letters, combining marks (a Hindi or Thai word's
 * vowel signs are marks: "नमस्ते" is one word, as the index has it), digits and "_" survive, so
 * no tsquery operator (& | ! < > : * ( ) ') can reach the parser; what separated words stays a
 * separator, as it does for the index ("red-fox" is searched as "red" and "fox").
 */
export function searchQueryOf(q: string | undefined): string | null {
  if (q === undefined) return null;
  const words = q
    .normalize("NFC")
    .split(/[^\p{L}\p{M}\p{N}_]+/u)
    .filter(Boolean)
    .slice(0, 32);
  return words.length > 0 ? words.map((word) => `${word}:*`).join(" & ") : null;
}
