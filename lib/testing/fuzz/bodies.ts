// Generated request bodies for the /api/v1 fuzz (fast-check) and the oracles that judge the
// answers: the catalog's validator with the Studio's public-URL policy, the body reader's limits.
import assert from "node:assert/strict";
import fc from "fast-check";
import { chatModelValues, chatRoles } from "../../catalog/chat";
import { modelsForRoute, publicUrlPolicy, validateRequest, type ModelEntry } from "../../catalog";
import { minimalBodies } from "../../catalog/test-bodies";
import { taskCreatedReplySchema } from "../../schemas/tasks";
import { maxJsonDepth } from "../../server/read-body";
import { expectError, expectErrorShape, taskRoutes, type Answer, type TaskRoute } from "./answers";

const oneMb = 1024 * 1024;

/** Characters that break naive handling: controls, lone surrogates, BiDi overrides, joiners. */
const edgeChars = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\b",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\u000b",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009f",
  "\u00a0",
  "\u00ad",
  "\u200b",
  "\u200d",
  "\u200e",
  "\u202e",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffd",
  "\uffff",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "😀",
  "👩‍👩‍👧",
  "🏳️‍🌈",
  "e\u0301",
  "\u0301",
  "ﷺ",
  "עברית",
  "العربية",
  "中文",
  "\\",
  '"',
  "'",
  "<",
  "&",
  "%00",
  "%F0",
  "../",
  "${x}",
  "{{x}}",
  " ",
];
export const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
// Any code point, surrogate halves included (String.fromCodePoint(0xd800) is a lone surrogate).
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
const unit = fc.oneof(
  { weight: 6, arbitrary: ascii },
  { weight: 2, arbitrary: anyCodePoint },
  { weight: 2, arbitrary: fc.constantFrom(...edgeChars) },
);
export const anyText = fc.string({ unit, maxLength: 24 });
/** Strings around the published limits (5,000 units, 2,500 emoji) and far past them. */
const hugeText = fc
  .tuple(
    fc.constantFrom(2, 3, 80, 81, 2500, 2501, 4999, 5000, 5001, 20_000, 150_000),
    fc.constantFrom("a", "😀", "é", " ", "\u0000"),
  )
  .map(([n, c]) => (c === "😀" ? c.repeat(Math.ceil(n / 2)) : c.repeat(n)));
export const text = fc.oneof(
  { weight: 12, arbitrary: anyText },
  { weight: 1, arbitrary: hugeText },
);

const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    1.5,
    3,
    5,
    10,
    15,
    16,
    100,
    2 ** 31,
    2 ** 32 - 1,
    2 ** 32,
    2 ** 53,
    2 ** 53 + 2,
    1e21,
    1e308,
    5e-324,
  ),
);

const goodUrls = [
  "https://cdn.example.com/in.png",
  "https://cdn.example.com/in.mp4",
  "https://example.org/a/b.jpg?x=1#y",
];
const badUrls = [
  "file:///etc/passwd",
  "gopher://example.com/1",
  "http://user:pass@example.com/a.png",
  "http://127.0.0.1/a.png",
  "http://localhost/a.png",
  "http://10.0.0.1/a.png",
  "http://192.168.1.1/a.png",
  "http://169.254.169.254/latest",
  "http://[::1]/a.png",
  "http://2130706433/a.png",
  "http://0x7f.1/",
  "http://[fe80::1]/",
  "http://intranet/a.png",
  "javascript:alert(1)",
  "https://",
  "//example.com/a.png",
  "https://exa mple.com/",
  `https://example.com/${"a".repeat(2100)}`,
];
const url = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...goodUrls) },
  { weight: 3, arbitrary: fc.constantFrom(...badUrls) },
  { weight: 1, arbitrary: anyText.map((t) => `https://example.com/${t}`) },
  { weight: 1, arbitrary: anyText.map((t) => `http://${t}/a.png`) },
);

