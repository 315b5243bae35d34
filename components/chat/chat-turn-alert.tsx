"use client";

import { ActionAlert } from "@/components/generate/submit-error-alert";
import { rateLimitText, type ChatErrorDescription } from "./describe-chat-error";

/** Why the last turn failed, with the one thing to do about it; above the composer. */
export function ChatTurnAlert({
  error,
  secondsLeft,
  onDismiss,
}: {
  error: ChatErrorDescription;
  secondsLeft: number;
  onDismiss: () => void;
}) {
  const message =
    error.retryAfterSeconds !== undefined ? rateLimitText(secondsLeft) : error.message;
  return (
    <ActionAlert
      message={message}
      action={error.action}
      onDismiss={onDismiss}
      testId="chat-error"
    />
  );
}
