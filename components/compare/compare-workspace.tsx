"use client";

import { EyeOffIcon, PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { describeError, type ErrorDescription } from "@/components/generate/describe-error";
import { newIdempotencyKey } from "@/components/generate/idempotency";
import { PromptField } from "@/components/generate/prompt-field";
import { ActionAlert } from "@/components/generate/submit-error-alert";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useCreateComparison } from "./use-compare";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import {
  columnLetter,
  maxCompareColumns,
  minCompareColumns,
  type CompareRoute,
} from "@/lib/schemas/compare";
import { CompareColumnForm } from "./compare-column-form";
import { CompareKindPicker } from "./compare-kind-picker";
import { CompareRunBar } from "./compare-run-bar";
import {
  addColumn,
  columnBody,
  columnPrice,
  initialSetup,
  parseColumnParam,
  fieldMessage,
  sharedField,
  sharedPromptLabel,
  totalPrice,
  validateSetup,
  type ColumnProblem,
  type CompareSetup,
} from "./compare-state";
import { SharedProblems } from "./shared-problems";

/** Set up a comparison: one prompt, a column per model with its own settings, the cost, Run. */
export function CompareWorkspace({ canUpload }: { canUpload: boolean }) {
  const router = useRouter();
  const [setup, setSetup] = useState<CompareSetup>(() => initialSetup("images"));
  const [problems, setProblems] = useState<ColumnProblem[] | null>(null);
  const [alert, setAlert] = useState<ErrorDescription | null>(null);
  const create = useCreateComparison();
  const inFlight = useRef(false);

  const prices = useMemo(
    () => setup.columns.map((c) => columnPrice(c, setup.prompt)),
    [setup.columns, setup.prompt],
  );
  const total = totalPrice(prices);
  // Once Run was pressed, problems follow the edits (a fixed field clears at once).
  const shown = problems === null ? [] : validateSetup(setup);
  const update = (next: CompareSetup) => setSetup(next);

  const submit = () => {
    if (inFlight.current || create.isPending) return;
    const found = validateSetup(setup);
    setProblems(found);
    setAlert(null);
    if (found.length > 0) return;
    inFlight.current = true;
    create.mutate(
      {
        body: {
          route: setup.route,
          prompt: setup.prompt,
          blind: setup.blind,
          columns: setup.columns.map((c) => columnBody(c, setup.prompt)),
        },
        idempotencyKey: newIdempotencyKey(),
      },
      {
        onSuccess: (comparison) => router.push(`/compare/${comparison.id}`),
        onError: (error) => {
          const param = error instanceof ApiRequestError ? error.param : null;
          const at = param ? parseColumnParam(param) : undefined;
          if (param && at) {
            const message = fieldMessage(param, error.message);
            setAlert({ message: `Column ${columnLetter(at.column)}: ${message}` });
            return;
          }
          setAlert(describeError(error, { signInHref: "/login?callbackUrl=%2Fcompare" }));
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
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
    <form
      noValidate
      aria-label="Compare models"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key !== "Enter" || e.nativeEvent.isComposing) return;
        if (e.metaKey || e.ctrlKey) {
          e.preventDefault();
          submit();
        } else if (e.target instanceof HTMLInputElement) {
          e.preventDefault();
        }
      }}
    >
      <div className="bg-card text-card-foreground flex flex-col gap-4 rounded-xl border p-4 shadow-xs sm:p-5">
        <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
          <CompareKindPicker
            value={setup.route}
            onChange={(route: CompareRoute) => {
              update(initialSetup(route, setup.prompt, setup.blind));
              setProblems(null);
            }}
          />
          <div className="flex items-start gap-3 lg:max-w-sm">
            <Switch
              id="compare-blind"
              checked={setup.blind}
              onCheckedChange={(blind) => update({ ...setup, blind })}
              aria-describedby="compare-blind-help"
            />
            <div className="flex flex-col gap-1">
              <Label htmlFor="compare-blind" className="inline-flex items-center gap-1.5">
                <EyeOffIcon className="size-3.5" aria-hidden /> Blind comparison
              </Label>
              <p id="compare-blind-help" className="text-muted-foreground text-xs">
                Results are shuffled and the model names stay hidden until you pick a favourite.
              </p>
            </div>
          </div>
        </div>
        <PromptField
          id="compare-prompt"
          field={promptField}
          value={setup.prompt}
          onChange={(prompt) => update({ ...setup, prompt })}
        />
        <SharedProblems setup={setup} problems={shown} />
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
          <button
            type="button"
            onClick={() => update(addColumn(setup))}
            className="text-muted-foreground hover:bg-accent/50 hover:text-foreground focus-visible:ring-ring/50 flex h-40 flex-col items-center justify-center gap-2 self-start rounded-xl border-2 border-dashed p-4 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px]"
            data-testid="add-column"
          >
            <PlusIcon className="size-5" aria-hidden /> Add a column
          </button>
        ) : null}
      </div>
      {alert ? (
        <ActionAlert message={alert.message} action={alert.action} testId="compare-error" />
      ) : null}
      <CompareRunBar prices={prices} total={total} pending={create.isPending} />
    </form>
  );
}
