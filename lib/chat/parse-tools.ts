// A conversation's tools as the person types them: JSON text → OpenAI function tools, or the one
// thing to fix, in words, with its line. Checked against the same rules the upstream request is
// (validateChatRequest), so a list accepted here is never what makes a turn fail.
import { validateChatRequest } from "@/lib/catalog";
import { chatCaps } from "@/lib/catalog/chat";
import { describeIssue, fieldPath, typeName } from "@/lib/catalog/describe-issue";
import { chatToolSchema, type ChatTool } from "@/lib/schemas/chat";
import { checkJsonSyntax, lineAt } from "./json-syntax";

export type ParseToolsResult =
  | { ok: true; tools: ChatTool[] }
  | { ok: false; message: string; /** 1-based line to point at. */ line?: number };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Settings keep only these; anything else would vanish on save, so it is refused instead. */
const knownKeys = { tool: ["type", "function"], function: ["name", "description", "parameters"] };

function unknownKey(tool: Record<string, unknown>): string | undefined {
  const extra = Object.keys(tool).find((key) => !knownKeys.tool.includes(key));
  if (extra !== undefined)
    return `${fieldPath([extra])}: unknown field (a tool has "type" and "function")`;
  const fn = tool.function;
  if (!isObject(fn)) return undefined;
  const extraFn = Object.keys(fn).find((key) => !knownKeys.function.includes(key));
  return extraFn === undefined
    ? undefined
    : `${fieldPath(["function", extraFn])}: unknown field (a function has "name", "description" and "parameters")`;
}

/** What is wrong with one tool, or undefined. */
function toolProblem(item: unknown): string | undefined {
  if (!isObject(item)) {
    return `expected an object like { "type": "function", "function": { "name": … } }, got ${typeName(item)}`;
  }
  const parsed = chatToolSchema.safeParse(item, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return "is not a function tool";
    // The schema's own sentences ("a function name is 1–64 letters…") read best alone.
    const ownSentence =
      issue.code === "custom" || (issue.code === "invalid_format" && issue.format === "regex");
    if (ownSentence && issue.message.startsWith("a ")) return issue.message;
    return `${fieldPath(issue.path)}: ${describeIssue(issue)}`;
  }
  const extra = unknownKey(item);
  if (extra) return extra;
  const parameters = parsed.data.function.parameters;
  if (parameters !== undefined && parameters.type !== "object") {
    return `function.parameters: must be a JSON Schema object, with "type": "object"`;
  }
  // The request's own caps on a tool (strings, nesting and size of the schema).
  const request = validateChatRequest({
    model: "gemini",
    messages: [{ role: "user", content: "." }],
    tools: [parsed.data],
  });
  return request.ok ? undefined : request.message.replace(/^tools\[0\]\./, "");
}

/**
 * Blank text is no tools. Otherwise a JSON array of function tools with distinct names; the first
 * problem comes back as "Line 3: …" (the JSON itself) or "Tool 2: …" (one tool), with its line.
 */
export function parseTools(text: string): ParseToolsResult {
  if (text.trim() === "") return { ok: true, tools: [] };
  const syntax = checkJsonSyntax(text);
  if (!syntax.ok)
    return { ok: false, message: `Line ${syntax.line}: ${syntax.message}`, line: syntax.line };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: "This is not valid JSON." };
  }
  if (!Array.isArray(value)) {
    const oneTool = isObject(value) && "function" in value;
    return {
      ok: false,
      line: 1,
      message: oneTool
        ? "Tools are a list: put [ and ] around this tool."
        : `Tools are a JSON array of function tools, [ { "type": "function", … } ], not ${typeName(value) === "object" ? "an object" : `a ${typeName(value)}`}.`,
    };
  }
  if (value.length > chatCaps.tools) {
    return { ok: false, message: `At most ${chatCaps.tools} tools (this has ${value.length}).` };
  }
  const tools: ChatTool[] = [];
  const firstWithName = new Map<string, number>();
  for (const [i, item] of value.entries()) {
    const start = syntax.itemStarts[i];
    const line = start === undefined ? undefined : lineAt(text, start);
    const problem = toolProblem(item);
    if (problem) return { ok: false, message: `Tool ${i + 1}: ${problem}`, line };
    const tool = chatToolSchema.parse(item);
    const earlier = firstWithName.get(tool.function.name);
    if (earlier !== undefined) {
      return {
        ok: false,
        message: `Tool ${i + 1}: the name "${tool.function.name}" is already used by tool ${earlier}; each function needs its own name.`,
        line,
      };
    }
    firstWithName.set(tool.function.name, i + 1);
    tools.push(tool);
  }
  return { ok: true, tools };
}

/** Tools as the editor shows them: indented JSON, blank for none. */
export function formatTools(tools: readonly ChatTool[]): string {
  return tools.length === 0 ? "" : JSON.stringify(tools, null, 2);
}
