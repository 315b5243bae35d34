"use client";

import { columnLetter } from "@/lib/schemas/compare";
import { sharedField, type ColumnProblem, type CompareSetup } from "./compare-state";

export interface PromptProblem {
  column: number;
  /** What the column runs, as the column shows it (its model, or its settings). */
  name: string;
  message: string;
}

/** The problems that are the shared prompt's, per column (one model may want a longer prompt). */
export function promptProblems(
  setup: CompareSetup,
  problems: readonly ColumnProblem[],
): PromptProblem[] {
  return problems.flatMap((p) => {
    const column = setup.columns[p.column];
    const shared = column ? sharedField(column.form.entry) : undefined;
    const onPrompt =
      shared !== undefined && (p.field === shared.name || p.field.startsWith(`${shared.name}[`));
    return onPrompt && column
      ? [{ column: p.column, name: column.form.entry.label, message: p.message }]
      : [];
  });
}

/** Problems with the shared prompt, under it, each naming its column. */
export function SharedProblems({ problems }: { problems: readonly PromptProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="text-destructive -mt-2 flex flex-col gap-1 text-xs" data-testid="prompt-errors">
      {problems.map((p) => (
        <li key={p.column}>
          Column {columnLetter(p.column)} ({p.name}): {p.message}
        </li>
      ))}
    </ul>
  );
}
