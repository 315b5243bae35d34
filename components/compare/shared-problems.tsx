"use client";

import { columnLetter } from "@/lib/schemas/compare";
import { sharedField, type ColumnProblem, type CompareSetup } from "./compare-state";

/** Problems with the shared prompt, per column (one model may want a longer prompt than another). */
export function SharedProblems({
  setup,
  problems,
}: {
  setup: CompareSetup;
  problems: readonly ColumnProblem[];
}) {
  const onPrompt = problems.filter((p) => {
    const column = setup.columns[p.column];
    const shared = column ? sharedField(column.form.entry) : undefined;
    return (
      shared !== undefined && (p.field === shared.name || p.field.startsWith(`${shared.name}[`))
    );
  });
  if (onPrompt.length === 0) return null;
  return (
    <ul className="text-destructive -mt-2 flex flex-col gap-1 text-xs" data-testid="prompt-errors">
      {onPrompt.map((p) => (
        <li key={p.column}>
          Column {columnLetter(p.column)} ({setup.columns[p.column]?.form.entry.label}): {p.message}
        </li>
      ))}
    </ul>
  );
}
