// How the chat stream's SSE bytes are laid out on the wire. Real upstreams differ (SPEC §7, §12):
// CRLF line ends, comments, ids and unknown events, one JSON spread over several data lines, events
// cut across socket writes anywhere (even inside a UTF-8 character), no [DONE] at the end.
// `[sim:framing=<name>]` picks one per request; the parsed events are the same in every framing.
import type { ServerResponse } from "node:http";
import { createRng, seedFrom, type Rng } from "./hash";

export const framingNames = ["crlf", "comments", "multiline", "split", "no-done", "all"] as const;
export type FramingName = (typeof framingNames)[number];

export interface Framing {
  eol: "\n" | "\r\n";
  /** `: keep-alive` comments, `id:`/`retry:` fields and `event: ping` events to ignore. */
  comments: boolean;
  /** Each JSON pretty-printed over several `data:` lines. */
  multiline: boolean;
  /** Each event in 2–4 socket writes, cut at byte positions chosen from the request. */
  split: boolean;
  /** `data: [DONE]` after the last chunk. */
  done: boolean;
}

export const plainFraming: Framing = {
  eol: "\n",
  comments: false,
  multiline: false,
  split: false,
  done: true,
};

export function isFramingName(value: string): value is FramingName {
  return (framingNames as readonly string[]).includes(value);
}

export function framingFor(name: FramingName | null): Framing {
  switch (name) {
    case null:
      return plainFraming;
    case "crlf":
      return { ...plainFraming, eol: "\r\n" };
    case "comments":
      return { ...plainFraming, comments: true };
    case "multiline":
      return { ...plainFraming, multiline: true };
    case "split":
      return { ...plainFraming, split: true };
    case "no-done":
      return { ...plainFraming, done: false };
    case "all":
      return { ...plainFraming, eol: "\r\n", comments: true, split: true };
  }
}

/** 2-, 3- and 4-byte UTF-8 characters: with `split`, the answer carries it so cuts land inside. */
export const nonAsciiSample = "café — naïve 日本語 🦊";

/**
 * Byte offsets that cut `bytes` into 2–4 pieces. When the bytes hold a multi-byte character, one
 * cut falls inside one (before a continuation byte), since that is what breaks naive decoders.
 */
export function cutPoints(bytes: Uint8Array, rng: Rng): number[] {
  if (bytes.length < 4) return bytes.length > 1 ? [1] : [];
  const wanted = 1 + Math.floor(rng() * 3);
  const cuts = new Set<number>();
  const inside: number[] = [];
  for (let i = 1; i < bytes.length; i++) if (((bytes[i] ?? 0) & 0xc0) === 0x80) inside.push(i);
  if (inside.length > 0) cuts.add(inside[Math.floor(rng() * inside.length)] ?? 1);
  while (cuts.size < wanted) cuts.add(1 + Math.floor(rng() * (bytes.length - 1)));
  return [...cuts].sort((a, b) => a - b);
}

type Op =
  | { kind: "bytes"; bytes: Buffer; isData: boolean }
  | { kind: "end"; then: () => void }
  | { kind: "destroy"; then: () => void };

/**
 * Writes SSE events in a framing, in order. Without `split` every write happens at once; with it,
 * each piece waits for the previous one to be flushed plus a millisecond, so pieces really reach
 * the client separately, and later events queue behind.
 */
export class SseWriter {
  /** Data events (chunks, the error event) handed whole to the socket; not pings or [DONE]. */
  eventsWritten = 0;
  private readonly queue: Op[] = [];
  private busy = false;
  private numbered = 0;
  private lastWrite: Promise<void> = Promise.resolve();
  private readonly rng: Rng;

  constructor(
    private readonly res: ServerResponse,
    private readonly framing: Framing,
    seed: string,
    private readonly schedule: (fn: () => void, ms: number) => void,
  ) {
    this.rng = createRng(seedFrom("framing", seed));
    // A comment before anything else, and a retry field alone (no data: nothing is dispatched).
    if (framing.comments) this.push([": stream open", "retry: 3000"], false);
  }

  /** One data event: a JSON value, or the text [DONE]. */
  data(payload: unknown): void {
    const isDone = payload === "[DONE]";
    const json = this.framing.multiline
      ? JSON.stringify(payload, null, 2)
      : JSON.stringify(payload);
    const lines: string[] = [];
    if (this.framing.comments) {
      const n = ++this.numbered;
      if (n % 4 === 2) this.push(["event: ping", "data: {}"], false);
      if (n % 3 === 0) this.push([": keep-alive"], false);
      lines.push(`id: ${n}`);
      if (n % 5 === 0) lines.push(": a comment inside an event");
    }
    for (const line of isDone ? ["[DONE]"] : json.split("\n")) lines.push(`data: ${line}`);
    this.push(lines, !isDone);
  }

  /** [DONE] (unless the framing leaves it out), then the end of the response. */
  finish(then: () => void): void {
    if (this.framing.done) this.data("[DONE]");
    this.end(then);
  }

  /** Ends the response once everything queued is written; `then` runs as it ends. */
  end(then: () => void): void {
    this.queue.push({ kind: "end", then });
    this.drain();
  }

  /** Destroys the socket once everything queued has reached it: the client sees a cut. */
  destroy(then: () => void): void {
    this.queue.push({ kind: "destroy", then });
    this.drain();
  }

  private push(lines: string[], isData: boolean): void {
    const { eol } = this.framing;
    this.queue.push({ kind: "bytes", bytes: Buffer.from(lines.join(eol) + eol + eol), isData });
    this.drain();
  }

  private drain(): void {
    while (!this.busy) {
      const op = this.queue.shift();
      if (!op) return;
      if (this.res.destroyed) {
        this.queue.length = 0;
        return;
      }
      if (op.kind === "end") {
        op.then();
        this.res.end();
      } else if (op.kind === "destroy") {
        void this.lastWrite.then(() => {
          op.then();
          this.res.destroy();
        });
      } else if (this.framing.split) {
        this.busy = true;
        this.writePieces(op.bytes, cutPoints(op.bytes, this.rng), op.isData);
      } else {
        this.write(op.bytes);
        if (op.isData) this.eventsWritten++;
      }
    }
  }

  private writePieces(bytes: Buffer, cuts: number[], isData: boolean, from = 0): void {
    if (this.res.destroyed) return;
    const [cut, ...rest] = cuts;
    this.write(bytes.subarray(from, cut ?? bytes.length));
    if (cut === undefined) {
      if (isData) this.eventsWritten++;
      void this.lastWrite.then(() => {
        this.busy = false;
        this.drain();
      });
      return;
    }
    void this.lastWrite.then(() =>
      this.schedule(() => this.writePieces(bytes, rest, isData, cut), 1),
    );
  }

  private write(bytes: Uint8Array): void {
    this.lastWrite = new Promise((resolve) => this.res.write(bytes, () => resolve()));
  }
}
