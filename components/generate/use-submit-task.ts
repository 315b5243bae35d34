"use client";

import { useCallback, useRef, useState } from "react";
import { validateRequest, type FieldError, type ModelEntry } from "@/lib/catalog";
import { useCreateTask } from "./use-create-task";
import { describeError, topLevelField, type ErrorDescription } from "./describe-error";
import { focusField } from "./focus-field";
import { fieldLabels, formMessage, withLabels } from "./form-words";
import { bodyFingerprint } from "./form-values";
import { newIdempotencyKey, pickIdempotencyKey, type SubmissionMemory } from "./idempotency";
import type { SubmittedTask } from "./submitted-task";
import { useCountdown, type Block } from "./use-countdown";

/** An alert above Run; `local` when it is our own validation, which a fix clears. */
export type ShownAlert = ErrorDescription & { local?: boolean };

/** A shown validation error: the field path and the sentence to show under it. */
export interface ShownFieldError {
  field: string;
  message: string;
}

/** How the last Run went, for the action bar. */
export type LastRun = { state: "starting" | "started" | "refused"; at: number } | null;

interface SubmitOptions {
  entry: ModelEntry;
  body: Record<string, unknown>;
  validation: ReturnType<typeof validateRequest>;
  /** DOM id prefix of the form's fields, for focusing the one at fault. */
  prefix: string;
  showForm: () => void;
  onSubmitted: (task: SubmittedTask) => void;
  onRan: () => void;
}

/** Run: validate, create the task once (idempotency key), and say what went wrong in the form's words. */
export function useSubmitTask(options: SubmitOptions) {
  const { entry, body, validation, prefix } = options;
  const [fieldError, setFieldError] = useState<ShownFieldError | null>(null);
  const [alert, setAlert] = useState<ShownAlert | null>(null);
  const [submittedOnce, setSubmittedOnce] = useState(false);
  const [block, setBlock] = useState<Block | null>(null);
  const [lastRun, setLastRun] = useState<LastRun>(null);
  const memory = useRef<SubmissionMemory | null>(null);
  const inFlight = useRef(false);
  const createTask = useCreateTask();
  const endBlock = useCallback(() => setBlock(null), []);
  const secondsLeft = useCountdown(block, endBlock);
  const route = entry.route;
  const fieldNames = entry.fields.map((f) => f.name);

  // A field's error goes the moment the input is fixed, not when it loses focus: removed on blur,
  // it would move Run under the pointer of someone clicking it (the click would be lost).
  if (fieldError && validation.ok) setFieldError(null);

  const showValidation = (error: FieldError, focus: boolean) => {
    const top = topLevelField(error.field);
    const message = formMessage(entry, error);
    if (!fieldNames.includes(top)) {
      // Nothing on screen to point at (an API-only field): say it above Run.
      setFieldError(null);
      setAlert({ message: `This can't run yet: ${message}`, local: true });
      return;
    }
    setFieldError({ field: error.field, message });
    if (focus) {
      options.showForm();
      requestAnimationFrame(() => focusField(prefix, error.field, top));
    }
  };

  const clear = () => {
    setFieldError(null);
    setAlert(null);
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
      setLastRun({ state: "refused", at: Date.now() });
      showValidation(validation, true);
      return;
    }
    clear();
    const fingerprint = bodyFingerprint(route, body);
    const key = pickIdempotencyKey(memory.current, fingerprint, Date.now(), newIdempotencyKey);
    const attempt: SubmissionMemory = { fingerprint, key, state: "pending", settledAt: 0 };
    memory.current = attempt;
    inFlight.current = true;
    setLastRun({ state: "starting", at: Date.now() });
    const sent = { route, model: entry, body };
    createTask.mutate(
      { route, body, idempotencyKey: key },
      {
        onSuccess: (task) => {
          memory.current = { ...attempt, state: "succeeded", settledAt: Date.now() };
          setLastRun({ state: "started", at: Date.now() });
          options.onRan();
          options.onSubmitted({ ...task, ...sent });
        },
        onError: (error) => {
          const signIn = `/login?callbackUrl=${encodeURIComponent(window.location.pathname)}`;
          const described = describeError(error, { fieldNames, signInHref: signIn });
          memory.current = { ...attempt, state: "failed", settledAt: Date.now() };
          setLastRun({ state: "refused", at: Date.now() });
          if (described.field) {
            const field = described.field;
            showValidation({ field, message: `${field}: ${described.message}` }, true);
            return;
          }
          setAlert({ ...described, message: withLabels(described.message, fieldLabels(entry)) });
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

  return {
    submit,
    revalidate,
    fieldError,
    // A rate-limit alert disappears with its countdown.
    alert: alert?.retryAfterSeconds !== undefined && !block ? null : alert,
    secondsLeft,
    pending: createTask.isPending,
    lastRun,
    /** Another model or a refill is another form: nothing is flagged before its first Run. */
    reset: () => {
      clear();
      setSubmittedOnce(false);
    },
    clear,
  };
}
