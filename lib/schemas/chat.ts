// Our chat contract (isomorphic): conversations kept on the server, their messages as a tree (an
// edited question starts a branch beside the old one), per-conversation settings, and the body of
// `POST /api/v1/chats/{id}/messages`, which answers with the upstream's SSE bytes as they arrive.
import { z } from "zod";
import { chatCaps } from "@/lib/catalog/chat";
import { textSchema, withJsonLimits } from "@/lib/catalog/text";

export const chatIdSchema = z.uuid("is not a chat id");
export const chatParamsSchema = z.object({ id: chatIdSchema });

/** An OpenAI function tool, as the upstream takes it in `tools`. */
export const chatToolSchema = z.object({
  type: z.literal("function"),
  function: z.object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "a function name is 1–64 letters, digits, _ or -"),
    description: textSchema({ kind: "multiline", max: chatCaps.description }).optional(),
    // Under the catalog's JSON rule, as the upstream body will be: a schema saved here is one
    // every later turn can send.
    parameters: withJsonLimits(z.record(z.string(), z.unknown()), {
      maxChars: chatCaps.json,
    }).optional(),
  }),
});
export type ChatTool = z.infer<typeof chatToolSchema>;

export const reasoningEfforts = ["low", "high"] as const;

/** What a conversation sends with every turn (SPEC §7); the model's own defaults otherwise. */
export const chatSettingsSchema = z.object({
  system_prompt: textSchema({ kind: "multiline", max: 20_000 }).default(""),
  reasoning_effort: z.enum(reasoningEfforts).default("high"),
  include_thoughts: z.boolean().default(true),
  /** Sent as `response_format: {type: "json_object"}`. */
  json_mode: z.boolean().default(false),
  tools: z.array(chatToolSchema).max(chatCaps.tools).default([]),
});
export type ChatSettings = z.infer<typeof chatSettingsSchema>;
export const defaultChatSettings: ChatSettings = chatSettingsSchema.parse({});

export const chatToolCallSchema = z.object({
  id: z.string(),
  type: z.literal("function"),
  function: z.object({ name: z.string(), arguments: z.string() }),
});
export type ChatToolCall = z.infer<typeof chatToolCallSchema>;

export const chatUsageSchema = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
});
export type ChatUsage = z.infer<typeof chatUsageSchema>;

/**
 * - `streaming`: the answer is arriving (another tab sees it grow).
 * - `complete`: the upstream finished it.
 * - `interrupted`: it stopped early: Stop, a reload or a closed tab, a server restart, or the
 *   upstream's stream breaking (then `error` says so). What had arrived is kept.
 * - `error`: the upstream refused or failed before answering (`error` says why).
 */
export const chatMessageStatuses = ["streaming", "complete", "interrupted", "error"] as const;
export type ChatMessageStatus = (typeof chatMessageStatuses)[number];

export const chatMessageRoles = ["user", "assistant", "tool"] as const;

export const chatMessageErrorSchema = z.object({
  type: z.string(),
  message: z.string(),
  source: z.enum(["studio", "upstream"]),
});

export const chatMessageSchema = z.object({
  id: z.uuid(),
  /** The message this one answers or follows; null for a conversation's first message. */
  parent_id: z.uuid().nullable(),
  role: z.enum(chatMessageRoles),
  /** Null on an assistant message that only calls tools. */
  content: z.string().nullable(),
  /** The model's thoughts, streamed apart from the answer. */
  reasoning: z.string().nullable(),
  tool_calls: z.array(chatToolCallSchema).nullable(),
  /** On a tool message: which call it answers. */
  tool_call_id: z.string().nullable(),
  status: z.enum(chatMessageStatuses),
  error: chatMessageErrorSchema.nullable(),
  finish_reason: z.string().nullable(),
  usage: chatUsageSchema.nullable(),
  credits: z.number().nullable(),
  /** From the request leaving to the last byte; null until it ends. */
  duration_ms: z.number().nullable(),
  /** From the request leaving to the first token of thoughts or answer. */
  first_token_ms: z.number().nullable(),
  /** The settings an assistant message was asked with (JSON mode: its content should parse). */
  json_mode: z.boolean(),
  created_at: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** A message with nothing known yet but where it sits: every other field empty. */
export function chatMessageOf(
  fields: Pick<ChatMessage, "id" | "parent_id" | "role" | "status" | "created_at"> &
    Partial<ChatMessage>,
): ChatMessage {
  return {
    content: null,
    reasoning: null,
    tool_calls: null,
    tool_call_id: null,
    error: null,
    finish_reason: null,
    usage: null,
    credits: null,
    duration_ms: null,
    first_token_ms: null,
    json_mode: false,
    ...fields,
  };
}

export const chatSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  message_count: z.number().int(),
  /** Credits of every answer in the conversation, all branches. */
  credits: z.number(),
});
export type ChatSummary = z.infer<typeof chatSummarySchema>;

/** `GET /api/v1/chats/{id}`: every message of every branch; the UI shows the active path. */
export const chatSchema = chatSummarySchema.extend({
  settings: chatSettingsSchema,
  /** The newest message of the branch on screen; null for an empty conversation. */
  active_leaf_id: z.uuid().nullable(),
  messages: z.array(chatMessageSchema),
});
export type Chat = z.infer<typeof chatSchema>;

export const chatListQuerySchema = z
  .object({
    q: textSchema({ kind: "single-line", max: 200 }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export const chatListReplySchema = z.object({
  chats: z.array(chatSummarySchema),
  next_cursor: z.string().nullable(),
});
export type ChatListReply = z.infer<typeof chatListReplySchema>;

export const chatTitleSchema = textSchema({ kind: "single-line", min: 1, max: 200 });

/** `POST /api/v1/chats`. */
export const chatCreateSchema = z
  .object({ title: chatTitleSchema.optional(), settings: chatSettingsSchema.optional() })
  .strict();

/** `PATCH /api/v1/chats/{id}`: rename, change settings, or switch to another branch. */
export const chatPatchSchema = z
  .object({
    title: chatTitleSchema.optional(),
    settings: chatSettingsSchema.optional(),
    active_leaf_id: z.uuid().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to change" });

export const chatDeleteReplySchema = z.object({ id: z.uuid(), deleted: z.literal(true) });

const newTurnSchema = z.discriminatedUnion("role", [
  z
    .object({
      role: z.literal("user"),
      content: textSchema({ kind: "multiline", min: 1, max: chatCaps.content }),
    })
    .strict(),
  z
    .object({
      role: z.literal("tool"),
      tool_call_id: z.string().min(1).max(chatCaps.id),
      content: textSchema({ kind: "multiline", max: chatCaps.content }),
    })
    .strict(),
]);

/**
 * `POST /api/v1/chats/{id}/messages`. With `message`: store it under `parent_id` (null = the first
 * message; the parent of an earlier question = an edit, a new branch beside it) and answer it.
 * Without: answer `parent_id` again (regenerate; the old answer stays as a branch).
 * The reply is the upstream's `text/event-stream`, byte for byte; the stored ids come in headers.
 */
export const chatTurnSchema = z
  .object({
    parent_id: z.uuid().nullable(),
    message: newTurnSchema.optional(),
  })
  .strict();
export type ChatTurn = z.infer<typeof chatTurnSchema>;

/** Headers of a turn's reply: the stored question (absent on regenerate) and the answer's row. */
export const chatTurnHeaders = {
  userMessageId: "X-Chat-Message-Id",
  assistantMessageId: "X-Chat-Answer-Id",
} as const;
