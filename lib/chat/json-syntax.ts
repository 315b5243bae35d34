// Where JSON text goes wrong, in plain words and with its line. JSON.parse only says so in each
// browser's own wording ("Unexpected token } in JSON at position 41", "JSON.parse: expected
// property name…"), so a small scanner of the JSON grammar finds the place and names the usual
// slips: a trailing comma, single quotes, unquoted keys, comments, a missing comma.

export type JsonSyntax =
  | { ok: true; /** Offsets where each item of a top-level array starts. */ itemStarts: number[] }
  | { ok: false; offset: number; line: number; message: string };

class SyntaxProblem extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const maxDepth = 256;

/** 1-based line of an offset: what an editor's gutter shows. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

export function checkJsonSyntax(text: string): JsonSyntax {
  let at = 0;
  const itemStarts: number[] = [];

  function fail(message: string, offset = at): never {
    throw new SyntaxProblem(offset, message);
  }
  const skipSpace = () => {
    while (at < text.length) {
      const c = text[at];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") at++;
      else if (c === "/" && (text[at + 1] === "/" || text[at + 1] === "*")) {
        fail("JSON does not allow comments");
      } else break;
    }
  };
  function endOrFound(wanted: string): never {
    if (at >= text.length) fail(`the text ends too early: ${wanted} is missing`);
    fail(`expected ${wanted}, found ${JSON.stringify(text[at])}`);
  }

  function string() {
    const start = at++;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x22) return void at++;
      if (c === 0x5c) {
        const e = text[at + 1];
        if (e === "u") {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(at + 2, at + 6))) {
            fail("\\u must be followed by 4 hex digits");
          }
          at += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) at += 2;
        else fail(`\\${e ?? ""} is not a JSON escape (use \\n, \\t, \\" or \\\\)`);
      } else if (c < 0x20) {
        fail(
          c === 0x0a
            ? "a string cannot span lines: write \\n for a line break"
            : "a string cannot hold a raw control character",
        );
      } else at++;
    }
    fail('this string is never closed: a " is missing', start);
  }

  function number() {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) fail("this is not a number JSON accepts");
    at += match[0].length;
    if (/[\w.]/.test(text[at] ?? "")) fail("this is not a number JSON accepts");
  }

  function word() {
    const found = /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 64))?.[0] ?? "";
    if (found === "true" || found === "false" || found === "null") return void (at += found.length);
    if (found === "True" || found === "False" || found === "None") {
      fail(`write ${found === "None" ? "null" : found.toLowerCase()} in lower case, as JSON does`);
    }
    if (found === "undefined" || found === "NaN" || found === "Infinity") {
      fail(`${found} is not a JSON value (use null)`);
    }
    fail(`${JSON.stringify(found)} is not a JSON value: text needs double quotes`);
  }

  function array(depth: number, top: boolean) {
    at++;
    skipSpace();
    if (text[at] === "]") return void at++;
    for (;;) {
      skipSpace();
      if (text[at] === "]") fail("remove the comma before ]");
      if (top) itemStarts.push(at);
      value(depth + 1);
      skipSpace();
      if (text[at] === ",") at++;
      else if (text[at] === "]") return void at++;
      else if (text[at] === "{" || text[at] === '"' || text[at] === "[") {
        fail("a comma is missing between two items");
      } else endOrFound(", or ]");
    }
  }

  function object(depth: number) {
    at++;
    skipSpace();
    if (text[at] === "}") return void at++;
    for (;;) {
      skipSpace();
      if (text[at] === "}") fail("remove the comma before }");
      if (text[at] === "'") fail("property names need double quotes, not single quotes");
      if (/[A-Za-z_$]/.test(text[at] ?? "")) fail("property names need double quotes");
      if (text[at] !== '"') endOrFound("a property name in double quotes");
      string();
      skipSpace();
      if (text[at] !== ":") endOrFound('":" after the property name');
      at++;
      value(depth + 1);
      skipSpace();
      if (text[at] === ",") at++;
      else if (text[at] === "}") return void at++;
      else if (text[at] === '"') fail("a comma is missing between two properties");
      else endOrFound(", or }");
    }
  }

  function value(depth: number, top = false) {
    if (depth > maxDepth) fail(`nested more than ${maxDepth} levels deep`);
    skipSpace();
    const c = text[at];
    if (c === undefined) fail("the text ends too early: a value is missing");
    else if (c === "{") object(depth);
    else if (c === "[") array(depth, top);
    else if (c === '"') string();
    else if (c === "'") fail("strings need double quotes, not single quotes");
    else if (c === "-" || (c >= "0" && c <= "9")) number();
    else if (/[A-Za-z_$]/.test(c)) word();
    else fail(`expected a value, found ${JSON.stringify(c)}`);
  }

  try {
    value(0, true);
    skipSpace();
    if (at < text.length) fail("there is more text after the end of the JSON");
    return { ok: true, itemStarts };
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    return {
      ok: false,
      offset: error.offset,
      line: lineAt(text, error.offset),
      message: error.message,
    };
  }
}
