"use client";

import { CodeIcon, SlidersHorizontalIcon } from "lucide-react";
import { memo, useId, useMemo, useState } from "react";
import { Separator } from "@/components/ui/separator";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { routes, validateRequest, type ModelEntry, type RouteId } from "@/lib/catalog";
import { useHydratedTransition } from "@/lib/hooks/use-hydrated";
import { cn } from "@/lib/utils/cn";
import { CodePanel } from "./code-panel";
import { FieldControl } from "./field-control";
import { FormActionBar } from "./form-action-bar";
import { firstModel } from "./form-refill";
import { buildBody, fieldDomId, subPath, switchModel } from "./form-values";
import { ModelPicker } from "./model-picker";
import { ReplaceSettingsDialog } from "./replace-settings-dialog";
import type { FormRefill, SubmittedTask } from "./submitted-task";
import { useFormState } from "./use-form-state";
import { useSubmitTask } from "./use-submit-task";

export type { FormRefill, SubmittedTask } from "./submitted-task";

export interface GenerateFormProps {
  /** Routes this page offers; several (Tools) show a route switcher first. */
  routeIds: readonly RouteId[];
  /** Called once the task exists (our route answered with its id). */
  onSubmitted: (task: SubmittedTask) => void;
  /** Fills the form (Retry, Open in form, Reuse seed); pass a new object to fill again. */
  initialBody?: FormRefill;
  /** False when uploaded files could not be fetched by API in One: a note says what to do. */
  canUpload: boolean;
  className?: string;
}

/**
 * The form for a page's models, with a sticky Run bar; Ctrl/Cmd+Enter runs from any field.
 * Memoized: the page's recent runs arriving or changing (every status event) need not render the
 * whole form again — on a first visit that render was a long task of its own. The form's draft
 * comes back after hydration in a transition (see useHydratedTransition), not in one blocking
 * render of the whole form.
 */
export const GenerateForm = memo(function GenerateForm(props: GenerateFormProps) {
  return <FormBody {...props} draftReady={useHydratedTransition()} />;
});

const FormBody = memo(function FormBody({
  routeIds,
  onSubmitted,
  initialBody,
  canUpload,
  className,
  draftReady,
}: GenerateFormProps & { draftReady: boolean }) {
  const prefix = `gen${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const state = useFormState(routeIds, initialBody, draftReady);
  const { form, setForm } = state;
  const [tab, setTab] = useState("form");
  const { entry } = form;
  const route = entry.route;
  const body = useMemo(() => buildBody(form), [form]);
  const validation = useMemo(() => validateRequest(route, body), [route, body]);
  const run = useSubmitTask({
    entry,
    body,
    validation,
    prefix,
    showForm: () => setTab("form"),
    onSubmitted,
    onRan: () => state.markRun(form),
  });

  // A refill was applied: show the form, without the errors of what it replaced.
  const [seenRefills, setSeenRefills] = useState(state.refillCount);
  if (state.refillCount !== seenRefills) {
    setSeenRefills(state.refillCount);
    setTab("form");
    run.clear();
  }

  const changeModel = (next: ModelEntry) => {
    if (next.slug === entry.slug) return;
    const remembered = state.draft.remembered(next);
    setForm((current) => switchModel(current, next, remembered));
    run.reset();
  };

  const setValue = (name: string, value: unknown) =>
    setForm((current) => ({ ...current, values: { ...current.values, [name]: value } }));

  return (
    <>
      <form
        noValidate
        aria-label={routes[route].label}
        data-testid="generate-form"
        data-route={route}
        data-model={entry.slug}
        className={cn(
          "bg-card text-card-foreground flex min-w-0 flex-col gap-5 rounded-xl border p-4 shadow-xs sm:p-5",
          // Placeholders are examples, never mistaken for something already typed.
          "[&_::placeholder]:text-muted-foreground/75 [&_::placeholder]:italic",
          className,
        )}
        onSubmit={(e) => {
          e.preventDefault();
          run.submit();
        }}
        onKeyDown={(e) => {
          if (e.key !== "Enter" || e.nativeEvent.isComposing) return;
          if (e.metaKey || e.ctrlKey) {
            e.preventDefault();
            run.submit();
          } else if (e.target instanceof HTMLInputElement) {
            // Enter in a one-line field must not start a paid run.
            e.preventDefault();
          }
        }}
        onBlur={run.revalidate}
      >
        <Tabs value={tab} onValueChange={setTab} className="flex min-w-0 flex-col gap-5">
          <div className="flex items-center justify-between gap-3">
            <h2 className="min-w-0 truncate text-sm font-semibold">{routes[route].label}</h2>
            <TabsList aria-label="View">
              <TabsTrigger value="form">
                <SlidersHorizontalIcon aria-hidden /> Form
              </TabsTrigger>
              <TabsTrigger value="code" data-testid="code-tab">
                <CodeIcon aria-hidden /> Code
              </TabsTrigger>
            </TabsList>
          </div>
          <TabsContent
            value="form"
            forceMount
            className="flex min-w-0 flex-col gap-5 data-[state=inactive]:hidden"
          >
            <ModelPicker
              id={`${prefix}-model-picker`}
              routeIds={routeIds}
              entry={entry}
              onRouteChange={(next) => changeModel(firstModel(next))}
              onModelChange={changeModel}
            />
            <Separator />
            {entry.fields.map((field) => {
              const shown = run.fieldError;
              const sub = shown ? subPath(field.name, shown.field) : undefined;
              return (
                <FieldControl
                  key={`${entry.slug}:${field.name}`}
                  id={fieldDomId(prefix, field.name)}
                  entry={entry}
                  field={field}
                  value={form.values[field.name]}
                  onChange={(value) => setValue(field.name, value)}
                  error={sub !== undefined ? shown?.message : undefined}
                  errorPath={sub || undefined}
                  canUpload={canUpload}
                />
              );
            })}
          </TabsContent>
          <TabsContent value="code" className="min-w-0">
            <CodePanel
              path={routes[route].path}
              body={body}
              issue={validation.ok ? undefined : validation.message}
            />
          </TabsContent>
        </Tabs>
        <FormActionBar
          entry={entry}
          body={body}
          alert={run.alert}
          secondsLeft={run.secondsLeft}
          pending={run.pending}
          lastRun={run.lastRun}
        />
      </form>
      <ReplaceSettingsDialog
        open={state.pendingRefill !== null}
        modelLabel={state.pendingRefill?.entry.label ?? ""}
        onReplace={state.acceptRefill}
        onKeep={state.declineRefill}
      />
    </>
  );
});
