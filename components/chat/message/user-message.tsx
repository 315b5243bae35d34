"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";

/** What the user wrote, exactly: whitespace kept, never read as Markdown or HTML. */
export function UserBubble({ content }: { content: string }) {
  return (
    <div className="bg-secondary text-secondary-foreground max-w-[85%] rounded-2xl rounded-br-md px-4 py-2.5 text-sm leading-relaxed [overflow-wrap:anywhere] whitespace-pre-wrap">
      {content}
    </div>
  );
}

/**
 * Editing an earlier question: Enter saves and sends it as a new version (the old one stays),
 * Shift+Enter breaks the line, Escape cancels.
 */
export function UserMessageEditor({
  initial,
  busy,
  onSave,
  onCancel,
}: {
  initial: string;
  busy: boolean;
  onSave: (content: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  const ready = text.trim() !== "" && !busy;
  const save = () => {
    if (ready) onSave(text);
  };
  return (
    <form
      className="flex w-full max-w-full flex-col gap-2 sm:max-w-[85%]"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      data-testid="edit-message"
    >
      <label htmlFor={id} className="sr-only">
        Edit your message
      </label>
      <Textarea
        id={id}
        value={text}
        autoFocus
        onFocus={(event) => {
          const end = event.currentTarget.value.length;
          event.currentTarget.setSelectionRange(end, end);
        }}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onCancel();
          } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            save();
          }
        }}
        className="max-h-[50vh] min-h-20 text-sm"
        aria-describedby={`${id}-hint`}
      />
      <div className="flex flex-wrap items-center justify-end gap-2">
        <p id={`${id}-hint`} className="text-muted-foreground mr-auto text-xs">
          {busy
            ? "You can send it when the current answer finishes."
            : "Sends as a new version; the current one stays."}
        </p>
        <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={!ready}>
          Save &amp; send
        </Button>
      </div>
    </form>
  );
}
