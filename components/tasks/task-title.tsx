"use client";

import { CheckIcon, PencilIcon, XIcon } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { maxTaskTitleLength } from "@/lib/schemas/tasks";
import { cleanTitle } from "./patch-errors";

/**
 * The page's heading, renamed in place: Enter (or ✓) saves, Escape (or ✕) cancels; an empty name
 * goes back to the prompt. Focus returns to the Rename button either way; after a failed save it
 * stays in the field (read-only while saving, never disabled, so it keeps the focus).
 */
export function TaskTitle({
  title,
  fallback,
  onRename,
}: {
  title: string | null;
  /** Shown while the task has no name of its own (its prompt or model). */
  fallback: string;
  onRename: (title: string | null) => Promise<void>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const inputId = useId();

  // Focus goes back to the Rename button once it is on screen again (after the render, not before).
  const refocus = useRef(false);
  useEffect(() => {
    if (draft !== null || !refocus.current) return;
    refocus.current = false;
    renameButton.current?.focus();
  }, [draft]);
  const close = () => {
    refocus.current = true;
    setDraft(null);
  };
  const save = async () => {
    if (draft === null || saving) return;
    const next = cleanTitle(draft);
    if (next === title) return close();
    setSaving(true);
    try {
      await onRename(next);
      close();
    } catch {
      // Stays open with what was typed; the page has said why it was not saved.
    } finally {
      setSaving(false);
    }
  };

  if (draft !== null) {
    return (
      <form
        className="flex min-w-0 flex-1 items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor={inputId} className="sr-only">
          Task name
        </label>
        <Input
          id={inputId}
          autoFocus
          value={draft}
          maxLength={maxTaskTitleLength}
          placeholder={fallback}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && !saving) {
              e.preventDefault();
              close();
            }
          }}
          readOnly={saving}
          aria-busy={saving}
          className="h-9 text-base font-semibold sm:text-lg"
          data-testid="rename-input"
        />
        <Button type="submit" size="icon" variant="outline" aria-label="Save name">
          <CheckIcon />
        </Button>
        <Button
          type="button"
          size="icon"
          variant="ghost"
          aria-label="Cancel renaming"
          onClick={close}
        >
          <XIcon />
        </Button>
      </form>
    );
  }

  return (
    <div className="flex min-w-0 flex-1 items-start gap-1">
      <h1
        className="line-clamp-2 min-w-0 text-xl font-semibold tracking-tight [overflow-wrap:anywhere] sm:text-2xl"
        data-testid="task-title"
        title={title ?? fallback}
      >
        {title ?? fallback}
      </h1>
      <Button
        ref={renameButton}
        type="button"
        size="icon"
        variant="ghost"
        className="text-muted-foreground size-8 shrink-0"
        aria-label="Rename"
        onClick={() => setDraft(title ?? "")}
        data-testid="rename"
      >
        <PencilIcon />
      </Button>
    </div>
  );
}
