import { describe, expect, it } from "vitest";
import { parseByteRange } from "./byte-range";

describe("parseByteRange", () => {
  it.each([
    [null, { kind: "full" }],
    ["bytes=0-99", { kind: "partial", start: 0, end: 99 }],
    ["bytes=100-", { kind: "partial", start: 100, end: 999 }],
    ["bytes=-100", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=990-5000", { kind: "partial", start: 990, end: 999 }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=0-1,5-9", { kind: "full" }],
    ["items=0-1", { kind: "full" }],
    ["bytes=9-2", { kind: "full" }],
    ["bytes=-", { kind: "full" }],
  ] as const)("%s of 1000 bytes", (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it("refuses every range of an empty file", () => {
    expect(parseByteRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseByteRange("bytes=-1", 0)).toEqual({ kind: "unsatisfiable" });
  });
});
