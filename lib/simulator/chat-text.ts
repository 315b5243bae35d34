// Deterministic "model" output for /chat/completions: reasoning, markdown answers that echo the
// question, JSON-mode objects and tool calls, all derived from the messages alone.
import { createRng, pick, seedFrom, type Rng } from "./hash";

export interface ToolCallPlan {
  id: string;
  name: string;
  arguments: string;
}

export interface ChatPlan {
  reasoning: string;
  content: string | null;
  toolCall: ToolCallPlan | null;
  finishReason: "stop" | "tool_calls";
  promptTokens: number;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Message content is a string, null, or OpenAI content parts ({type:"text", text}). */
export function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : ""))
    .filter(Boolean)
    .join("\n");
}

function messagesOf(body: Json): Json[] {
  return Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
}

/** Splits text into token-like pieces (a word and its trailing space) that join back exactly. */
export function tokenPieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Roughly 4 characters per token, as for English with the usual BPE tokenisers. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const markers = /\[sim:[^\]]*\]/gi;

function clean(text: string): string {
  return text.replace(markers, "").replace(/\s+/g, " ").trim();
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const openers = [
  "Good question.",
  "Here is a clear way to think about it.",
  "Short version first, details after.",
  "Let's break it down.",
] as const;
const pointTitles = [
  ["Start with the core idea", "Look at the moving parts", "Put it into practice"],
  ["What it is", "Why it matters", "How to use it"],
  ["The big picture", "The details that trip people up", "A practical next step"],
] as const;
const sentences = [
  "Everything else follows from this, so it is worth getting it right first.",
  "Most confusion comes from mixing up the goal with the mechanism.",
  "A small, concrete example usually makes the idea click.",
  "Check your assumptions against a real case before generalising.",
  "Keep the first version simple; you can refine it once it works.",
  "Measure before and after, so you know the change actually helped.",
  "Write down the trade-offs; they are easier to weigh on paper.",
  "If something feels complicated, it often hides two separate problems.",
] as const;

function markdownAnswer(rng: Rng, question: string): string {
  const topic = shorten(question || "your message", 90);
  const titles = pick(rng, pointTitles);
  const lines = [
    `${pick(rng, openers)} On **“${topic}”**:`,
    "",
    ...titles.map((title, i) => `${i + 1}. **${title}.** ${pick(rng, sentences)}`),
  ];
  if (/\b(code|function|script|typescript|javascript|python|example|api)\b/i.test(question)) {
    lines.push(
      "",
      "```ts",
      "// A minimal sketch",
      "async function ask(question: string): Promise<string> {",
      '  const res = await fetch("/api/v1/chat/completions", { method: "POST" });',
      '  return res.ok ? question : "try again";',
      "}",
      "```",
    );
  }
  lines.push("", `> ${pick(rng, sentences)}`);
  return lines.join("\n");
}

function reasoningFor(rng: Rng, question: string, effort: string): string {
  const topic = shorten(question || "the conversation", 80);
  const steps = [
    `The user is asking about "${topic}".`,
    "I should answer directly first, then give a few concrete points.",
    "A short example would make it easier to follow.",
    "Let me keep the structure simple: three numbered points and a closing tip.",
  ];
  return (
    (effort === "low" ? steps.slice(0, 2) : steps).join(" ") +
    (rng() < 0.5 ? "" : " Formatting in Markdown will help.")
  );
}

function jsonAnswer(rng: Rng, question: string): string {
  return JSON.stringify({
    question: shorten(question, 120),
    answer: pick(rng, sentences),
    key_points: [pick(rng, sentences), pick(rng, sentences)],
    confidence: Math.round((0.6 + rng() * 0.35) * 100) / 100,
  });
}

interface ToolSpec {
  name: string;
  description: string;
  parameters: Json;
}

function toolsOf(body: Json): ToolSpec[] {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  return tools.flatMap((tool) => {
    const fn = isRecord(tool) && isRecord(tool.function) ? tool.function : null;
    if (!fn || typeof fn.name !== "string") return [];
    return [
      {
        name: fn.name,
        description: typeof fn.description === "string" ? fn.description : "",
        parameters: isRecord(fn.parameters) ? fn.parameters : {},
      },
    ];
  });
}

const stopWords = new Set([
  "the",
  "and",
  "for",
  "what",
  "whats",
  "with",
  "this",
  "that",
  "from",
  "how",
  "you",
  "are",
  "get",
  "can",
  "please",
  "about",
  "into",
  "your",
]);

function words(text: string): Set<string> {
  return new Set(
    text
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .replace(/'/g, "")
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !stopWords.has(w)),
  );
}

/**
 * tool_choice "none" → no call; {function:{name}} → that tool; otherwise, when the last message
 * is from the user, the tool whose name/description shares the most words with it (ties and no
 * overlap → the first tool).
 */
function chooseTool(body: Json, tools: ToolSpec[], lastUserText: string): ToolSpec | null {
  const choice = body.tool_choice;
  if (choice === "none" || tools.length === 0) return null;
  if (isRecord(choice) && isRecord(choice.function) && typeof choice.function.name === "string") {
    const wanted = choice.function.name;
    return tools.find((t) => t.name === wanted) ?? null;
  }
  const asked = words(lastUserText);
  let best = tools[0] ?? null;
  let bestScore = 0;
  for (const tool of tools) {
    let score = 0;
    for (const w of words(`${tool.name} ${tool.description}`)) if (asked.has(w)) score++;
    if (score > bestScore) {
      best = tool;
      bestScore = score;
    }
  }
  return best;
}

const textKeys = /^(q|query|question|prompt|text|input|message|search|topic|content)$/i;

function argumentValue(name: string, schema: Json, question: string): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case "number":
    case "integer":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return {};
    default: {
      if (textKeys.test(name)) return shorten(question, 200);
      // A capitalised word is a fair guess for places, names and the like.
      const proper = question
        .match(/\b[A-Z][a-zA-Z]{2,}\b/g)
        ?.filter((w) => !/^(What|How|Why|When|Where|Who|Can|Please|The)$/.test(w));
      return proper?.at(-1) ?? shorten(question, 60);
    }
  }
}

