"use client";

import { useMemo, useState } from "react";
import { PromptField } from "@/components/generate/prompt-field";
import { ActionAlert } from "@/components/generate/submit-error-alert";
import { maxCompareColumns, minCompareColumns, type CompareRoute } from "@/lib/schemas/compare";
import { ChatCompareWorkspace } from "./chat-compare-workspace";
import { CompareColumnForm } from "./compare-column-form";
import { AddColumnButton, CompareForm, CompareOptions } from "./compare-form";
import { CompareRunBar } from "./compare-run-bar";
import {
  addColumn,
  columnBody,
  columnPrice,
  initialSetup,
  sharedField,
  sharedPromptLabel,
  totalPrice,
  validateSetup,
  type ColumnProblem,
  type CompareSetup,
} from "./compare-state";
import { promptProblems, SharedProblems } from "./shared-problems";
import { useSubmitComparison } from "./use-submit-comparison";

/** Where a kind's setup starts: the prompt and blind choice carry over when the kind changes. */
export interface CompareSeed {
  route: CompareRoute;
  prompt: string;
  blind: boolean;
}

/** Set up a comparison: one prompt, a column per model (or, for chat, per settings), Run. */
export function CompareWorkspace({ canUpload }: { canUpload: boolean }) {
  const [seed, setSeed] = useState<CompareSeed>({ route: "images", prompt: "", blind: false });
  const { route } = seed;
  return route === "chat" ? (
    <ChatCompareWorkspace key="chat" seed={seed} onRouteChange={setSeed} />
  ) : (
    <TaskCompareWorkspace
      key={route}
      seed={{ ...seed, route }}
      onRouteChange={setSeed}
      canUpload={canUpload}
    />
  );
}

/** Images, videos, music or speech: a model per column, each with its own settings and price. */
function TaskCompareWorkspace({
  seed,
  onRouteChange,
  canUpload,
}: {
  seed: CompareSeed & { route: Exclude<CompareRoute, "chat"> };
  onRouteChange: (seed: CompareSeed) => void;
  canUpload: boolean;
}) {
  const [setup, setSetup] = useState<CompareSetup>(() =>
    initialSetup(seed.route, seed.prompt, seed.blind),
  );
  const [problems, setProblems] = useState<ColumnProblem[] | null>(null);
  const { submit: send, alert, pending } = useSubmitComparison();

  const prices = useMemo(
    () => setup.columns.map((c) => columnPrice(c, setup.prompt)),
    [setup.columns, setup.prompt],
  );
  const total = totalPrice(prices);
  // Once Run was pressed, problems follow the edits (a fixed field clears at once).
  const shown = problems === null ? [] : validateSetup(setup);
  const update = (next: CompareSetup) => setSetup(next);

  const submit = () => {
    if (pending) return;
    const found = validateSetup(setup);
    setProblems(found);
    if (found.length > 0) return;
    send({
      route: setup.route,
      prompt: setup.prompt,
      blind: setup.blind,
      columns: setup.columns.map((c) => columnBody(c, setup.prompt)),
    });
  };

  // The counter shows the strictest limits among the columns' models.
  const promptField = useMemo(() => {
    const controls = setup.columns.flatMap((c) => {
      const control = sharedField(c.form.entry)?.control;
      return control?.kind === "prompt" ? [control] : [];
    });
    const mins = controls.flatMap((c) => (c.min === undefined ? [] : [c.min]));
    const maxes = controls.flatMap((c) => (c.max === undefined ? [] : [c.max]));
    return {
      name: "prompt",
      label: sharedPromptLabel[setup.route],
      help: "Every column gets this same text.",
      required: true,
      control: {
        kind: "prompt" as const,
        ...(mins.length > 0 && { min: Math.max(...mins) }),
        ...(maxes.length > 0 && { max: Math.min(...maxes) }),
      },
    };
  }, [setup.columns, setup.route]);

  return (
    <CompareForm onSubmit={submit}>
      <div className="bg-card text-card-foreground flex flex-col gap-4 rounded-xl border p-4 shadow-xs sm:p-5">
        <CompareOptions
          route={setup.route}
          onRouteChange={(route) =>
            onRouteChange({ route, prompt: setup.prompt, blind: setup.blind })
          }
          blind={setup.blind}
          onBlindChange={(blind) => update({ ...setup, blind })}
        />
        <PromptField
          id="compare-prompt"
          field={promptField}
          value={setup.prompt}
          onChange={(prompt) => update({ ...setup, prompt })}
        />
        <SharedProblems problems={promptProblems(setup, shown)} />
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-4">
        {setup.columns.map((column, i) => (
          <CompareColumnForm
            key={column.key}
            index={i}
            column={column}
            prompt={setup.prompt}
            problem={shown.find((p) => p.column === i)}
            canRemove={setup.columns.length > minCompareColumns}
            canUpload={canUpload}
            onChange={(next) =>
              update({ ...setup, columns: setup.columns.map((c, j) => (j === i ? next : c)) })
            }
            onRemove={() => update({ ...setup, columns: setup.columns.filter((_, j) => j !== i) })}
          />
        ))}
        {setup.columns.length < maxCompareColumns ? (
          <AddColumnButton onClick={() => update(addColumn(setup))} />
        ) : null}
      </div>
      {alert ? (
        <ActionAlert message={alert.message} action={alert.action} testId="compare-error" />
      ) : null}
      <CompareRunBar prices={prices} total={total} pending={pending} />
    </CompareForm>
  );
}
