// Turns a zod issue into one sentence a person can act on: "duration: expected a string like "8",
// got number". Zod's own messages ("Invalid option: expected one of …") read like a stack trace.
import type { z } from "zod";
import { textLength } from "./text";

type Issue = z.core.$ZodIssue;

export interface FieldError {
  /** Path of the offending value, e.g. "prompt" or "dialogue[0].text"; "body" for the whole body. */
  field: string;
  /** Starts with the field: "prompt: must be at least 3 characters". */
  message: string;
  /** A model rule's own sentence in the form's words (see RuleViolation.hint), when it has one. */
  hint?: string;
}

/** Keys written bare in a path; anything else is quoted, escaped and shortened. */
const plainKey = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;

function quotedKey(key: string): string {
  // JSON.stringify escapes control characters and lone surrogates, so the path stays printable.
  return `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && !plainKey.test(key)) out += quotedKey(key);
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "body" : out;
}

/** "string", "number", "array", "null", … — what a JSON value is, in words. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value); // NaN, Infinity
  return typeof value;
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function isNumericString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value));
}

function describeInvalidType(expected: string, input: unknown): string {
  if (input === undefined) return "required";
  if ((expected === "number" || expected === "int") && typeof input === "number") {
    if (!Number.isFinite(input)) return "must be a finite number";
  }
  if (expected === "int") {
    return typeof input === "number"
      ? "must be a whole number"
      : `expected a whole number, got ${typeName(input)}`;
  }
  // Type drift between models (§12.13) is the likeliest cause; say what the right form looks like.
  if (expected === "number" && isNumericString(input)) {
    return `expected a number like ${Number(input)}, got string`;
  }
  if (expected === "string" && typeof input === "number") {
    return `expected a string like "${input}", got number`;
  }
  if (expected === "boolean" && (input === "true" || input === "false")) {
    return `expected true or false, got string`;
  }
  return `expected ${withArticle(expected)}, got ${typeName(input)}`;
}

function describeInvalidValue(values: readonly unknown[], input: unknown): string {
  if (input === undefined) return "required";
  const allStrings = values.every((v) => typeof v === "string");
  if (allStrings && typeof input === "number") {
    return values.includes(String(input))
      ? `expected a string like "${input}", got number`
      : `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")} (as a string), got number`;
  }
  const list = values.map(String).join(", ");
  if (values.length === 1) return `must be ${list}`;
  if (typeof input === "string") {
    const sameIgnoringCase = values.find(
      (v) => typeof v === "string" && v.toLowerCase() === input.toLowerCase(),
    );
    // "1K" vs "1k", "768p" vs "768P": spelled differently per model (§12.13).
    if (sameIgnoringCase !== undefined) {
      return `must be one of ${list} (case matters: did you mean "${String(sameIgnoringCase)}"?)`;
    }
    return `must be one of ${list}`;
  }
  return `must be one of ${list}, got ${typeName(input)}`;
}

function describeTooSmall(issue: Extract<Issue, { code: "too_small" }>): string {
  const min = Number(issue.minimum);
  switch (issue.origin) {
    case "string":
      return min <= 1 ? "must not be empty" : `must be at least ${min} characters`;
    case "array":
    case "set":
      return min <= 1 ? "must not be empty" : `must have at least ${min} items`;
    default:
      return issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
  }
}

function describeTooBig(issue: Extract<Issue, { code: "too_big" }>): string {
  const max = Number(issue.maximum);
  const input = issue.input;
  switch (issue.origin) {
    case "string": {
      const got = typeof input === "string" ? ` (got ${textLength(input)})` : "";
      return `must be at most ${max} characters${got}`;
    }
    case "array":
    case "set": {
      const got = Array.isArray(input) ? ` (got ${input.length})` : "";
      return `must have at most ${max} items${got}`;
    }
    default:
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
  }
}

function describeUnion(issue: Extract<Issue, { code: "invalid_union" }>): string {
  // When every branch failed on the value's own type, list what would have been accepted.
  const expected: string[] = [];
  for (const branch of issue.errors) {
    const first = branch[0];
    if (branch.length !== 1 || first?.code !== "invalid_type" || first.path.length > 0) {
      return "does not match any accepted shape";
    }
    expected.push(first.expected);
  }
  if (issue.input === undefined) return "required";
  return `expected ${expected.map(withArticle).join(" or ")}, got ${typeName(issue.input)}`;
}

/** The message without its field prefix. Needs issues parsed with `reportInput: true`. */
export function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return describeInvalidType(issue.expected, issue.input);
    case "invalid_value":
      return describeInvalidValue(issue.values, issue.input);
    case "too_small":
      return describeTooSmall(issue);
    case "too_big":
      return describeTooBig(issue);
    case "invalid_format":
      return `must be a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "invalid_union":
      return describeUnion(issue);
    case "unrecognized_keys":
      // toFieldError names the first key as the field; this reads after it.
      return "unknown field";
    case "custom":
      return issue.message;
    default:
      return issue.message;
  }
}

function unknownKeyError(issue: Extract<Issue, { code: "unrecognized_keys" }>): FieldError {
  // Reported at the key itself ("seed", "dialogue[0].speaker"), not at the object holding it,
  // so the server can send it as `param` and a form can point at it.
  const field = fieldPath([...issue.path, issue.keys[0] ?? ""]);
  return { field, message: `${field}: unknown field` };
}

export function toFieldError(issue: Issue): FieldError {
  if (issue.code === "unrecognized_keys") return unknownKeyError(issue);
  const field = fieldPath(issue.path);
  const error: FieldError = { field, message: `${field}: ${describeIssue(issue)}` };
  const hint: unknown = issue.code === "custom" ? issue.params?.hint : undefined;
  if (typeof hint === "string") error.hint = hint;
  return error;
}

/** The first issue, as a field error: one clear thing to fix beats a list. */
export function firstFieldError(error: z.ZodError): FieldError {
  const issue = error.issues[0];
  return issue ? toFieldError(issue) : { field: "body", message: "body: invalid request" };
}
