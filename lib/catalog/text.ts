// The catalog's one rule for text: how a string's length is counted, which characters a string may
// hold, and the caps on fields whose size nobody published. Forms, our routes and the simulator
// all count and check through here, so a limit means the same number everywhere.
import { z } from "zod";

/**
 * Length as the upstream counts it: in UTF-16 code units. API in One runs on JavaScript Workers
 * (SPEC §1), whose `string.length` is what a "5000 characters" limit measures there. So an emoji
 * outside the BMP ("😀") counts 2, a ZWJ family emoji counts every part (👩‍👩‍👧 is 8), and a
 * combining mark counts on its own ("é" written as e + U+0301 counts 2; the precomposed é counts 1).
 */
export function textLength(text: string): number {
  return text.length;
}

/**
 * Sizes we enforce where the docs publish none, so no field takes unbounded input. Published
 * limits (prompt 5000, Suno title 80, …) live beside their field and win over these.
 */
export const caps = {
  /** Free text with no published limit (negative prompts, a dialogue line, MiniMax's prompt). */
  freeText: 5000,
  /** Every URL (the common practical limit of browsers and CDNs). */
  url: 2048,
  /** Opaque ids, such as a task id to upscale. */
  id: 256,
  /** A dialogue speaker's voice name. */
  voice: 100,
  /** A language tag: BCP 47 asks implementations to support at least 35 characters. */
  languageCode: 35,
  /** Short tokens on models whose values are undocumented (wan-2-6's aspect ratio, say). */
  token: 32,
  /** URL lists with no published maximum. */
  urlList: 20,
  /** Dialogue lines in one speech request. */
  dialogueLines: 100,
} as const;

/** Whether a field may span lines: prompts, lyrics, dialogue text, style. Names, URLs and codes may not. */
export type TextKind = "multiline" | "single-line";

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * What is wrong with a string's characters, in words that follow "field: ", or undefined when it
 * is fine. Refused everywhere: lone UTF-16 surrogates (text that is not well-formed Unicode, what
 * `String.prototype.isWellFormed` tests), NUL and the other C0 controls, DEL and the C1 controls.
 * Multi-line text may also hold tabs and line breaks (LF, or CR LF); a CR on its own is refused.
 */
export function textProblem(text: string, kind: TextKind): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid pair: one code point outside the BMP
        continue;
      }
      return `is not well-formed Unicode (lone surrogate ${hex(code)})`;
    }
    if (code >= 0x20 && code < 0x7f) continue;
    if (code > 0x9f) continue;
    const lineBreak = code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) === 0x0a);
    if (kind === "multiline" && (code === 0x09 || lineBreak)) {
      if (code === 0x0d) i++;
      continue;
    }
    if (kind === "single-line" && (code === 0x09 || code === 0x0a || code === 0x0d)) {
      return `must be a single line (contains ${code === 0x09 ? "a tab" : "a line break"}, ${hex(code)})`;
    }
    return `contains a control character (${hex(code)})`;
  }
  return undefined;
}

/**
 * Text from elsewhere (a model's answer) made to pass the multiline rule: CRLF and lone CR become
 * LF, lone surrogates become U+FFFD, other control characters (NUL, ESC, C1) are dropped; tabs and
 * line breaks stay. Valid text comes back unchanged.
 */
export function cleanText(text: string): string {
  if (textProblem(text, "multiline") === undefined) return text;
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

export interface TextOptions {
  kind: TextKind;
  /** Most characters, counted by `textLength`. Required: every string field has a cap. */
  max: number;
  min?: number;
  /** Refuse strings of only whitespace (they pass a length check but say nothing). */
  notBlank?: boolean;
}

/** The message for a string over or under its limits, or undefined. */
export function lengthProblem(
  text: string,
  min: number | undefined,
  max: number,
): string | undefined {
  const length = textLength(text);
  if (min !== undefined && length < min) {
    return min <= 1 ? "must not be empty" : `must be at least ${min} characters`;
  }
  if (length > max) return `must be at most ${max} characters (got ${length})`;
  return undefined;
}

/**
 * A string field: characters first (a control character is the clearer message), then length,
 * then blankness. One issue at most, so the first thing to fix is the only thing said.
 */
export function textSchema(options: TextOptions): z.ZodType<string> {
  const { kind, min, max } = options;
  return z.string().superRefine((text, ctx) => {
    const problem =
      textProblem(text, kind) ??
      lengthProblem(text, min, max) ??
      (options.notBlank && text.length > 0 && text.trim() === "" ? "must not be blank" : undefined);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem, input: text });
  });
}

export interface JsonLimits {
  /** Longest JSON text of the whole value, counted by `textLength`. */
  maxChars: number;
  /** Deepest nesting of arrays and objects. */
  maxDepth?: number;
}

interface JsonIssue {
  path: (string | number)[];
  message: string;
}

function jsonIssue(
  value: unknown,
  path: (string | number)[],
  depth: number,
  maxDepth: number,
): JsonIssue | undefined {
  if (value === null || typeof value === "boolean") return undefined;
  if (typeof value === "string") {
    const problem = textProblem(value, "multiline");
    return problem === undefined ? undefined : { path, message: problem };
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? undefined : { path, message: "must be a finite number" };
  }
  if (depth >= maxDepth) return { path, message: `is nested deeper than ${maxDepth} levels` };
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const issue = jsonIssue(item, [...path, i], depth + 1, maxDepth);
      if (issue) return issue;
    }
    return undefined;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key, "single-line");
      if (keyProblem !== undefined) return { path, message: `has a key that ${keyProblem}` };
      const issue = jsonIssue(item, [...path, key], depth + 1, maxDepth);
      if (issue) return issue;
    }
    return undefined;
  }
  return { path, message: `expected a JSON value, got ${typeof value}` };
}

/**
 * Adds the JSON rule to a schema for a value whose shape the docs leave open (Kling elements,
 * OpenAI extras): every string in it follows the multi-line text rule, every key the single-line
 * one, every number is finite, nesting is bounded and the whole is size-capped.
 */
export function withJsonLimits<T extends z.ZodType>(schema: T, limits: JsonLimits): T {
  const maxDepth = limits.maxDepth ?? 16;
  return schema.superRefine((value, ctx) => {
    const issue = jsonIssue(value, [], 0, maxDepth);
    if (issue) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message, input: value });
      return;
    }
    const length = textLength(JSON.stringify(value) ?? "");
    if (length > limits.maxChars) {
      ctx.addIssue({
        code: "custom",
        message: `must be at most ${limits.maxChars} characters as JSON (got ${length})`,
        input: value,
      });
    }
  });
}

/** Any JSON value under the JSON rule (see withJsonLimits). */
export function jsonValueSchema(limits: JsonLimits): z.ZodType<unknown> {
  return withJsonLimits(z.unknown(), limits);
}
