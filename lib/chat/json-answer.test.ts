import { describe, expect, it } from "vitest";
import { readJsonAnswer, unfenceJson } from "./json-answer";

describe("readJsonAnswer", () => {
  it("pretty-prints a valid object with two-space indentation", () => {
    expect(readJsonAnswer('{"a":1,"b":[true,null,{"c":"x"}],"d":{},"e":[ ]}')).toEqual({
      valid: true,
      pretty: [
        "{",
        '  "a": 1,',
        '  "b": [',
        "    true,",
        "    null,",
        "    {",
        '      "c": "x"',
        "    }",
        "  ],",
        '  "d": {},',
        '  "e": []',
        "}",
      ].join("\n"),
    });
  });

  it("gives the same text as JSON.stringify for ordinary documents", () => {
    const value = { name: "Ada", tags: ["x", "y"], nested: { deep: [1, 2.5, -3e-7] }, ok: false };
    const answer = readJsonAnswer(JSON.stringify(value));
    expect(answer).toEqual({ valid: true, pretty: JSON.stringify(value, null, 2) });
  });

  it("keeps the model's literals: big numbers, escapes, and punctuation inside strings", () => {
    const answer = readJsonAnswer('{"id":12345678901234567890,"s":"a, b: {c} [d] \\" \\u00e9"}');
    expect(answer).toEqual({
      valid: true,
      pretty: '{\n  "id": 12345678901234567890,\n  "s": "a, b: {c} [d] \\" \\u00e9"\n}',
    });
  });

  it("looks through a ```json fence around the whole answer", () => {
    expect(readJsonAnswer('```json\n{"a": 1}\n```')).toEqual({
      valid: true,
      pretty: '{\n  "a": 1\n}',
    });
    expect(readJsonAnswer("\n```\r\n[1, 2]\r\n```\n")).toEqual({
      valid: true,
      pretty: "[\n  1,\n  2\n]",
    });
    expect(readJsonAnswer('```JSON\n"text"\n```')).toEqual({ valid: true, pretty: '"text"' });
  });

  it("says not valid, and keeps the text, for prose, truncated JSON and empty answers", () => {
    expect(readJsonAnswer("Sure! Here it is: {}")).toEqual({
      valid: false,
      text: "Sure! Here it is: {}",
    });
    expect(readJsonAnswer('{"a": [1, 2')).toEqual({ valid: false, text: '{"a": [1, 2' });
    expect(readJsonAnswer('```json\n{"a": \n```')).toEqual({ valid: false, text: '{"a":' });
    expect(readJsonAnswer("  ")).toEqual({ valid: false, text: "" });
    expect(readJsonAnswer("{'a': 1}")).toEqual({ valid: false, text: "{'a': 1}" });
  });

  it("does not unwrap a fence that is only part of the answer", () => {
    expect(unfenceJson('Here:\n```json\n{"a":1}\n```')).toBe('Here:\n```json\n{"a":1}\n```');
    expect(readJsonAnswer('Here:\n```json\n{"a":1}\n```').valid).toBe(false);
  });
});
