"use client";

import { useMemo, useState } from "react";

export type DraftParse<T> = { ok: true; value: T } | { ok: false; message: string; line?: number };

export interface DraftState {
  text: string;
  /** The value (as JSON) last seen from the parent. */
  seen: string;
  /** The value (as JSON) this draft last handed to the parent. */
  emitted: string;
}

/**
 * The draft once the parent's value is `key` (its JSON). Our own edit coming back (from the
 * parent's state or a save) keeps the text as typed; any other value replaces it.
 */
export function reconcileDraft<T>(
  state: DraftState,
  key: string,
  value: T,
  parse: (text: string) => DraftParse<T>,
  format: (value: T) => string,
): DraftState {
  if (state.seen === key) return state;
  const parsed = parse(state.text);
  const ours = key === state.emitted || (parsed.ok && JSON.stringify(parsed.value) === key);
  return ours ? { ...state, seen: key } : { text: format(value), seen: key, emitted: key };
}

/** The draft after the person typed `text`, and the value to hand to the parent, if any. */
export function editDraft<T>(
  state: DraftState,
  text: string,
  parse: (text: string) => DraftParse<T>,
): { state: DraftState; emit?: T } {
  const parsed = parse(text);
  if (!parsed.ok) return { state: { ...state, text } };
  const key = JSON.stringify(parsed.value);
  return {
    state: { ...state, text, emitted: key },
    ...(key === state.seen ? {} : { emit: parsed.value }),
  };
}

/**
 * Text a person edits for a value that only changes when the text is valid: the JSON of the tools,
 * the system prompt. The text is kept as typed (invalid, or formatted their way) while the parent
 * holds the last valid value. When the parent's value changes for another reason (another
 * conversation, a save refused and rolled back) the text follows it; when it is only our own edit
 * coming back from a save, the text is left alone.
 */
export function useTextDraft<T>({
  value,
  format,
  parse,
  onValid,
}: {
  value: T;
  format: (value: T) => string;
  parse: (text: string) => DraftParse<T>;
  onValid: (value: T) => void;
}) {
  const key = JSON.stringify(value);
  const [state, setState] = useState<DraftState>(() => ({
    text: format(value),
    seen: key,
    emitted: key,
  }));

  const current = reconcileDraft(state, key, value, parse, format);
  // Adjusting state while rendering (React's pattern for props that change): no extra paint.
  if (current !== state) setState(current);

  const result = useMemo(() => parse(current.text), [parse, current.text]);

  function setText(text: string) {
    const edit = editDraft(current, text, parse);
    setState(edit.state);
    if (edit.emit !== undefined) onValid(edit.emit);
  }

  return {
    text: current.text,
    setText,
    error: result.ok ? undefined : result,
    /** The draft's value when valid, else the parent's (still what is sent). */
    valid: result.ok ? result.value : value,
  };
}
