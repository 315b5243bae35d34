// The one parser for `Range: bytes=…` (RFC 9110 §14.1–14.2), shared by the Studio's upload server
// and the simulator's file server. Isomorphic: no Node, Next or server-only imports.
//
//   bytes=10-19, bytes=10-, bytes=-5  one range (a last byte past the end is clamped) → 206
//   bytes=1000- on 1000 bytes, bytes=-0  no byte can be served → 416, `Content-Range: bytes */size`
//   bytes=9-2 (last before first), other units, junk  invalid → the header is ignored → 200, whole
//   bytes=0-1,5-9  several ranges → 200, whole: we never answer multipart/byteranges, and §14.2
//                  lets a server ignore Range
// A suffix range of an empty file (`bytes=-1` of 0 bytes) is satisfiable but selects nothing: 200.

export type ByteRange =
  { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

const full: ByteRange = { kind: "full" };
const unsatisfiable: ByteRange = { kind: "unsatisfiable" };

export function parseByteRange(header: string | null | undefined, size: number): ByteRange {
  if (!header) return full;
  // The unit is case-insensitive (§14.1); list elements may have spaces around them (§5.6.1).
  const unit = /^bytes=(.*)$/i.exec(header.trim());
  if (!unit) return full;
  // A list may carry empty elements (RFC 9110 §5.6.1): `bytes=0-9,` is one range.
  const specs = (unit[1] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (specs.length !== 1) return full;
  const spec = /^(\d*)-(\d*)$/.exec(specs[0] ?? "");
  if (!spec) return full;
  const [, first = "", last = ""] = spec;
  if (first === "") {
    if (last === "") return full;
    const suffix = Number(last);
    if (suffix === 0) return unsatisfiable;
    if (size === 0) return full;
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return full;
  if (start >= size) return unsatisfiable;
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: "partial", start, end };
}