/** Every field name the catalog knows, plus names that trip up object handling. */
const fieldNames = [
  ...new Set(
    taskRoutes.flatMap(({ route }) =>
      modelsForRoute(route).flatMap((m) => [
        ...m.fields.map((f) => f.name),
        ...m.urlFields.map((u) => u.name),
      ]),
    ),
  ),
  "model",
];
export const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...fieldNames) },
  { weight: 2, arbitrary: anyText },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "",
      " model",
      "MODEL",
      "toString",
    ),
  },
);

export const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    numbers,
    text,
    url,
    fc.array(tie("json"), { maxLength: 4 }),
    fc.dictionary(key, tie("json"), { maxKeys: 4 }),
  ),
}));

/** Values shaped for one catalog field: often valid (its options, bounds, URLs), sometimes not. */
function valueFor(entry: ModelEntry, name: string): fc.Arbitrary<unknown> {
  const field = entry.fields.find((f) => f.name === name);
  const control = field?.control;
  const near: fc.Arbitrary<unknown>[] = [json];
  switch (control?.kind) {
    case "select":
    case "aspect-ratio":
      near.push(
        fc.constantFrom(...control.options),
        fc.constantFrom(...control.options).map(String),
      );
      break;
    case "slider":
    case "number": {
      const min = control.min ?? 0;
      const max = control.max ?? 100;
      near.push(
        fc.constantFrom(min, max, min - 1, max + 1, (min + max) / 2),
        fc.integer({ min, max }),
      );
      break;
    }
    case "switch":
      near.push(fc.boolean(), fc.constantFrom("true", 1, 0));
      break;
    case "image-url":
    case "video-url":
      near.push(url, url);
      break;
    case "image-urls":
      near.push(fc.array(url, { maxLength: 4 }), fc.array(url, { maxLength: 4 }));
      break;
    case "prompt":
    case "text":
      near.push(
        text,
        fc.constantFrom("a red fox", "a fox runs", "la la la"),
        text.map((t) => `a red fox ${t}`),
      );
      break;
    case "dialogue":
      near.push(
        fc.array(
          fc.record(
            {
              text: fc.oneof(text, fc.constant("Hi.")),
              voice: fc.oneof(text, fc.constant("Rachel")),
            },
            { requiredKeys: ["text"] },
          ),
          { maxLength: 3 },
        ),
        fc.array(fc.dictionary(key, json, { maxKeys: 3 }), { maxLength: 2 }),
      );
      break;
    default:
      if (name === "callback_url") near.push(url, url);
  }
  return fc.oneof(...near);
}

type Mutation =
  | { kind: "delete"; field: string }
  | { kind: "set"; field: string; value: unknown }
  | { kind: "model"; value: unknown };

