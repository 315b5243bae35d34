"use client";

import { CircleCheckIcon, CircleXIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { JsonAnswer } from "@/lib/chat/json-answer";
import { ChatMarkdown } from "./chat-markdown";

/** `text` as one fenced code block, with a fence longer than any backtick run inside it. */
export function fenced(text: string, language: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * A JSON-mode answer: while it streams, the text as it arrives; then pretty-printed with a
 * verdict, or as sent with "Not valid JSON" when it does not parse.
 */
export function JsonAnswerView({
  content,
  answer,
}: {
  content: string;
  /** The checked answer; null while it streams (no verdict yet). */
  answer: JsonAnswer | null;
}) {
  const text = answer === null ? content : answer.valid ? answer.pretty : answer.text;
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      {answer === null ? null : answer.valid ? (
        <Badge
          variant="success"
          className="self-start"
          data-testid="json-verdict"
          data-valid="true"
        >
          <CircleCheckIcon aria-hidden /> Valid JSON
        </Badge>
      ) : (
        <Badge
          variant="destructive"
          className="self-start"
          data-testid="json-verdict"
          data-valid="false"
        >
          <CircleXIcon aria-hidden /> Not valid JSON
        </Badge>
      )}
      <ChatMarkdown
        text={fenced(text, answer?.valid === false ? "text" : "json")}
        streaming={answer === null}
        className="[&_[data-streamdown=code-block]]:my-0"
      />
    </div>
  );
}
