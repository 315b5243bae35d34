// A conversation's next turn as a program that streams the answer to the terminal: curl, or the
// official `openai` package in TypeScript or Python, against API in One or this Studio. The body
// is exactly what the Studio sends (chatRequestBody), so the copy answers like the page does.
import type { ChatRequestBody } from "@/lib/chat/chat-request";
import { type ApiTarget, normalizedBase } from "./api-target";
import { jsonScalar, toLiteral } from "./literal";
import { shellQuote } from "./to-curl";
import { pythonStyle } from "./to-python";
import { typescriptStyle } from "./to-typescript";

export const chatCodeLanguages = [
  { id: "curl", label: "curl" },
  { id: "typescript", label: "TypeScript" },
  { id: "python", label: "Python" },
] as const;
export type ChatCodeLanguage = (typeof chatCodeLanguages)[number]["id"];

/** Body fields the OpenAI SDKs do not type: they go through each SDK's escape hatch. */
const geminiOnly = ["include_thoughts"] as const;

function splitBody(body: ChatRequestBody) {
  const standard: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    ((geminiOnly as readonly string[]).includes(key) ? extra : standard)[key] = value;
  }
  return { standard, extra };
}

/** `-N`: print each event as it arrives instead of when curl's buffer fills. */
function curlCode(body: ChatRequestBody, target: ApiTarget): string {
  return [
    `BASE=\${${target.baseUrlVariable}:-${shellQuote(normalizedBase(target))}}`,
    `curl -N "$BASE/chat/completions" \\`,
    // Double quotes so the shell substitutes the key from the environment.
    `  -H "Authorization: Bearer $${target.keyVariable}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(body, null, 2))}`,
  ].join("\n");
}

/**
 * An ES module for Node 18+ with `npm install openai`. The untyped Gemini fields are spread in
 * from their own object: the SDK sends every field it is given, and a spread escapes the
 * excess-property check that would refuse them written inline.
 */
function typescriptCode(body: ChatRequestBody, target: ApiTarget): string {
  const { standard, extra } = splitBody(body);
  const params = toLiteral(standard, typescriptStyle, 0).split("\n").slice(1, -1);
  const lines = [
    `import OpenAI from "openai";`,
    ``,
    `const client = new OpenAI({`,
    `  baseURL: process.env.${target.baseUrlVariable} ?? ${jsonScalar(normalizedBase(target))},`,
    `  apiKey: process.env.${target.keyVariable},`,
    `});`,
    ``,
    `// Gemini options the openai package has no types for; it sends them as they are.`,
    `const gemini = ${toLiteral(extra, typescriptStyle, 0)};`,
    ``,
    `const stream = await client.chat.completions.create({`,
    ...params,
    `  ...gemini,`,
    `});`,
    `for await (const chunk of stream) {`,
    `  // Keep-alive events some upstreams send carry no choices.`,
    `  const delta = chunk.choices?.[0]?.delta;`,
    `  process.stdout.write(delta?.content ?? "");`,
  ];
  if (body.tools) {
    lines.push(
      `  // A tool call streams as its name, then its JSON arguments in pieces.`,
      `  for (const call of delta?.tool_calls ?? []) {`,
      `    process.stdout.write((call.function?.name ?? "") + (call.function?.arguments ?? ""));`,
      `  }`,
    );
  }
  lines.push(`}`, `process.stdout.write("\\n");`);
  return lines.join("\n");
}

/** Python 3 with `pip install openai`; the untyped fields go in `extra_body`. */
function pythonCode(body: ChatRequestBody, target: ApiTarget): string {
  const { standard, extra } = splitBody(body);
  const args = Object.entries(standard).map(
    ([key, value]) => `    ${key}=${toLiteral(value, pythonStyle, 1)},`,
  );
  const lines = [
    `import os`,
    ``,
    `from openai import OpenAI`,
    ``,
    `client = OpenAI(`,
    `    base_url=os.environ.get(${JSON.stringify(target.baseUrlVariable)}, ${JSON.stringify(normalizedBase(target))}),`,
    `    api_key=os.environ[${JSON.stringify(target.keyVariable)}],`,
    `)`,
    ``,
    `stream = client.chat.completions.create(`,
    ...args,
    `    # Gemini options the openai package does not list: sent as they are.`,
    `    extra_body=${toLiteral(extra, pythonStyle, 1)},`,
    `)`,
    `for chunk in stream:`,
    `    if not chunk.choices:`,
    `        continue`,
    `    delta = chunk.choices[0].delta`,
    `    print(delta.content or "", end="", flush=True)`,
  ];
  if (body.tools) {
    lines.push(
      `    # A tool call streams as its name, then its JSON arguments in pieces.`,
      `    for call in delta.tool_calls or []:`,
      `        if call.function:`,
      `            print((call.function.name or "") + (call.function.arguments or ""), end="", flush=True)`,
    );
  }
  lines.push(`print()`);
  return lines.join("\n");
}

export function chatCode(lang: ChatCodeLanguage, body: ChatRequestBody, target: ApiTarget): string {
  switch (lang) {
    case "curl":
      return curlCode(body, target);
    case "typescript":
      return typescriptCode(body, target);
    case "python":
      return pythonCode(body, target);
  }
}
