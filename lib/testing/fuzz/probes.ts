// Generated requests for the account, task-list and unknown routes of /api/v1, each with the check
// its answer must pass (decided by the same zod schemas the routes use).
import assert from "node:assert/strict";
import fc from "fast-check";
import { createTokenSchema, createdAppTokenSchema, keyStatusSchema } from "../../schemas/account";
import { taskListQuerySchema, taskListReplySchema } from "../../schemas/tasks";
import { expectError, knownPaths, type Answer } from "./answers";
import { anyText, ascii, bodyProblem, describeBody, json, key, text } from "./bodies";

/** Percent-encodes text's UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser sends it). */
function encodeSegment(raw: string): string {
  return [...new TextEncoder().encode(raw)]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

/** A path segment: percent-encoded text, or raw escapes that decode to nothing sensible. */
export const segment = fc
  .oneof(
    { weight: 3, arbitrary: anyText.map(encodeSegment) },
    {
      weight: 2,
      arbitrary: fc
        .array(
          fc.oneof(
            fc.constantFrom(
              "%00",
              "%F0",
              "%FF",
              "%C0%80",
              "%ED%A0%80",
              "%zz",
              "%",
              "%2F",
              "%5C",
              "%E2%80%AE",
              "%25",
            ),
            ascii.filter((c) => /[A-Za-z0-9_~-]/.test(c)),
          ),
          { minLength: 1, maxLength: 6 },
        )
        .map((parts) => parts.join("")),
    },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "x".repeat(300),
        "x".repeat(8000),
        "sim_" + "0".repeat(20) + "_flux2",
      ),
    },
  )
  // "." and ".." (however spelled) are not a segment but a step up the path.
  .filter((s) => s !== "" && !/^(\.|%2e){1,2}$/i.test(s));

const queryValue = fc.oneof(
  fc.constantFrom(
    "images",
    "videos",
    "music",
    "speech",
    "remove-bg",
    "image",
    "video",
    "audio",
    "IN_PROGRESS",
    "SUCCESS",
    "FAILED",
    "1",
    "20",
    "100",
    "0",
    "101",
    "-1",
    "1.5",
    "1e2",
    "abc",
    "",
  ),
  anyText,
);
const queryKey = fc.oneof(fc.constantFrom("route", "output", "status", "limit"), anyText);
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export type Probe = {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  check: (a: Answer, what: string) => void;
};

const notFound = (a: Answer, what: string) =>
  expectError(a, { status: 404, type: "not_found" }, what);

/**
 * An unknown path is 404, unless it is so long that the request line and headers pass Node's 16 KB:
 * then no route can read it, and the server answers 431 (scripts/http-client-errors.mjs).
 */
const unknownPath = (path: string) => (a: Answer, what: string) =>
  path.length > 15 * 1024 && a.status === 431
    ? expectError(a, { status: 431, type: "invalid_request" }, what)
    : notFound(a, what);

/** How a probe reads in a counterexample: the request, not the checking code. */
function labelled(probe: Probe): Probe {
  const body = probe.body === undefined ? "" : ` ${describeBody(probe.body)}`;
  return Object.assign(probe, {
    [fc.toStringMethod]: () => `${probe.method} ${probe.path.slice(0, 200)}${body}`,
  });
}

