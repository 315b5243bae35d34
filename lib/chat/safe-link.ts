// Which URLs a model's answer may link to. A model writes anything, so only a short allow-list
// survives: web pages, mail addresses and links within the message. Everything else
// (javascript:, vbscript:, data:, file:, blob:, protocol-relative //host, relative paths that
// would hit our own routes with the reader's cookies) is dropped and shown as plain text.

const allowedProtocols = new Set(["http:", "https:", "mailto:"]);
// C0 controls, DEL and the whitespace browsers strip or fold inside a URL ("java\tscript:").
const hiddenCharacters = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/;

export type SafeLink =
  | { kind: "external"; href: string }
  | { kind: "mail"; href: string }
  /** A footnote or heading anchor in the same message. */
  | { kind: "fragment"; href: string };

/** The link to render for `raw`, or null when it must not be a link at all. */
export function safeLink(raw: string | null | undefined): SafeLink | null {
  if (typeof raw !== "string") return null;
  const url = raw.trim();
  if (url === "" || url.length > 4096 || hiddenCharacters.test(url)) return null;
  if (/^#[\w-]+$/.test(url)) return { kind: "fragment", href: url };
  // Absolute URLs only: a scheme, then the rest. Anything relative is not the model's to point at.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!allowedProtocols.has(parsed.protocol)) return null;
  if (parsed.protocol === "mailto:") return { kind: "mail", href: parsed.href };
  // http(s) needs a host; credentials in a link ("https://bank.com@evil.test") only mislead.
  if (parsed.hostname === "" || parsed.username !== "" || parsed.password !== "") return null;
  return { kind: "external", href: parsed.href };
}

/** For streamdown's `urlTransform`: the URL, or undefined to drop the attribute. */
export function safeUrl(raw: string): string | undefined {
  return safeLink(raw)?.href;
}
