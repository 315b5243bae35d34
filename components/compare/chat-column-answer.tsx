"use client";

import { JsonAnswerView } from "@/components/chat/message/json-answer-view";
import { ChatMarkdown } from "@/components/chat/message/chat-markdown";
import { Thoughts } from "@/components/chat/message/thoughts";
import { readJsonAnswer } from "@/lib/chat/json-answer";
import type { ComparisonAnswer } from "@/lib/schemas/compare";

/**
 * A chat column's answer, as the chat page shows one: thoughts folded above, then the text as
 * safe Markdown, or pretty-printed and checked JSON when the column asked for JSON.
 */
export function ChatColumnAnswer({
  answer,
  jsonMode,
}: {
  answer: ComparisonAnswer;
  jsonMode: boolean;
}) {
  const { content, reasoning } = answer;
  return (
    <div className="flex min-w-0 flex-col gap-3" data-testid="column-answer">
      {reasoning ? <Thoughts reasoning={reasoning} streaming={false} answerStarted /> : null}
      {content === "" ? (
        <p className="text-muted-foreground text-sm italic">The model sent an empty answer.</p>
      ) : jsonMode ? (
        <JsonAnswerView content={content} answer={readJsonAnswer(content)} />
      ) : (
        <ChatMarkdown text={content} unfinished={answer.status === "interrupted"} />
      )}
    </div>
  );
}
