import { describe, expect, it } from "vitest";
import { parseByteRange } from "./byte-range";
import { rangeCases } from "./byte-range-cases";

describe("parseByteRange", () => {
  it.each([
    [null, { kind: "full" }],
    [undefined, { kind: "full" }],
    ["bytes=0-99", { kind: "partial", start: 0, end: 99 }],
    ["bytes=100-", { kind: "partial", start: 100, end: 999 }],
    ["bytes=-100", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=990-5000", { kind: "partial", start: 990, end: 999 }],
    ["bytes=999-999", { kind: "partial", start: 999, end: 999 }],
    [" bytes=1-2 ", { kind: "partial", start: 1, end: 2 }],
    ["bytes= 1-2 , ", { kind: "partial", start: 1, end: 2 }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=1000-1001", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    // RFC 9110 §14.1.1: last < first makes the range invalid, not unsatisfiable: ignore it.
    ["bytes=9-2", { kind: "full" }],
    ["bytes=2000-1000", { kind: "full" }],
    ["bytes=0-1,5-9", { kind: "full" }],
    ["bytes=2000-,3000-", { kind: "full" }],
    ["items=0-1", { kind: "full" }],
    ["bytes=-", { kind: "full" }],
    ["bytes=", { kind: "full" }],
    ["bytes=1-2-3", { kind: "full" }],
    ["bytes=+1-2", { kind: "full" }],
  ] as const)("%s of 1000 bytes", (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it("refuses a first byte of an empty file and serves a suffix of it whole", () => {
    expect(parseByteRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseByteRange("bytes=0-0", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseByteRange("bytes=-1", 0)).toEqual({ kind: "full" });
    expect(parseByteRange("bytes=-0", 0)).toEqual({ kind: "unsatisfiable" });
  });

  it.each(rangeCases(100))("agrees with the servers' case $header", ({ header, status, slice }) => {
    const range = parseByteRange(header, 100);
    const kind = { 200: "full", 206: "partial", 416: "unsatisfiable" }[status];
    expect(range.kind).toBe(kind);
    if (range.kind === "partial") expect([range.start, range.end + 1]).toEqual(slice);
  });
});
