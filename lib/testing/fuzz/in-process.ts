// The volume fuzz of /api/v1: route handlers called in-process, as Next calls them, with an app
// token, so thousands of bodies per route take seconds instead of minutes over HTTP (the HTTP
// fuzz in e2e/api-fuzz.spec.ts covers the real server with fewer). Runner-neutral: node:assert.
import assert from "node:assert/strict";
import fc from "fast-check";
import type { RouteHandler } from "@/lib/server/define-route";
import type { RunningSimulator } from "@/lib/simulator";
import { baseline, describeBody } from "./bodies";
import { readAnswer, type Answer } from "./answers";

/** Bodies (or queries, or ids) per route: FUZZ_BODIES, else `fallback` (a quick pass in npm test). */
export function fuzzBodies(fallback: number): number {
  const raw = process.env.FUZZ_BODIES;
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`FUZZ_BODIES: a positive integer, not "${raw}"`);
  return n;
}

/** FUZZ_SEED replays a failing run (fast-check prints the seed and the shrunk counterexample). */
export const fuzzSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

export interface HandlerCall {
  method: string;
  /** Path and query, e.g. "/api/v1/tasks?limit=3". */
  path: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** The route's path segments, as Next passes them (`{ id }`, `{ task_id }`). */
  params?: Record<string, string>;
  token: string | null;
}

/** Calls a route handler as Next would and reads its whole answer (a stream to its end). */
export async function callHandler(handler: RouteHandler, call: HandlerCall): Promise<Answer> {
  const headers = new Headers(call.headers);
  if (call.token !== null) headers.set("authorization", `Bearer ${call.token}`);
  if (call.body !== undefined && !headers.has("content-type")) {
    headers.set("content-type", "application/json");
  }
  const body = call.body instanceof Uint8Array ? new Uint8Array(call.body) : call.body;
  const req = new Request(`http://localhost:3000${call.path}`, {
    method: call.method,
    headers,
    ...(body !== undefined && { body }),
  });
  return readAnswer(await handler(req, { params: Promise.resolve(call.params ?? {}) }));
}

export interface FuzzCase {
  call: HandlerCall;
  /** Checks the answer beyond the baseline (never a 5xx; every non-2xx in the error shape). */
  check(answer: Answer, what: string): void;
}

/** "POST /api/v1/… {body…}", cut to a readable length. */
function describeCall(call: HandlerCall): string {
  const body = call.body === undefined ? "" : ` ${describeBody(String(call.body))}`;
  return `${call.method} ${call.path.slice(0, 200)}${body}`;
}

export interface FuzzTally {
  requests: number;
  /** Answers by status, e.g. { 200: 31, 400: 290 }. */
  statuses: Record<number, number>;
}

/**
 * Sends `total` generated cases to `handler`, `batch` at a time, each checked by the baseline and
 * its own check; a failure shrinks to the smallest case that still fails.
 */
export async function fuzzHandler(
  handler: RouteHandler,
  cases: fc.Arbitrary<FuzzCase>,
  total: number,
  batch = 8,
): Promise<FuzzTally> {
  const tally: FuzzTally = { requests: 0, statuses: {} };
  // A counterexample reads as the request it was, not as the checking code.
  const labelled = cases.map((c) =>
    Object.assign(c, { [fc.toStringMethod]: () => describeCall(c.call) }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(labelled, { minLength: batch, maxLength: batch }), async (group) => {
      await Promise.all(
        group.map(async (c) => {
          const what = describeCall(c.call);
          const answer = await callHandler(handler, c.call);
          tally.requests++;
          tally.statuses[answer.status] = (tally.statuses[answer.status] ?? 0) + 1;
          baseline(answer, what);
          c.check(answer, what);
        }),
      );
    }),
    { numRuns: Math.ceil(total / batch), ...(fuzzSeed !== undefined && { seed: fuzzSeed }) },
  );
  assert.ok(tally.requests >= total, `sent ${tally.requests} of ${total}`);
  return tally;
}

/** Requests the simulator counted for `key`, by "METHOD /path" (refused ones included). */
export async function upstreamCalls(
  sim: RunningSimulator,
  key: string,
): Promise<Record<string, number>> {
  const res = await fetch(`${sim.origin}/__sim/stats`);
  const stats = (await res.json()) as { requests: Record<string, Record<string, number>> };
  return Object.fromEntries(
    Object.entries(stats.requests).flatMap(([route, perKey]) =>
      perKey[key] === undefined ? [] : [[route, perKey[key]]],
    ),
  );
}
