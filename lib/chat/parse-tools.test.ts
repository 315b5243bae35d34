import { describe, expect, it } from "vitest";
import { validateChatRequest } from "@/lib/catalog";
import { checkJsonSyntax } from "./json-syntax";
import { formatTools, parseTools } from "./parse-tools";
import { toolExamples } from "./tool-examples";

const examples = toolExamples.map((example) => example.tool);
const weather = examples[0]!;

function failure(text: string) {
  const result = parseTools(text);
  if (result.ok) throw new Error(`expected a failure for ${text}`);
  return result;
}

describe("parseTools", () => {
  it("reads blank text as no tools", () => {
    expect(parseTools("")).toEqual({ ok: true, tools: [] });
    expect(parseTools("  \n ")).toEqual({ ok: true, tools: [] });
    expect(parseTools("[]")).toEqual({ ok: true, tools: [] });
  });

  it("accepts every example, and they round-trip through the editor's formatting", () => {
    expect(parseTools(formatTools(examples))).toEqual({ ok: true, tools: examples });
    expect(
      validateChatRequest({
        model: "gemini",
        messages: [{ role: "user", content: "x" }],
        tools: examples,
      }).ok,
    ).toBe(true);
  });

  it("accepts a tool without description or parameters", () => {
    const bare = [{ type: "function", function: { name: "ping" } }];
    expect(parseTools(JSON.stringify(bare))).toEqual({ ok: true, tools: bare });
  });

  it("names the line and the slip for JSON syntax errors", () => {
    const trailingComma = '[\n  {\n    "type": "function",\n  },\n]';
    expect(failure(trailingComma)).toEqual({
      ok: false,
      line: 4,
      message: "Line 4: remove the comma before }",
    });
    expect(failure("[\n  {'type': 'function'}\n]")).toMatchObject({
      line: 2,
      message: "Line 2: property names need double quotes, not single quotes",
    });
    expect(failure('[{type: "function"}]').message).toBe(
      "Line 1: property names need double quotes",
    );
    expect(failure('[\n{"a": 1}\n{"b": 2}]')).toMatchObject({
      line: 3,
      message: "Line 3: a comma is missing between two items",
    });
    expect(failure("[\n  // my tools\n]").message).toBe("Line 2: JSON does not allow comments");
    expect(failure('[{"type": "function"').message).toBe(
      "Line 1: the text ends too early: , or } is missing",
    );
    expect(failure('[{"a": "two\nlines"}]').message).toMatch(/^Line 1: a string cannot span lines/);
    expect(failure('[{"a": True}]').message).toBe("Line 1: write true in lower case, as JSON does");
    expect(failure('[{"a": "50\\% off"}]').message).toBe(
      'Line 1: \\% is not a JSON escape (use \\n, \\t, \\" or \\\\)',
    );
  });

  it("asks for an array, and says how when given one tool", () => {
    expect(failure(JSON.stringify(weather)).message).toBe(
      "Tools are a list: put [ and ] around this tool.",
    );
    expect(failure('"get_weather"').message).toMatch(/JSON array of function tools.*not a string/);
  });

  it("says which tool is wrong and why, at its line", () => {
    const badName = formatTools([weather, { type: "function", function: { name: "get weather" } }]);
    // The second tool opens on the second line that is exactly "  {".
    const secondStart = badName.split("\n").findLastIndex((l) => l === "  {") + 1;
    expect(secondStart).toBeGreaterThan(2);
    expect(failure(badName)).toEqual({
      ok: false,
      message: "Tool 2: a function name is 1–64 letters, digits, _ or -",
      line: secondStart,
    });
    expect(failure('[{"type": "function", "function": {}}]').message).toBe(
      "Tool 1: function.name: required",
    );
    expect(failure('[{"type": "retrieval", "function": {"name": "a"}}]').message).toBe(
      "Tool 1: type: must be function",
    );
    expect(failure('[{"function": {"name": "a"}}]').message).toBe("Tool 1: type: required");
    expect(failure('["get_weather"]').message).toMatch(
      /^Tool 1: expected an object like .* got string$/,
    );
    expect(
      failure('[{"type": "function", "function": {"name": "a", "parameters": []}}]').message,
    ).toBe("Tool 1: function.parameters: expected a record, got array");
  });

  it("refuses parameters that are not an object schema", () => {
    const text = '[{"type":"function","function":{"name":"a","parameters":{"type":"string"}}}]';
    expect(failure(text).message).toBe(
      'Tool 1: function.parameters: must be a JSON Schema object, with "type": "object"',
    );
  });

  it("refuses fields the settings would silently drop", () => {
    const strict = '[{"type":"function","function":{"name":"a","strict":true}}]';
    expect(failure(strict).message).toMatch(/^Tool 1: function\.strict: unknown field/);
    expect(failure('[{"type":"function","function":{"name":"a"},"x":1}]').message).toMatch(
      /^Tool 1: x: unknown field/,
    );
  });

  it("applies the request's text rule inside the schema", () => {
    const text = JSON.stringify([
      {
        type: "function",
        function: { name: "a", parameters: { type: "object", description: "bad\u0007" } },
      },
    ]);
    expect(failure(text).message).toBe(
      "Tool 1: function.parameters.description: contains a control character (U+0007)",
    );
  });

  it("refuses two functions with the same name", () => {
    const text = formatTools([weather, examples[1]!, weather]);
    expect(failure(text).message).toBe(
      'Tool 3: the name "get_weather" is already used by tool 1; each function needs its own name.',
    );
  });

  it("refuses more tools than a request may carry", () => {
    const many = Array.from({ length: 129 }, (_, i) => ({
      type: "function",
      function: { name: `f${i}` },
    }));
    expect(failure(JSON.stringify(many)).message).toBe("At most 128 tools (this has 129).");
  });
});

describe("checkJsonSyntax", () => {
  it("agrees with JSON.parse on what is valid", () => {
    const valid = ['[1, -0.5e+3, "a\\u00e9\\n", true, null, {"k": [{}]}]', " {} ", '"x"', "0"];
    const invalid = [
      "[1,]",
      "{,}",
      "01",
      "1.",
      '"\\x"',
      "[",
      "]",
      "{} {}",
      "-",
      "nul",
      "[1 2]",
      '{"a" 1}',
    ];
    for (const text of valid) expect(checkJsonSyntax(text).ok, text).toBe(true);
    for (const text of invalid) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(checkJsonSyntax(text).ok, text).toBe(false);
    }
  });

  it("agrees with JSON.parse on hundreds of damaged tool lists", () => {
    // A fixed-seed generator: the same damage every run, so a failure can be replayed.
    let seed = 13;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const source = formatTools(examples);
    const pieces = ['"', ",", "}", "]", "{", "[", ":", "\\", " ", "1", "-", "e", "\n", "n"];
    for (let i = 0; i < 600; i++) {
      const at = random(source.length);
      const cut = random(3);
      const text =
        source.slice(0, at) + (pieces[random(pieces.length)] ?? "") + source.slice(at + cut);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(checkJsonSyntax(text).ok, text).toBe(parses);
    }
  });
});
