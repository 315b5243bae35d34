// Renders a JSON value as source code in another language's literal syntax, pretty-printed, so the
// exported snippets read like hand-written code yet send byte-for-byte the same JSON.

export interface LiteralStyle {
  indent: string;
  key: (key: string) => string;
  /** Strings, numbers and booleans; JSON's spelling unless the language differs. */
  scalar: (value: string | number | boolean) => string;
  null: string;
}

export function toLiteral(value: unknown, style: LiteralStyle, depth = 0): string {
  if (value === null || value === undefined) return style.null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return style.scalar(value);
  }
  const inner = style.indent.repeat(depth + 1);
  const outer = style.indent.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => `${inner}${toLiteral(item, style, depth + 1)},`);
    return `[\n${items.join("\n")}\n${outer}]`;
  }
  if (typeof value === "object") {
    // JSON.stringify drops undefined members; so must we, or the snippet would send a null.
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const items = entries.map(
      ([k, v]) => `${inner}${style.key(k)}: ${toLiteral(v, style, depth + 1)},`,
    );
    return `{\n${items.join("\n")}\n${outer}}`;
  }
  throw new TypeError(`cannot export a ${typeof value} as JSON`);
}

/** Request bodies are JSON: numbers keep JSON's spelling (JSON.stringify(-0) is "0", 1e21 "1e+21"). */
export function jsonScalar(value: string | number | boolean): string {
  return JSON.stringify(value);
}
