// A JSON-mode answer, checked and pretty-printed for display. Models often wrap JSON in a
// ```json fence even when asked for a bare object, so a single fence around the whole answer is
// looked through. The document is re-indented from its own text rather than re-serialized from
// JSON.parse, so what the reader sees is what the model sent: 12345678901234567890 stays exact
// and "\u00e9" stays escaped.

export type JsonAnswer =
  /** `pretty`: the document re-indented by two spaces. */
  | { valid: true; pretty: string }
  /** `text`: the answer as sent (without a surrounding fence), to show as it is. */
  | { valid: false; text: string };

const fenced = /^```[ \t]*(?:json[c5]?)?[ \t]*\r?\n([\s\S]*?)\r?\n?```$/i;

/** The JSON document inside `content`: the fence's body when the whole answer is one fence. */
export function unfenceJson(content: string): string {
  const trimmed = content.trim();
  const match = fenced.exec(trimmed);
  return (match?.[1] ?? trimmed).trim();
}

export function readJsonAnswer(content: string): JsonAnswer {
  const text = unfenceJson(content);
  if (text === "") return { valid: false, text };
  try {
    JSON.parse(text);
  } catch {
    return { valid: false, text };
  }
  return { valid: true, pretty: reindent(text) };
}

/** Re-indents valid JSON text: whitespace outside strings is replaced, everything else kept. */
function reindent(json: string): string {
  let out = "";
  let depth = 0;
  let inString = false;
  const newline = () => "\n" + "  ".repeat(depth);
  for (let i = 0; i < json.length; i++) {
    const ch = json[i]!;
    if (inString) {
      out += ch;
      if (ch === "\\") out += json[++i] ?? "";
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") continue;
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === "{" || ch === "[") {
      const close = ch === "{" ? "}" : "]";
      const next = nextSignificant(json, i + 1);
      if (json[next] === close) {
        out += ch + close;
        i = next;
      } else {
        depth++;
        out += ch + newline();
      }
    } else if (ch === "}" || ch === "]") {
      depth--;
      out += newline() + ch;
    } else if (ch === ",") {
      out += "," + newline();
    } else if (ch === ":") {
      out += ": ";
    } else {
      out += ch;
    }
  }
  return out;
}

function nextSignificant(json: string, from: number): number {
  let i = from;
  while (i < json.length && /\s/.test(json[i]!)) i++;
  return i;
}
