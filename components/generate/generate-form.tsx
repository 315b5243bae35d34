"use client";

import { CodeIcon, SlidersHorizontalIcon } from "lucide-react";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { Separator } from "@/components/ui/separator";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import {
  findModel,
  modelsForRoute,
  routes,
  validateRequest,
  type FieldError,
  type ModelEntry,
  type RouteId,
} from "@/lib/catalog";
import { useCreateTask } from "@/lib/hooks/use-create-task";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { cn } from "@/lib/utils/cn";
import { CodePanel } from "./code-panel";
import { describeError, topLevelField, type ErrorDescription } from "./describe-error";
import { FieldControl } from "./field-control";
import { focusField } from "./focus-field";
import {
  bodyFingerprint,
  buildBody,
  fieldDomId,
  initialFormState,
  subPath,
  switchModel,
  type FormState,
} from "./form-values";
import { newIdempotencyKey, pickIdempotencyKey, type SubmissionMemory } from "./idempotency";
import { ModelPicker } from "./model-picker";
import { PriceEstimate } from "./price-estimate";
import { RunButton } from "./run-button";
import { SubmitErrorAlert } from "./submit-error-alert";
import { useCountdown, type Block } from "./use-countdown";
import { useFormDraft } from "./use-form-draft";

export interface SubmittedTask {
  task_id: string;
  status: string;
  route: RouteId;
  model: ModelEntry;
  body: Record<string, unknown>;
}

export interface GenerateFormProps {
  /** Routes this page offers; several (Tools) show a route switcher first. */
  routeIds: readonly RouteId[];
  /** Called once the task exists (our route answered with its id). */
  onSubmitted: (task: SubmittedTask) => void;
  /** Refills the form (Retry); pass a new object to refill again. */
  initialBody?: { route: RouteId; body: Record<string, unknown> };
  /** False when the server has no PUBLIC_URL: uploads are replaced by a note. */
  canUpload: boolean;
  className?: string;
}

function firstModel(route: RouteId): ModelEntry {
  const model = modelsForRoute(route)[0];
  if (!model) throw new Error(`No model in the catalog for route ${route}`);
  return model;
}

function stateFor(
  routeIds: readonly RouteId[],
  initial: GenerateFormProps["initialBody"],
): FormState {
  if (initial) {
    const modelValue = typeof initial.body.model === "string" ? initial.body.model : undefined;
    const entry = findModel(initial.route, modelValue) ?? firstModel(initial.route);
    return initialFormState(entry, initial.body);
  }
  return initialFormState(firstModel(routeIds[0] ?? "images"));
}

/** An alert above Run; `local` when it is our own validation, which a fix clears. */
type ShownAlert = ErrorDescription & { local?: boolean };

/** A shown validation error: the field path and the sentence to show under it. */
interface ShownFieldError {
  field: string;
  message: string;
}

/**
 * The form for a page's models. What is typed is kept as the page's draft (see form-draft.ts):
 * the server renders the defaults; the draft is read once the browser's storage may be (after
 * hydration, or at once on client-side navigation).
 */
