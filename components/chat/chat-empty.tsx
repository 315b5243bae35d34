import { MessageSquareDashedIcon, MessagesSquareIcon, RotateCwIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export const examplePrompts = [
  "Explain server-sent events in three sentences",
  "Write a TypeScript function that retries a fetch with backoff",
  "Compare Postgres and SQLite for a small web app",
  "Give me a JSON object describing a fictional city",
] as const;

/** A conversation with nothing in it yet: what to ask, in one click (the text lands in the box). */
export function ChatWelcome({ onPick }: { onPick: (prompt: string) => void }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-6 px-4 py-10">
      <EmptyState
        icon={<MessagesSquareIcon />}
        title="Start a conversation"
        heading="h2"
        data-testid="chat-welcome"
      >
        Gemini answers token by token, with its thoughts apart. Conversations are kept on this
        server, only for you.
      </EmptyState>
      <ul className="grid w-full max-w-2xl gap-2 sm:grid-cols-2" aria-label="Example prompts">
        {examplePrompts.map((prompt) => (
          <li key={prompt}>
            <button
              type="button"
              onClick={() => onPick(prompt)}
              className="bg-card hover:bg-accent focus-visible:ring-ring/50 h-full w-full rounded-lg border px-3.5 py-3 text-left text-sm shadow-xs transition-colors outline-none focus-visible:ring-[3px]"
              data-testid="chat-example"
            >
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** An id that names no conversation of this user (deleted, mistyped, or someone else's). */
export function ChatNotFound({ onNewChat }: { onNewChat: () => void }) {
  return (
    <EmptyState
      className="flex-1 px-4 py-16"
      size="lg"
      heading="h2"
      icon={<MessageSquareDashedIcon />}
      title="Conversation not found"
      data-testid="chat-not-found"
      actions={<Button onClick={onNewChat}>Start a new chat</Button>}
    >
      It may have been deleted, or the link is wrong.
    </EmptyState>
  );
}

/** The conversation could not be read (the server or the network failed). */
export function ChatLoadError({ onRetry }: { onRetry: () => void }) {
  return (
    <EmptyState
      className="flex-1 px-4 py-16"
      heading="h2"
      icon={<RotateCwIcon />}
      title="Could not load this conversation"
      data-testid="chat-load-error"
      actions={
        <Button variant="outline" onClick={onRetry}>
          Try again
        </Button>
      }
    >
      The Studio server did not answer. Nothing was lost.
    </EmptyState>
  );
}
