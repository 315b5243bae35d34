// Fault injection chosen by the request itself (never by shared state), so parallel tests can
// each ask for the failure they need: a `[sim:…]` marker anywhere in a string of the JSON body.

export const responseShapes = [
  "envelope",
  "bare",
  "bare-task-id",
  "task-id-camel",
  "no-status",
  "lowercase",
  "error-in-200",
] as const;
export type ResponseShape = (typeof responseShapes)[number];

/** What a task's status checks answer while its check fault lasts (`[sim:check=<fault>x<n>]`). */
export const checkFaultKinds = ["500", "429", "malformed", "hang"] as const;
export type CheckFaultKind = (typeof checkFaultKinds)[number];

export interface CheckFault {
  fault: CheckFaultKind;
  /** How many of the task's next status checks still get it. */
  remaining: number;
}

export interface Faults {
  /** The task ends FAILED (chat: answers 500, as there is no task to fail). */
  fail: boolean;
  /** HTTP 500 server_error straight away, nothing charged. */
  serverError: boolean;
  /** Tasks take 10× longer; chat tokens arrive 10× slower. */
  slow: boolean;
  /** The request is never answered. */
  hang: boolean;
  /** Chat SSE: the socket is destroyed mid-stream, no [DONE]. */
  drop: boolean;
  /** HTTP 200 with a body that is not JSON. */
  malformed: boolean;
  shape: ResponseShape | null;
  /** Chat SSE: half the reply, then an in-band error event and a clean end, no [DONE]. */
  streamError: boolean;
  /** Chat SSE: `[sim:framing=<name>]`, checked by the chat route (an unknown name is a 400). */
  framing: string | null;
  /** Chat: `[sim:chunks=<n>x<ms>]` as written, checked by the chat route. */
  chunks: string | null;
  /** Tasks: `[sim:check=500x3]` — the task's first 3 status checks answer 500 (or 429, ...). */
  check: CheckFault | null;
  /** Tasks: the creation reply and every status reply trickle out over about 1.5 s. */
  slowBody: boolean;
}

// Values may hold a dot, so that "[sim:chunks=1.5x10]" is seen (and refused), not ignored.
const markerPattern = /\[sim:([a-z0-9-]+)(?:=([a-z0-9.-]+))?\]/gi;

function collectStrings(value: unknown, out: string[], depth = 0): void {
  if (depth > 20) return;
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out, depth + 1);
  else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) collectStrings(item, out, depth + 1);
  }
}

export function noFaults(): Faults {
  return {
    fail: false,
    serverError: false,
    slow: false,
    hang: false,
    drop: false,
    malformed: false,
    shape: null,
    streamError: false,
    framing: null,
    chunks: null,
    check: null,
    slowBody: false,
  };
}

/** Reads every marker from any JSON value; unknown markers are ignored. */
export function readFaults(value: unknown): Faults {
  const strings: string[] = [];
  collectStrings(value, strings);
  const faults = noFaults();
  for (const text of strings) {
    for (const match of text.matchAll(markerPattern)) {
      const name = (match[1] ?? "").toLowerCase();
      const arg = (match[2] ?? "").toLowerCase();
      if (name === "fail") faults.fail = true;
      else if (name === "500") faults.serverError = true;
      else if (name === "slow") faults.slow = true;
      else if (name === "hang") faults.hang = true;
      else if (name === "drop") faults.drop = true;
      else if (name === "malformed") faults.malformed = true;
      else if (name === "shape" && isShape(arg)) faults.shape = arg;
      else if (name === "stream-error") faults.streamError = true;
      else if (name === "framing") faults.framing = arg;
      else if (name === "chunks") faults.chunks = arg;
      else if (name === "check") faults.check = readCheckFault(arg) ?? faults.check;
      else if (name === "slow-body") faults.slowBody = true;
    }
  }
  return faults;
}

/** "500x3" → the first 3 checks answer 500; anything else is no check fault. */
function readCheckFault(arg: string): CheckFault | null {
  const match = /^(500|429|malformed|hang)x([1-9]\d?)$/.exec(arg);
  if (!match) return null;
  return { fault: match[1] as CheckFaultKind, remaining: Number(match[2]) };
}

function isShape(value: string): value is ResponseShape {
  return (responseShapes as readonly string[]).includes(value);
}
