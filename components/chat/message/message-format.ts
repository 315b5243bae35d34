// Words and numbers a message shows: its stats line, and a failure the reader can act on.
import { formatCount, formatCredits } from "@/lib/utils/format";
import type { ChatMessage } from "@/lib/schemas/chat";

/** "850 ms", "2.4 s", "1 min 5 s". */
export function formatMs(ms: number): string {
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export interface MessageStat {
  kind: "tokens" | "credits" | "duration" | "first-token";
  text: string;
}

/** The stats of a finished answer, each a short phrase; absent numbers are left out. */
export function messageStats(
  message: Pick<ChatMessage, "usage" | "credits" | "duration_ms" | "first_token_ms">,
): MessageStat[] {
  const stats: MessageStat[] = [];
  if (message.usage) {
    const { prompt_tokens: input, completion_tokens: output } = message.usage;
    stats.push({
      kind: "tokens",
      text: `${formatCount(input)} in / ${formatCount(output)} out tokens`,
    });
  }
  if (message.credits !== null) {
    stats.push({ kind: "credits", text: formatCredits(message.credits) });
  }
  if (message.duration_ms !== null) {
    stats.push({ kind: "duration", text: formatMs(message.duration_ms) });
  }
  if (message.first_token_ms !== null) {
    stats.push({ kind: "first-token", text: `first token ${formatMs(message.first_token_ms)}` });
  }
  return stats;
}

/** A heading for a failed answer, chosen by the error's type (never by its English message). */
export function errorTitle(type: string | undefined): string {
  switch (type) {
    case "authentication_error":
      return "The API in One key was refused";
    case "insufficient_credits":
      return "Not enough credits";
    case "rate_limit":
      return "Too many requests right now";
    case "invalid_request":
      return "The request was not accepted";
    case "not_found":
      return "Not found";
    default:
      return "The answer failed";
  }
}

/**
 * An error message fit to show: its first paragraph, without a stack trace ("    at fn (file:1)")
 * or an overlong dump, so a server's internals never reach the page.
 */
export function readableErrorMessage(message: string | undefined): string | null {
  if (!message) return null;
  const lines: string[] = [];
  for (const line of message.split(/\r?\n/)) {
    if (/^\s+at\s/.test(line) || /^\s*$/.test(line)) break;
    lines.push(line.trim());
  }
  const text = lines.join(" ").trim();
  if (text === "") return null;
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}