function toolArguments(tool: ToolSpec, question: string): string {
  const properties = isRecord(tool.parameters.properties) ? tool.parameters.properties : {};
  const required = Array.isArray(tool.parameters.required)
    ? tool.parameters.required.filter((r): r is string => typeof r === "string")
    : Object.keys(properties);
  const args: Json = {};
  for (const name of required) {
    const schema = properties[name];
    args[name] = argumentValue(name, isRecord(schema) ? schema : {}, question);
  }
  return JSON.stringify(args);
}

export function planChat(body: Json): ChatPlan {
  const messages = messagesOf(body);
  const last = messages.at(-1);
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const question = clean(messageText(lastUser?.content));
  // Markers change how a reply is delivered, never its words: leave them out of the seed, so a
  // framed, cut or failing stream can be compared with the plain reply to the same question.
  const seed = seedFrom(
    JSON.stringify(messages.map((m) => [m.role, clean(messageText(m.content))])),
  );
  const rng = createRng(seed);
  const promptTokens = messages.reduce((n, m) => n + 4 + estimateTokens(messageText(m.content)), 0);
  const reasoning =
    body.include_thoughts === false
      ? ""
      : reasoningFor(rng, question, String(body.reasoning_effort ?? "high"));

  const tools = toolsOf(body);
  const tool = last?.role === "user" ? chooseTool(body, tools, question) : null;
  if (tool) {
    return {
      reasoning,
      content: null,
      toolCall: {
        id: `call_${seed.toString(16).padStart(8, "0")}`,
        name: tool.name,
        arguments: toolArguments(tool, question),
      },
      finishReason: "tool_calls",
      promptTokens,
    };
  }

  const format = isRecord(body.response_format) ? body.response_format.type : undefined;
  let content: string;
  if (format === "json_object" || format === "json_schema") content = jsonAnswer(rng, question);
  else if (last?.role === "tool") {
    const result = shorten(clean(messageText(last.content)), 160);
    content = `Based on the tool result (\`${result}\`), here is the answer to **${shorten(question, 80)}**: ${pick(rng, sentences)}`;
  } else content = markdownAnswer(rng, question);
  return { reasoning, content, toolCall: null, finishReason: "stop", promptTokens };
}
