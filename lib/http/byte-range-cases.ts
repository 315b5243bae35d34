// Test support: the Range requests every byte server here must answer alike, and the check of one
// answer. The upload server (lib/server/uploads/uploads.test.ts) and the simulator
// (lib/simulator/tasks.test.ts) run them through their HTTP surfaces; byte-range.test.ts runs
// them through the parser.
import { expect } from "vitest";

export interface RangeCase {
  header: string;
  status: 200 | 206 | 416;
  /** The bytes a 206 carries: [first, last + 1). */
  slice?: readonly [number, number];
}

/** Cases for a file of `size` bytes (at least 32). */
export function rangeCases(size: number): RangeCase[] {
  return [
    { header: "bytes=8-23", status: 206, slice: [8, 24] },
    { header: "bytes=0-0", status: 206, slice: [0, 1] },
    { header: "bytes=8-", status: 206, slice: [8, size] },
    { header: "bytes=-12", status: 206, slice: [size - 12, size] },
    { header: `bytes=-${size + 100}`, status: 206, slice: [0, size] },
    { header: `bytes=${size - 5}-${size + 500}`, status: 206, slice: [size - 5, size] },
    { header: "Bytes=2-3", status: 206, slice: [2, 4] },
    { header: "bytes=2-3,", status: 206, slice: [2, 4] },
    { header: `bytes=${size}-`, status: 416 },
    { header: `bytes=${size + 10}-${size + 20}`, status: 416 },
    { header: "bytes=-0", status: 416 },
    // Invalid (last before first), several ranges, another unit, junk: ignored, the whole file.
    { header: "bytes=9-2", status: 200 },
    { header: `bytes=${size + 9}-2`, status: 200 },
    { header: "bytes=0-1,5-9", status: 200 },
    { header: "items=0-1", status: 200 },
    { header: "bytes=-", status: 200 },
    { header: "bytes=", status: 200 },
    { header: "bytes=a-b", status: 200 },
  ];
}

/** Checks one answer to `c` for a file whose bytes are `file`. */
export async function expectRangeAnswer(
  res: Response,
  file: Uint8Array,
  c: RangeCase,
): Promise<void> {
  expect(res.status, c.header).toBe(c.status);
  const body = new Uint8Array(await res.arrayBuffer());
  if (c.status === 416) {
    expect(res.headers.get("content-range")).toBe(`bytes */${file.length}`);
    expect(body.length).toBe(0);
    return;
  }
  const [first, end] = c.slice ?? [0, file.length];
  expect(res.headers.get("content-range")).toBe(
    c.status === 206 ? `bytes ${first}-${end - 1}/${file.length}` : null,
  );
  expect(res.headers.get("content-length")).toBe(String(end - first));
  expect(body).toEqual(Uint8Array.from(file.subarray(first, end)));
}