/** A valid minimal body of one of the route's models, with 0–3 mutations applied. */
function mutatedBody(route: TaskRoute): fc.Arbitrary<unknown> {
  const entries = modelsForRoute(route);
  return fc.constantFrom(...entries).chain((entry) => {
    const base = minimalBodies[entry.slug]!.body;
    const ownFields = [...entry.fields.map((f) => f.name), "callback_url"];
    const modelValues = entries.flatMap((m) => [
      ...m.modelValues,
      ...(m.modelAliases ?? []),
      m.slug,
    ]);
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.constantFrom(...Object.keys(base)).map((field): Mutation => ({ kind: "delete", field })),
      fc
        .constantFrom(...ownFields)
        .chain((field) =>
          valueFor(entry, field).map((value): Mutation => ({ kind: "set", field, value })),
        ),
      fc.tuple(key, json).map(([field, value]): Mutation => ({ kind: "set", field, value })),
      fc
        .oneof(fc.constantFrom(...modelValues, "FLUX-2", "", " flux-2", "imagen4 "), json)
        .map((value): Mutation => ({ kind: "model", value })),
    );
    return fc.array(mutation, { maxLength: 3 }).map((mutations) => {
      const body: Record<string, unknown> = structuredClone(base);
      for (const m of mutations) {
        if (m.kind === "delete") delete body[m.field];
        else if (m.kind === "model") body.model = m.value;
        else
          Object.defineProperty(body, m.field, {
            value: m.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return body;
    });
  });
}

/** Bodies as text: JSON of generated values, plus texts no JSON.stringify produces. */
export function bodyText(route: TaskRoute): fc.Arbitrary<string> {
  const valid = JSON.stringify(minimalBodies[modelsForRoute(route)[0]!.slug]!.body);
  return fc.oneof(
    { weight: 2, arbitrary: json.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 8, arbitrary: mutatedBody(route).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: oddTexts(valid) },
  );
}

/** Texts around a valid body that no JSON.stringify writes: deep nesting, duplicates, truncation. */
export function oddTexts(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    // Nesting around the depth limit and far past it, inside an otherwise valid body.
    fc
      .constantFrom(
        maxJsonDepth - 2,
        maxJsonDepth - 1,
        maxJsonDepth,
        maxJsonDepth + 1,
        1000,
        10_000,
      )
      .map((d) => `${valid.slice(0, -1)},"x":${"[".repeat(d)}${"]".repeat(d)}}`),
    // Duplicate keys, numbers JSON.stringify never writes, truncation, trailing garbage.
    fc.constantFrom(
      `${valid.slice(0, -1)},"model":"flux-2"}`,
      valid.replace(/^\{/, '{"seed":1e999,'),
      valid.replace(/^\{/, '{"seed":-0,'),
      valid.slice(0, -1),
      `${valid}x`,
      `${valid} ${valid}`,
      `[${valid}]`,
      "",
      " ",
    ),
  );
}

/**
 * Bodies for a route whose body one zod schema decides: `valid` itself, `valid` with one field
 * changed, records of its fields with near-valid values (any subset, or laid over `valid`,
 * sometimes with an extra key), any JSON, and the odd texts around `valid`.
 */
export function recordBodyText(
  fields: Record<string, fc.Arbitrary<unknown>>,
  valid: Record<string, unknown>,
): fc.Arbitrary<string> {
  const record = fc.record(fields, { requiredKeys: [] });
  // One field changed at a time: often still valid, so every run has accepted bodies too.
  const oneField = fc
    .constantFrom(...Object.keys(fields))
    .chain((k) => fields[k]!.map((v) => JSON.stringify({ ...valid, [k]: v })));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(JSON.stringify(valid)) },
    { weight: 3, arbitrary: oneField },
    { weight: 2, arbitrary: json.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 3, arbitrary: record.map((v) => JSON.stringify(v)) },
    { weight: 4, arbitrary: record.map((v) => JSON.stringify({ ...valid, ...v })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(record, key, json)
        .map(([v, k, extra]) => JSON.stringify({ ...valid, ...v, [k]: extra })),
    },
    { weight: 1, arbitrary: oddTexts(JSON.stringify(valid)) },
  );
}

/** A value that is often `good` and otherwise any JSON. */
export const near = (...good: fc.Arbitrary<unknown>[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.oneof(...good) }, { weight: 1, arbitrary: json });

// Oracles: what the Studio must answer, decided by the same catalog and schemas it uses.

/** Deepest nesting of a JSON text, counted the way a streaming reader sees brackets. */
function textDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}

export type Expected = { status: 200 | 201 } | { status: 400 | 413; param: string | null };

/** What reading a JSON body does before any route looks at it; undefined when it parses. */
export function bodyProblem(
  source: string,
  /** The route's body limit: 1 MB, 4 MB on the chat routes (chatBodyLimitBytes). */
  limitBytes = oneMb,
): { expected: Expected } | { value: unknown } {
  if (Buffer.byteLength(source) > limitBytes) return { expected: { status: 413, param: "body" } };
  if (source.trim() === "" || textDepth(source) > maxJsonDepth) {
    return { expected: { status: 400, param: "body" } };
  }
  try {
    return { value: JSON.parse(source) as unknown };
  } catch {
    return { expected: { status: 400, param: "body" } };
  }
}

/** The catalog decides, with the Studio's public-URL policy (no PUBLIC_URL in the e2e setup). */
export function expectedForTask(route: TaskRoute, source: string): Expected {
  const read = bodyProblem(source);
  if ("expected" in read) return read.expected;
  const checked = validateRequest(route, read.value, { urlPolicy: publicUrlPolicy() });
  return checked.ok ? { status: 200 } : { status: 400, param: checked.field };
}

/**
 * A task route's answer to `source`: created (200 with a task) exactly when the catalog accepts
 * it, otherwise refused naming the field, nothing charged. True when it was a creation.
 */
export function checkTaskAnswer(
  route: TaskRoute,
  source: string,
  answer: Answer,
  what: string,
): boolean {
  const expected = expectedForTask(route, source);
  if (!("param" in expected)) {
    assert.equal(answer.status, 200, `${what} → ${answer.text.slice(0, 300)}`);
    taskCreatedReplySchema.parse(answer.json);
    return true;
  }
  expectError(
    answer,
    {
      status: expected.status,
      type: "invalid_request",
      param: expected.param,
      source: "studio",
      charged: false,
    },
    what,
  );
  return false;
}

/** Never a 5xx; every non-2xx in the one error shape. */
export function baseline(answer: Answer, what: string): void {
  assert.ok(answer.status < 500, `${what} → ${answer.status} ${answer.text.slice(0, 300)}`);
  if (answer.status >= 300) expectErrorShape(answer, what);
}

export function describeBody(source: string): string {
  return source.length > 300 ? `${source.slice(0, 300)}… (${source.length} chars)` : source;
}

export const goodChatTool = {
  type: "function",
  function: {
    name: "lookup_weather",
    description: "The weather in a city",
    parameters: { type: "object", properties: { city: { type: "string" } } },
  },
};
const toolCall = {
  id: "call_1",
  type: "function",
  function: { name: "lookup_weather", arguments: "{}" },
};

/** One chat message: usually shaped like OpenAI's, with near-valid roles, contents and tool parts. */
const chatMessage = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      role: fc.constantFrom("user", "system", "developer"),
      content: fc.oneof(fc.constantFrom("Hello", "What is 2+2?"), text),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        role: near(fc.constantFrom(...chatRoles, "bot", "", "USER")),
        content: fc.oneof(text, fc.constant(null), json),
        tool_call_id: near(fc.constantFrom("call_1", "")),
        name: near(fc.constantFrom("lookup_weather")),
        tool_calls: near(fc.constant([toolCall]), fc.constant([])),
      },
      { requiredKeys: [] },
    ),
  },
);

/** POST /chat/completions bodies, around `{model, messages}` and every field the schema names. */
export function chatBodyText(): fc.Arbitrary<string> {
  return recordBodyText(
    {
      model: near(fc.constantFrom(...chatModelValues, "gpt-4o", "GEMINI", "")),
      messages: near(fc.array(chatMessage, { maxLength: 3 })),
      stream: near(fc.boolean()),
      include_thoughts: near(fc.boolean()),
      reasoning_effort: near(fc.constantFrom("low", "high", "medium")),
      temperature: near(fc.constantFrom(0, 0.7, 2, 2.5, -1), fc.double()),
      max_tokens: near(fc.integer({ min: -2, max: 200 })),
      tools: near(fc.constant([goodChatTool]), fc.array(json, { maxLength: 2 })),
      tool_choice: near(
        fc.constantFrom("none", "auto", "required", "sometimes"),
        fc.constant({ type: "function", function: { name: "lookup_weather" } }),
      ),
      response_format: near(
        fc.constantFrom({ type: "text" }, { type: "json_object" }, { type: "xml" }),
      ),
    },
    { model: "gemini", messages: [{ role: "user", content: "Hello" }] },
  );
}
