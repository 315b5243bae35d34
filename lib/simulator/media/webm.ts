// WebM of any length from a short committed clip: the clip's clusters repeat with shifted
// timecodes, the last repeat is cut at the requested length, and the Segment is rebuilt around
// them with a matching Info/Duration, a Cues index and a SeekHead. Each repeat starts on the
// clip's first frame, a keyframe, so it decodes without the frames before it.
const ids = {
  ebml: 0x1a45dfa3,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  seek: 0x4dbb,
  seekId: 0x53ab,
  seekPosition: 0x53ac,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  tracks: 0x1654ae6b,
  cluster: 0x1f43b675,
  timecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  referenceBlock: 0xfb,
  cues: 0x1c53bb6b,
  cuePoint: 0xbb,
  cueTime: 0xb3,
  cueTrackPositions: 0xb7,
  cueTrack: 0xf7,
  cueClusterPosition: 0xf1,
} as const;

interface Element {
  id: number;
  /** Where the element's ID starts. */
  start: number;
  dataStart: number;
  end: number;
}

function byteAt(buf: Buffer, pos: number): number {
  const value = buf[pos];
  if (value === undefined) throw new Error(`WebM: truncated at byte ${pos}`);
  return value;
}

/** An EBML variable-length integer; `keepMarker` reads an element ID (marker bit kept). */
function readVint(
  buf: Buffer,
  pos: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } {
  const first = byteAt(buf, pos);
  let length = 1;
  let mask = 0x80;
  while (length <= 8 && (first & mask) === 0) {
    length++;
    mask >>= 1;
  }
  if (length > 8) throw new Error(`WebM: bad variable-length integer at byte ${pos}`);
  let value = keepMarker ? first : first & (mask - 1);
  let allOnes = (first & (mask - 1)) === mask - 1;
  for (let i = 1; i < length; i++) {
    const b = byteAt(buf, pos + i);
    value = value * 256 + b;
    allOnes &&= b === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

/** The child elements between `start` and `end`; an unknown size runs to `end`. */
function children(buf: Buffer, start: number, end: number): Element[] {
  const out: Element[] = [];
  let pos = start;
  while (pos < end) {
    const id = readVint(buf, pos, true);
    const size = readVint(buf, pos + id.length, false);
    const dataStart = pos + id.length + size.length;
    const elementEnd = size.unknown ? end : dataStart + size.value;
    if (elementEnd > end) throw new Error(`WebM: element ${id.value.toString(16)} overruns`);
    out.push({ id: id.value, start: pos, dataStart, end: elementEnd });
    pos = elementEnd;
  }
  return out;
}

function readUint(buf: Buffer, el: Element): number {
  let value = 0;
  for (let i = el.dataStart; i < el.end; i++) value = value * 256 + byteAt(buf, i);
  return value;
}

function readFloat(buf: Buffer, el: Element): number {
  const size = el.end - el.dataStart;
  if (size === 4) return buf.readFloatBE(el.dataStart);
  if (size === 8) return buf.readDoubleBE(el.dataStart);
  return 0;
}

function encodeId(id: number): Buffer {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from(bytes);
}

/** The shortest size field for `n` (all ones is reserved for "unknown size"). */
function encodeSize(n: number): Buffer {
  let length = 1;
  while (n >= 2 ** (7 * length) - 1) length++;
  const out = Buffer.alloc(length);
  let v = n;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] = (out[0] ?? 0) | (0x80 >> (length - 1));
  return out;
}

function element(id: number, ...data: readonly Buffer[]): Buffer {
  const body = Buffer.concat(data);
  return Buffer.concat([encodeId(id), encodeSize(body.length), body]);
}

/** An unsigned integer element, `width` bytes wide (fixed widths keep a layout predictable). */
function uintElement(id: number, value: number, width?: number): Buffer {
  let bytes = 1;
  while (value >= 2 ** (8 * bytes)) bytes++;
  const size = Math.max(bytes, width ?? 0);
  const data = Buffer.alloc(size);
  let v = value;
  for (let i = size - 1; i >= 0; i--) {
    data[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return element(id, data);
}

function floatElement(id: number, value: number): Buffer {
  const data = Buffer.alloc(8);
  data.writeDoubleBE(value);
  return element(id, data);
}

export interface ClipBlock {
  /** The SimpleBlock or BlockGroup, as stored. */
  raw: Buffer;
  track: number;
  /** Relative to its cluster, in timecode-scale ticks. */
  time: number;
  key: boolean;
}

export interface WebmClip {
  ebmlHeader: Buffer;
  /** Info's children except Duration. */
  infoRest: Buffer;
  tracks: Buffer;
  /** Nanoseconds per tick (1 000 000 = milliseconds). */
  timecodeScale: number;
  /** Length of the clip in ticks. */
  duration: number;
  clusters: { timecode: number; blocks: ClipBlock[] }[];
}

/** Track number, relative time and keyframe flag of a SimpleBlock or a BlockGroup's Block. */
function readBlock(buf: Buffer, el: Element): ClipBlock | null {
  let block = el;
  let key = false;
  if (el.id === ids.blockGroup) {
    const parts = children(buf, el.dataStart, el.end);
    const inner = parts.find((p) => p.id === ids.block);
    if (!inner) return null;
    block = inner;
    // In a BlockGroup, a frame that references no other frame is a keyframe.
    key = !parts.some((p) => p.id === ids.referenceBlock);
  } else if (el.id !== ids.simpleBlock) return null;
  const track = readVint(buf, block.dataStart, false);
  const at = block.dataStart + track.length;
  const time = buf.readInt16BE(at);
  if (el.id === ids.simpleBlock) key = (byteAt(buf, at + 2) & 0x80) !== 0;
  return { raw: buf.subarray(el.start, el.end), track: track.value, time, key };
}

export function parseWebm(bytes: Buffer): WebmClip {
  const top = children(bytes, 0, bytes.length);
  const header = top.find((e) => e.id === ids.ebml);
  const segment = top.find((e) => e.id === ids.segment);
  if (!header || !segment) throw new Error("WebM: no EBML header or Segment");
  const parts = children(bytes, segment.dataStart, segment.end);
  const info = parts.find((e) => e.id === ids.info);
  const tracks = parts.find((e) => e.id === ids.tracks);
  if (!info || !tracks) throw new Error("WebM: no Info or Tracks");
  const infoParts = children(bytes, info.dataStart, info.end);
  const scaleEl = infoParts.find((e) => e.id === ids.timecodeScale);
  const durationEl = infoParts.find((e) => e.id === ids.duration);
  const clusters = parts
    .filter((e) => e.id === ids.cluster)
    .map((cluster) => {
      const inner = children(bytes, cluster.dataStart, cluster.end);
      const timecodeEl = inner.find((e) => e.id === ids.timecode);
      return {
        timecode: timecodeEl ? readUint(bytes, timecodeEl) : 0,
        blocks: inner.flatMap((e) => readBlock(bytes, e) ?? []),
      };
    });
  const lastTime = Math.max(
    0,
    ...clusters.flatMap((c) => c.blocks.map((b) => c.timecode + b.time)),
  );
  return {
    ebmlHeader: bytes.subarray(header.start, header.end),
    infoRest: Buffer.concat(
      infoParts.filter((e) => e.id !== ids.duration).map((e) => bytes.subarray(e.start, e.end)),
    ),
    tracks: bytes.subarray(tracks.start, tracks.end),
    timecodeScale: scaleEl ? readUint(bytes, scaleEl) : 1_000_000,
    duration: durationEl ? readFloat(bytes, durationEl) : lastTime,
    clusters,
  };
}

/**
 * The clip repeated to last `seconds`: whole repeats, then the frames of a last partial one that
 * start before the end. Deterministic, and cheap (a copy of the clip's bytes per repeat).
 */
export function loopWebm(clip: WebmClip, seconds: number): Buffer {
  const first = clip.clusters[0]?.blocks[0];
  if (!first?.key || clip.duration <= 0) throw new Error("WebM: the clip must start on a keyframe");
  const total = Math.max(1, Math.round((seconds * 1e9) / clip.timecodeScale));
  const repeats = Math.ceil(total / clip.duration);
  const clusters: { at: number; time: number; track: number; bytes: Buffer }[] = [];
  let offset = 0;
  for (let k = 0; k < repeats; k++) {
    for (const cluster of clip.clusters) {
      const base = Math.round(k * clip.duration) + cluster.timecode;
      const blocks = cluster.blocks.filter((b) => base + b.time < total);
      const lead = blocks[0];
      if (!lead) continue;
      const bytes = element(
        ids.cluster,
        uintElement(ids.timecode, base),
        ...blocks.map((b) => b.raw),
      );
      clusters.push({
        at: offset,
        time: lead.key ? base + lead.time : -1,
        track: lead.track,
        bytes,
      });
      offset += bytes.length;
    }
  }
  const info = element(ids.info, clip.infoRest, floatElement(ids.duration, total));
  const seek = (id: number, position: number): Buffer =>
    element(
      ids.seek,
      element(ids.seekId, encodeId(id)),
      uintElement(ids.seekPosition, position, 8),
    );
  // Positions are fixed-width, so the SeekHead's size does not depend on them.
  const seekHeadSize = element(
    ids.seekHead,
    seek(ids.info, 0),
    seek(ids.tracks, 0),
    seek(ids.cues, 0),
  ).length;
  const clustersAt = seekHeadSize + info.length + clip.tracks.length;
  const cues = element(
    ids.cues,
    ...clusters
      .filter((c) => c.time >= 0)
      .map((c) =>
        element(
          ids.cuePoint,
          uintElement(ids.cueTime, c.time),
          element(
            ids.cueTrackPositions,
            uintElement(ids.cueTrack, c.track),
            uintElement(ids.cueClusterPosition, clustersAt + c.at),
          ),
        ),
      ),
  );
  const seekHead = element(
    ids.seekHead,
    seek(ids.info, seekHeadSize),
    seek(ids.tracks, seekHeadSize + info.length),
    seek(ids.cues, clustersAt + offset),
  );
  return Buffer.concat([
    clip.ebmlHeader,
    element(ids.segment, seekHead, info, clip.tracks, ...clusters.map((c) => c.bytes), cues),
  ]);
}

/** Duration (from Info), every frame's time and every cue's time, in seconds: what tests check. */
export function describeWebm(bytes: Buffer): {
  seconds: number;
  frames: { seconds: number; key: boolean }[];
  cues: number[];
} {
  const clip = parseWebm(bytes);
  const tick = clip.timecodeScale / 1e9;
  const segment = children(bytes, 0, bytes.length).find((e) => e.id === ids.segment);
  const cues = segment
    ? children(bytes, segment.dataStart, segment.end).find((e) => e.id === ids.cues)
    : undefined;
  return {
    seconds: clip.duration * tick,
    frames: clip.clusters.flatMap((c) =>
      c.blocks.map((b) => ({ seconds: (c.timecode + b.time) * tick, key: b.key })),
    ),
    cues: cues
      ? children(bytes, cues.dataStart, cues.end).flatMap((point) => {
          const time = children(bytes, point.dataStart, point.end).find(
            (e) => e.id === ids.cueTime,
          );
          return time ? [readUint(bytes, time) * tick] : [];
        })
      : [],
  };
}
