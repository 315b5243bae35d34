// A download's Content-Disposition from a file name someone chose (the task page names downloads
// after the prompt and model): path separators, control characters, quotes and characters that
// break the header are dropped, the right extension is kept, and a non-ASCII name travels as
// RFC 6266 / RFC 8187 `filename*` with an ASCII `filename` beside it for old clients.

/** Longest name kept (bytes of UTF-8 count for some file systems; characters is close enough). */
export const maxDownloadNameLength = 150;

// Control characters separate words (a line break becomes a space); format characters (bidi
// overrides could disguise the extension), separators, quotes and what Windows refuses go.
const control = /[\u0000-\u001f\u007f-\u009f]/g;
const unsafe = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069/\\"'`<>:|?*;]/g;

/**
 * The name made safe: unsafe characters removed, whitespace runs made single spaces, leading dots
 * and trailing dots or spaces dropped, cut to maxDownloadNameLength with `.<extension>` kept at
 * the end. Empty when nothing usable is left.
 */
export function sanitizeDownloadName(name: string, extension?: string): string {
  const suffix = extension ? `.${extension}` : "";
  let base = name
    .normalize("NFC")
    .replace(control, " ")
    .replace(unsafe, "")
    .replace(/\s+/g, " ")
    .trim();
  if (suffix && base.toLowerCase().endsWith(suffix)) base = base.slice(0, -suffix.length);
  base = base.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  // Cut by code points, never inside a surrogate pair.
  base = Array.from(base)
    .slice(0, maxDownloadNameLength - suffix.length)
    .join("")
    .trim();
  return base ? `${base}${suffix}` : "";
}

// RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; encodeURIComponent leaves ' ( ) * as they are.
const encodeExtValue = (value: string) =>
  encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** `attachment; filename="…"` (plus `filename*=UTF-8''…` when the name is not plain ASCII). */
export function attachmentDisposition(safeName: string): string {
  const ascii = safeName.replace(/[^\x20-\x7e]/g, "_");
  if (ascii === safeName) return `attachment; filename="${safeName}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(safeName)}`;
}