export const probes: fc.Arbitrary<Probe> = fc
  .oneof(
    // GET /tasks with any query string.
    fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }).map((pairs): Probe => {
      const query = new URLSearchParams(pairs).toString();
      const path = `/api/v1/tasks${query ? `?${query}` : ""}`;
      const parsed = taskListQuerySchema.safeParse(
        Object.fromEntries(new URL(`http://x${path}`).searchParams),
      );
      return {
        method: "GET",
        path,
        check: (a, what) => {
          if (parsed.success) {
            assert.equal(a.status, 200, `${what} → ${a.text.slice(0, 200)}`);
            taskListReplySchema.parse(a.json);
          } else {
            const error = expectError(a, { status: 400, type: "invalid_request" }, what);
            assert.ok(
              ["route", "output", "status", "limit"].includes(error.param ?? ""),
              `${what}: param ${error.param}`,
            );
          }
        },
      };
    }),
    // GET /tasks/{id} and DELETE /tokens/{id}: ids that name nothing of this user's.
    segment.map((s): Probe => ({ method: "GET", path: `/api/v1/tasks/${s}`, check: notFound })),
    segment.map((s): Probe => ({ method: "DELETE", path: `/api/v1/tokens/${s}`, check: notFound })),
    // POST /tokens with any body.
    fc
      .oneof(
        json,
        fc.record({ name: text }),
        fc.tuple(text, key, json).map(([name, k, v]) => ({ name, [k]: v })),
      )
      .map((value): Probe => {
        const source = JSON.stringify(value) ?? "null";
        const read = bodyProblem(source);
        const ok = !("expected" in read) && createTokenSchema.safeParse(read.value).success;
        return {
          method: "POST",
          path: "/api/v1/tokens",
          body: source,
          check: (a, what) => {
            if (ok) {
              assert.equal(a.status, 201, `${what} → ${a.text.slice(0, 200)}`);
              assert.match(createdAppTokenSchema.parse(a.json).token, /^ais_/);
            } else {
              const status = "expected" in read ? read.expected.status : 400;
              const error = expectError(
                a,
                { status, type: "invalid_request", charged: false },
                what,
              );
              assert.ok(error.param, `${what}: names the field`);
            }
          },
        };
      }),
    // POST /uploads with bodies that are not a multipart upload.
    fc
      .tuple(
        fc.oneof(
          anyText,
          json.map((v) => JSON.stringify(v) ?? ""),
        ),
        fc.constantFrom(
          "application/json",
          "text/plain",
          "multipart/form-data",
          "multipart/form-data; boundary=x",
          "application/octet-stream",
          "image/png",
          "",
        ),
      )
      .map(([body, type]): Probe => ({
        method: "POST",
        path: "/api/v1/uploads",
        body,
        headers: { "Content-Type": type },
        check: (a, what) => {
          assert.ok(a.status >= 400, what);
        },
      })),
    // A method a known path does not take.
    fc
      .constantFrom(...knownPaths)
      .chain((known) =>
        fc
          .constantFrom(...methods.filter((m) => !known.methods.includes(m)))
          .map((method) => ({ known, method })),
      )
      .map(({ known, method }): Probe => ({
        method,
        path: known.path,
        ...(method === "GET" ? {} : { body: "{}" }),
        check: (a, what) => {
          expectError(a, { status: 405 }, what);
          const allow = (a.headers.get("allow") ?? "").split(/,\s*/);
          for (const real of known.methods)
            assert.ok(allow.includes(real), `${what}: Allow ${allow.join(", ")}`);
          assert.ok(!allow.includes(method), `${what}: Allow ${allow.join(", ")}`);
        },
      })),
    // Paths nobody serves, any method.
    fc
      .tuple(
        fc.constantFrom(...methods, "OPTIONS"),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        anyText,
      )
      .map(([method, segs, body]): Probe => ({
        method,
        path: `/api/v1/zz-${segs.join("/")}`,
        ...(method === "GET" || method === "OPTIONS" ? {} : { body }),
        check: unknownPath(`/api/v1/zz-${segs.join("/")}`),
      })),
    // Reads that must keep working throughout.
    fc.constantFrom(
      {
        method: "GET",
        path: "/api/v1/keys",
        check: (a: Answer, what: string) =>
          assert.equal(keyStatusSchema.parse(a.json).mode, "user-key", what),
      },
      {
        method: "GET",
        path: "/api/v1/tokens",
        check: (a: Answer, what: string) => assert.equal(a.status, 200, what),
      },
    ),
  )
  .map(labelled);
