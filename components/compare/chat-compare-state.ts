// A chat comparison's setup as data: there is one chat model, so its columns differ by settings
// (system prompt, reasoning effort, thoughts, JSON mode, tools), each the chat page's own
// settings. Pure, so it is tested without a browser; the body is the chat page's own request.
import { chatModel, validateChatRequest } from "@/lib/catalog";
import { chatRequestBody } from "@/lib/chat/chat-request";
import { defaultChatSettings, type ChatSettings } from "@/lib/schemas/chat";
import { maxCompareColumns } from "@/lib/schemas/compare";
import { fieldMessage, type ColumnPrice, type ColumnProblem } from "./compare-state";

export interface ChatCompareColumn {
  /** Stable React key. */
  key: string;
  settings: ChatSettings;
}

let keyCounter = 0;
function newColumn(settings: ChatSettings): ChatCompareColumn {
  keyCounter += 1;
  return { key: `chat-column-${keyCounter}`, settings };
}

/** Two columns that differ where a first comparison is most telling: how hard the model thinks. */
export function initialChatColumns(): ChatCompareColumn[] {
  return [
    newColumn({ ...defaultChatSettings, reasoning_effort: "low" }),
    newColumn({ ...defaultChatSettings, reasoning_effort: "high" }),
  ];
}

/** Another column like the last one, to change one setting from there. */
export function addChatColumn(columns: ChatCompareColumn[]): ChatCompareColumn[] {
  if (columns.length >= maxCompareColumns) return columns;
  const last = columns.at(-1)?.settings ?? defaultChatSettings;
  return [...columns, newColumn(last)];
}

/**
 * The body a column sends: the chat page's request for a one-message conversation, answered as
 * one JSON body (the comparison shows each answer when it is whole).
 */
export function chatColumnBody(settings: ChatSettings, prompt: string): Record<string, unknown> {
  const body = chatRequestBody(settings, []);
  return {
    ...body,
    messages: [...body.messages, { role: "user", content: prompt }],
    stream: false,
  };
}

/** The first problem of each column, as the server would find it, in the form's words. */
export function validateChatSetup(
  columns: readonly ChatCompareColumn[],
  prompt: string,
): ColumnProblem[] {
  return columns.flatMap((column, i) => {
    const checked = validateChatRequest(chatColumnBody(column.settings, prompt));
    if (checked.ok) return [];
    // The shared message is the last one: its problem is the message box's, not the column's.
    const field = /^messages\[\d+\]\.content$/.test(checked.field) ? "prompt" : checked.field;
    return [{ column: i, field, message: fieldMessage(checked.field, checked.message) }];
  });
}

/** Chat is billed by the tokens used: each column shows the catalog's estimate, approximate. */
export function chatColumnPrice(): ColumnPrice {
  return { credits: chatModel.estimatedCredits, approximate: true };
}

/** What sets a column apart, in the settings panel's words: "Low effort · JSON · 2 tools". */
export function chatSettingsSummary(body: Record<string, unknown>): string {
  const parts: string[] = [];
  parts.push(body.reasoning_effort === "low" ? "Low effort" : "High effort");
  const messages = Array.isArray(body.messages) ? body.messages : [];
  if (messages.some((m) => (m as { role?: unknown }).role === "system"))
    parts.push("system prompt");
  if (body.include_thoughts === false) parts.push("no thinking");
  if ((body.response_format as { type?: unknown } | undefined)?.type === "json_object")
    parts.push("JSON");
  const tools = Array.isArray(body.tools) ? body.tools.length : 0;
  if (tools > 0) parts.push(tools === 1 ? "1 tool" : `${tools} tools`);
  return parts.join(" · ");
}
