// A failed turn in words a person can act on, decided on the error's type and source (never its
// English message). Pure, so every case has a test.
import { settingsHref, topUpHref, type ErrorAction } from "@/components/generate/describe-error";
import type { ChatTurnFailure } from "./use-chat-turn";

export { settingsHref, topUpHref };

export interface ChatErrorDescription {
  message: string;
  action?: ErrorAction;
  /** 429: Send waits this long, counting down. */
  retryAfterSeconds?: number;
}

export function rateLimitText(secondsLeft: number | undefined): string {
  return secondsLeft && secondsLeft > 0
    ? `Too many requests — try again in ${Math.ceil(secondsLeft)} s.`
    : "Too many requests — try again in a moment.";
}

/** A server sentence fit to show after ours, or nothing when it is a dump (JSON, HTML). */
function detail(message: string): string {
  const text = message.trim();
  if (text === "" || /^[{[<]/.test(text)) return "";
  return ` ${text.length > 240 ? `${text.slice(0, 239)}…` : text}`;
}

function byType(
  type: string,
  source: "studio" | "upstream",
  message: string,
  status: number | null,
): ChatErrorDescription {
  switch (type) {
    case "insufficient_credits":
      return {
        message: "Your API in One account is out of credits.",
        action: { label: "Top up", href: topUpHref, external: true },
      };
    case "authentication_error":
      return source === "studio"
        ? {
            message: "Your session expired. Sign in again.",
            action: { label: "Sign in", href: "/login" },
          }
        : {
            message: "API in One rejected your API key.",
            action: { label: "Open Settings", href: settingsHref },
          };
    case "rate_limit":
      return { message: rateLimitText(undefined) };
    case "invalid_request":
      return { message: `The request was refused.${detail(message)}` };
    case "conflict":
      return {
        message:
          "An answer in this conversation is still arriving (in another tab or window). Wait for it to finish, or stop it there.",
      };
    case "not_found":
      return { message: "This conversation no longer exists. Start a new chat." };
    default:
      if (source === "upstream")
        return {
          message: `API in One had a problem${status ? ` (${status})` : ""}. Try again in a moment.`,
        };
      return {
        message: `The Studio server had a problem${status ? ` (${status})` : ""}. Try again in a moment.`,
      };
  }
}

export function describeChatError(failure: ChatTurnFailure): ChatErrorDescription {
  if (failure.kind === "network") {
    return {
      message:
        "The connection to the Studio broke. What arrived is kept; check your connection and try again.",
    };
  }
  if (failure.kind === "stream") {
    const { type, source, message } = failure.error;
    const described = byType(type, source, message, null);
    return type === "rate_limit" ||
      type === "insufficient_credits" ||
      type === "authentication_error"
      ? described
      : { ...described, message: `The answer stopped early. ${described.message}` };
  }
  const { error } = failure;
  const described = byType(error.type, error.source, error.message, error.status);
  if (error.type === "rate_limit" && error.retryAfterSeconds) {
    return { ...described, retryAfterSeconds: error.retryAfterSeconds };
  }
  return described;
}