export function GenerateForm({
  routeIds,
  onSubmitted,
  initialBody,
  canUpload,
  className,
}: GenerateFormProps) {
  const prefix = `gen${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const draftReady = useHydrated();
  const draft = useFormDraft(routeIds, draftReady);
  const [form, setForm] = useState(
    () => (initialBody ? undefined : draft.restore()) ?? stateFor(routeIds, initialBody),
  );
  // Hydrated just now: the draft comes back, adjusting state while rendering as React recommends.
  const [draftRead, setDraftRead] = useState(draftReady);
  if (draftReady && !draftRead) {
    setDraftRead(true);
    const restored = initialBody ? undefined : draft.restore();
    if (restored) setForm(restored);
  }
  useEffect(() => draft.save(form), [draft, form]);
  const [tab, setTab] = useState("form");
  const [fieldError, setFieldError] = useState<ShownFieldError | null>(null);
  const [alert, setAlert] = useState<ShownAlert | null>(null);
  const [submittedOnce, setSubmittedOnce] = useState(false);
  const [block, setBlock] = useState<Block | null>(null);
  const memory = useRef<SubmissionMemory | null>(null);
  const inFlight = useRef(false);
  const createTask = useCreateTask();

  // Retry hands over a new body: refill, as React recommends, while rendering.
  const [seenInitial, setSeenInitial] = useState(initialBody);
  if (initialBody !== seenInitial) {
    setSeenInitial(initialBody);
    if (initialBody) {
      setForm(stateFor(routeIds, initialBody));
      setTab("form");
      setFieldError(null);
      setAlert(null);
    }
  }

  const endBlock = useCallback(() => setBlock(null), []);
  const secondsLeft = useCountdown(block, endBlock);

  const { entry } = form;
  const route = entry.route;
  const body = useMemo(() => buildBody(form), [form]);
  const validation = useMemo(() => validateRequest(route, body), [route, body]);
  const fieldNames = useMemo(() => entry.fields.map((f) => f.name), [entry]);
  // A field's error goes the moment the input is fixed, not when it loses focus: removed on blur,
  // it would move Run under the pointer of someone clicking it (the click would be lost).
  if (fieldError && validation.ok) setFieldError(null);

  const showValidation = (error: FieldError, focus: boolean) => {
    // The catalog's messages start with their own field: "prompt: must not be empty".
    const prefix = `${error.field}: `;
    const text = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : "";
    const top = topLevelField(error.field);
    if (!fieldNames.includes(top) || text === "") {
      // Nothing on screen to point at (a hidden `model`, an API-only field): say it above Run.
      setFieldError(null);
      setAlert({ message: `This request would be refused: ${error.message}`, local: true });
      return;
    }
    setFieldError({ field: error.field, message: text.charAt(0).toUpperCase() + text.slice(1) });
    if (focus) {
      setTab("form");
      requestAnimationFrame(() => focusField(prefix, error.field, top));
    }
  };

  const revalidate = () => {
    if (!submittedOnce) return;
    if (!validation.ok) return showValidation(validation, false);
    setFieldError(null);
    if (alert?.local) setAlert(null);
  };

  const submit = () => {
    if (inFlight.current || createTask.isPending || secondsLeft > 0) return;
    setSubmittedOnce(true);
    if (!validation.ok) {
      showValidation(validation, true);
      return;
    }
    setFieldError(null);
    setAlert(null);
    const fingerprint = bodyFingerprint(route, body);
    const key = pickIdempotencyKey(memory.current, fingerprint, Date.now(), newIdempotencyKey);
    const attempt: SubmissionMemory = {
      fingerprint,
      key,
      state: "pending",
      settledAt: 0,
    };
    memory.current = attempt;
    inFlight.current = true;
    const sent = { route, model: entry, body };
    createTask.mutate(
      { route, body, idempotencyKey: key },
      {
        onSuccess: (task) => {
          memory.current = { ...attempt, state: "succeeded", settledAt: Date.now() };
          onSubmitted({ ...task, ...sent });
        },
        onError: (error) => {
          const signIn = `/login?callbackUrl=${encodeURIComponent(window.location.pathname)}`;
          const described = describeError(error, { fieldNames, signInHref: signIn });
          memory.current = { ...attempt, state: "failed", settledAt: Date.now() };
          if (described.field) {
            showValidation(
              { field: described.field, message: `${described.field}: ${described.message}` },
              true,
            );
            return;
          }
          setAlert(described);
          if (described.retryAfterSeconds) {
            const seconds = Math.ceil(described.retryAfterSeconds);
            setBlock({ until: Date.now() + seconds * 1000, seconds });
          }
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  };

  const changeModel = (next: ModelEntry) => {
    if (next.slug === entry.slug) return;
    const remembered = draft.remembered(next);
    setForm((current) => switchModel(current, next, remembered));
    setFieldError(null);
    setAlert(null);
    // Another model is another form: nothing is flagged before its first Run.
    setSubmittedOnce(false);
  };

  const setValue = (name: string, value: unknown) =>
    setForm((current) => ({ ...current, values: { ...current.values, [name]: value } }));

  // A rate-limit alert disappears with its countdown.
  const visibleAlert = alert?.retryAfterSeconds !== undefined && !block ? null : alert;

  return (
    <form
      noValidate
      aria-label={routes[route].label}
      data-testid="generate-form"
      data-route={route}
      data-model={entry.slug}
      className={cn(
        "bg-card text-card-foreground flex min-w-0 flex-col gap-5 rounded-xl border p-4 shadow-xs sm:p-5",
        className,
      )}
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
          // Enter in a one-line field must not start a paid run.
          e.preventDefault();
        }
      }}
      onBlur={revalidate}
    >
      <Tabs value={tab} onValueChange={setTab} className="flex min-w-0 flex-col gap-5">
        <div className="flex items-center justify-between gap-3">
          <h2 className="min-w-0 truncate text-sm font-semibold">
            {routes[route].label}
            <code className="text-muted-foreground ml-2 hidden font-mono text-xs font-normal sm:inline">
              POST {routes[route].path}
            </code>
          </h2>
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
            const sub = fieldError ? subPath(field.name, fieldError.field) : undefined;
            return (
              <FieldControl
                key={`${entry.slug}:${field.name}`}
                id={fieldDomId(prefix, field.name)}
                entry={entry}
                field={field}
                value={form.values[field.name]}
                onChange={(value) => setValue(field.name, value)}
                error={sub !== undefined ? fieldError?.message : undefined}
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
      <div className="flex flex-col gap-3 border-t pt-4">
        {visibleAlert ? <SubmitErrorAlert error={visibleAlert} secondsLeft={secondsLeft} /> : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <PriceEstimate entry={entry} body={body} />
          <RunButton pending={createTask.isPending} secondsLeft={secondsLeft} />
        </div>
      </div>
    </form>
  );
}
