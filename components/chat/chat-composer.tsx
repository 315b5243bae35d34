"use client";

import { ArrowUpIcon, SquareIcon } from "lucide-react";
import { useLayoutEffect, useId } from "react";
import { Button } from "@/components/ui/button";
import { chatModel } from "@/lib/catalog/chat";
import { cn } from "@/lib/utils/cn";

/** The tallest the box grows before it scrolls (about ten lines). */
const maxHeightPx = 240;

function estimateText(): string {
  const credits = chatModel.estimatedCredits;
  const unit = credits === 1 ? "credit" : "credits";
  return chatModel.estimateUncertain
    ? `≈ ${credits} ${unit}, settled by tokens`
    : `${credits} ${unit}`;
}

/**
 * The message box: grows with its text, Enter sends and Shift+Enter breaks the line (an IME
 * composing a character keeps its Enter), Stop while an answer streams. When Send cannot be used
 * the reason is written beside it, and read with the button.
 */
export function ChatComposer({
  value,
  onChange,
  onSend,
  onStop,
  streaming,
  disabledReason,
  textareaRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  /** A turn is on its way: the button is Stop. */
  streaming: boolean;
  /** Why Send cannot be used now; null when it can. */
  disabledReason: string | null;
  textareaRef: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const reasonId = useId();
  const inputId = useId();
  const canSend = disabledReason === null && value.trim() !== "";

  // Grow with the text (field-sizing is not in every browser yet).
  useLayoutEffect(() => {
    const box = textareaRef.current;
    if (!box) return;
    box.style.height = "auto";
    box.style.height = `${Math.min(box.scrollHeight, maxHeightPx)}px`;
  }, [value, textareaRef]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229: Safari reports the Enter that ends an IME composition this way.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    if (event.keyCode === 229) return;
    event.preventDefault();
    if (canSend && !streaming) onSend();
  };

  return (
    <form
      aria-label="Message composer"
      data-testid="chat-composer"
      className="bg-card focus-within:border-ring focus-within:ring-ring/50 rounded-xl border shadow-xs transition-[box-shadow] focus-within:ring-[3px]"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend && !streaming) onSend();
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        Message
      </label>
      <textarea
        id={inputId}
        ref={textareaRef}
        rows={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder="Ask Gemini anything…"
        aria-describedby={reasonId}
        data-testid="chat-input"
        className="placeholder:text-muted-foreground block max-h-60 min-h-12 w-full resize-none overflow-y-auto bg-transparent px-3.5 pt-3 pb-1 text-base outline-none sm:text-sm"
      />
      <div className="flex items-center gap-2 px-2 pb-2 pl-3.5">
        <p
          id={reasonId}
          className={cn(
            "min-w-0 flex-1 truncate text-xs",
            disabledReason && !streaming ? "text-foreground" : "text-muted-foreground",
          )}
          data-testid="composer-note"
        >
          {streaming
            ? "Answering… Stop keeps what has arrived."
            : (disabledReason ?? (
                <>
                  <span className="hidden sm:inline">
                    Enter to send, Shift+Enter for a new line ·{" "}
                  </span>
                  <span data-testid="chat-estimate">{estimateText()}</span>
                </>
              ))}
        </p>
        {streaming ? (
          <Button
            type="button"
            size="sm"
            variant="outline"
            onClick={onStop}
            data-testid="chat-stop"
            className="h-8"
          >
            <SquareIcon className="fill-current" aria-hidden />
            Stop
          </Button>
        ) : (
          <Button
            type="submit"
            size="sm"
            disabled={!canSend}
            data-testid="chat-send"
            className="h-8"
          >
            <ArrowUpIcon aria-hidden />
            Send
          </Button>
        )}
      </div>
    </form>
  );
}
