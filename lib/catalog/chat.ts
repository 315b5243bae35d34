// Gemini on POST /chat/completions (SPEC §0, §7): OpenAI-compatible and never a task, so it is
// described apart from the task models, with its own request schema.
import { z } from "zod";
import { modelValueSchema } from "./define-model";
import { firstFieldError, typeName, type FieldError } from "./describe-issue";
import { chatCreditsEstimate } from "./prices";
import { jsonValueSchema, textSchema, withJsonLimits } from "./text";
import type { FieldInfo } from "./types";

export const chatPath = "/chat/completions";

/** "gemini" is the documented value; replies may echo "gemini-3-flash" (§12.3), so accept it back. */
export const chatModelValues = ["gemini", "gemini-3-flash"] as const;

export const chatRoles = ["system", "developer", "user", "assistant", "tool"] as const;
export type ChatRole = (typeof chatRoles)[number];

export interface ChatModelInfo {
  slug: string;
  label: string;
  provider: string;
  path: string;
  modelValues: readonly string[];
  contextTokens: number;
  typicalSeconds: readonly [number, number];
  /** Credits shown before a call; the reply's `credits_consumed` is the real charge. */
  estimatedCredits: number;
  estimateUncertain: boolean;
  /** Request options in form order. `tools` is JSON text in a form; `response_format` is its `type`. */
  fields: readonly FieldInfo[];
}

export const chatModel: ChatModelInfo = {
  slug: "gemini",
  label: "Gemini",
  provider: "Google",
  path: chatPath,
  modelValues: chatModelValues,
  contextTokens: 128_000,
  typicalSeconds: [1, 5],
  estimatedCredits: chatCreditsEstimate.rule({}) ?? 0,
  estimateUncertain: chatCreditsEstimate.uncertain ?? false,
  fields: [
    {
      name: "stream",
      label: "Stream",
      required: false,
      default: true,
      help: "Server-sent events. The upstream default is on; we always send it explicitly.",
      control: { kind: "switch" },
    },
    {
      name: "include_thoughts",
      label: "Show thinking",
      required: false,
      default: true,
      control: { kind: "switch" },
    },
    {
      name: "reasoning_effort",
      label: "Reasoning effort",
      required: false,
      default: "high",
      control: { kind: "select", options: ["low", "high"] },
    },
    {
      name: "temperature",
      label: "Temperature",
      required: false,
      default: 0.7,
      help: "Documented on older pages only.",
      uncertain: true,
      control: { kind: "slider", min: 0, max: 2, step: 0.1 },
    },
    {
      name: "max_tokens",
      label: "Max tokens",
      required: false,
      default: 4096,
      help: "Documented on older pages only.",
      uncertain: true,
      control: { kind: "number", min: 1, integer: true },
    },
    {
      name: "response_format",
      label: "Response format",
      required: false,
      help: 'Sent as { "type": <choice> }; json_object asks for a JSON reply.',
      control: { kind: "select", options: ["text", "json_object"] },
    },
    {
      name: "tools",
      label: "Tools",
      required: false,
      help: "A JSON array of OpenAI function tools.",
      control: { kind: "text" },
    },
  ],
};

/**
 * Sizes for chat bodies. None is published; these are ours, generous enough for any conversation
 * that fits the 128K-token context (about 4 characters a token) and OpenAI's own tool limits.
 */
export const chatCaps = {
  messages: 1000,
  /** One message's text, counted by `textLength`. */
  content: 512_000,
  /** A message author's or a function's name (OpenAI allows 64). */
  name: 64,
  /** Tool call ids. */
  id: 256,
  /** Tool calls in one assistant message, and tools in one request (OpenAI allows 128). */
  tools: 128,
  /** A function's description. */
  description: 10_000,
  /** A tool call's JSON arguments, as text. */
  arguments: 100_000,
  /** A function's parameters schema, or any other JSON value, as JSON text. */
  json: 100_000,
} as const;

const line = (max: number, min?: number) => textSchema({ kind: "single-line", min, max });
const text = (max: number) => textSchema({ kind: "multiline", max });

/**
 * Fields OpenAI clients send that we do not list (top_p, stop, stream_options, …) are kept, but
 * still under the JSON rule: strings well-formed and free of control characters, size capped.
 */
const extraField = jsonValueSchema({ maxChars: chatCaps.json });

const toolCallSchema = z
  .object({
    id: line(chatCaps.id),
    type: z.literal("function"),
    function: z
      .object({ name: line(chatCaps.name, 1), arguments: text(chatCaps.arguments) })
      .catchall(extraField),
  })
  .catchall(extraField);

const chatMessageRequestSchema = z
  .object({
    role: z.enum(chatRoles),
    content: text(chatCaps.content).nullable().optional(),
    name: line(chatCaps.name).optional(),
    tool_call_id: line(chatCaps.id).optional(),
    tool_calls: z.array(toolCallSchema).max(chatCaps.tools).optional(),
  })
  .catchall(extraField)
  .superRefine((message, ctx) => {
    const callsTools = message.role === "assistant" && (message.tool_calls?.length ?? 0) > 0;
    if (typeof message.content !== "string" && !callsTools) {
      ctx.addIssue({
        code: "custom",
        path: ["content"],
        message:
          message.content === null
            ? "may be null only on an assistant message with tool_calls"
            : "required",
      });
    }
    if (message.role === "tool" && !message.tool_call_id) {
      ctx.addIssue({
        code: "custom",
        path: ["tool_call_id"],
        message: "required on a tool message",
      });
    }
  });

const functionToolSchema = z
  .object({
    type: z.literal("function"),
    function: z
      .object({
        name: line(chatCaps.name, 1),
        description: text(chatCaps.description).optional(),
        parameters: withJsonLimits(z.record(z.string(), z.unknown()), {
          maxChars: chatCaps.json,
        }).optional(),
      })
      .catchall(extraField),
  })
  .catchall(extraField);

/**
 * POST /chat/completions body. Open like OpenAI's: fields we do not list are accepted (under the
 * JSON rule), while every text field we do list follows the catalog's text rule and caps.
 */
export const chatRequestSchema = z
  .object({
    model: modelValueSchema(chatModelValues, chatPath),
    messages: z.array(chatMessageRequestSchema).min(1).max(chatCaps.messages),
    stream: z.boolean().optional(),
    include_thoughts: z.boolean().optional(),
    reasoning_effort: z.enum(["low", "high"]).optional(),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().min(1).optional(),
    tools: z.array(functionToolSchema).max(chatCaps.tools).optional(),
    tool_choice: z
      .union([
        z.enum(["none", "auto", "required"]),
        z
          .object({
            type: z.literal("function"),
            function: z.object({ name: line(chatCaps.name, 1) }).catchall(extraField),
          })
          .catchall(extraField),
      ])
      .optional(),
    response_format: z
      .object({ type: z.enum(["text", "json_object", "json_schema"]) })
      .catchall(extraField)
      .optional(),
  })
  .catchall(extraField);
export type ChatRequest = z.infer<typeof chatRequestSchema>;

export type ChatValidationResult = { ok: true; body: ChatRequest } | ({ ok: false } & FieldError);

/** Same message style as `validateRequest`; the body comes back as sent. */
export function validateChatRequest(body: unknown): ChatValidationResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return {
      ok: false,
      field: "body",
      message: `body: expected a JSON object, got ${typeName(body)}`,
    };
  }
  const parsed = chatRequestSchema.safeParse(body, { reportInput: true });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, ...firstFieldError(parsed.error) };
}
