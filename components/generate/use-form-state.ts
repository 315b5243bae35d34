"use client";

import { useEffect, useState } from "react";
import type { RouteId } from "@/lib/catalog";
import { formFingerprint, planRefill, stateFor } from "./form-refill";
import type { FormState } from "./form-values";
import type { FormRefill } from "./submitted-task";
import { useFormDraft } from "./use-form-draft";

/**
 * The form's values, kept as the page's draft (see form-draft.ts): the server renders the defaults;
 * the draft is read once the browser's storage may be (`draftReady`: after hydration, or at once on
 * client-side navigation). A refill (see FormRefill) fills it, asking first when it would drop
 * unrun edits.
 */
export function useFormState(
  routeIds: readonly RouteId[],
  refill: FormRefill | undefined,
  draftReady: boolean,
) {
  const draft = useFormDraft(routeIds, draftReady);
  const [form, setForm] = useState(
    () => (refill ? undefined : draft.restore()) ?? stateFor(routeIds, refill),
  );
  // Fingerprint of the last run or replacing refill: a form equal to it has no edits to lose.
  const [baseline, setBaseline] = useState<string | null>(() =>
    refill ? formFingerprint(stateFor(routeIds, refill)) : null,
  );
  /** A refill waiting for the user's "Replace your current settings?" answer. */
  const [pending, setPending] = useState<FormState | null>(null);
  /** Counts applied refills, so the form can reset its tab and errors on each. */
  const [refillCount, setRefillCount] = useState(0);

  // A new refill object: fill (or ask), while rendering. Not before the draft is back, so that a
  // merge ("Reuse seed") lands on top of it; the first render's refill is the starting state.
  const [seenRefill, setSeenRefill] = useState(refill);

  // Hydrated just now: the draft comes back, adjusting state while rendering as React recommends.
  // Only onto the form as it was first rendered: `draftReady` arrives in a transition, and anything
  // typed before it (or a starting refill) is newer than the draft.
  const [firstForm] = useState(form);
  const [draftRead, setDraftRead] = useState(draftReady);
  if (draftReady && !draftRead) {
    setDraftRead(true);
    const restored = seenRefill || form !== firstForm ? undefined : draft.restore();
    if (restored) setForm(restored);
  }
  useEffect(() => draft.save(form), [draft, form]);

  const apply = (next: FormState, replaces: boolean) => {
    setForm(next);
    if (replaces) setBaseline(formFingerprint(next));
    setPending(null);
    setRefillCount((n) => n + 1);
  };

  if (refill !== seenRefill && draftRead) {
    setSeenRefill(refill);
    if (refill) {
      const plan = planRefill(form, refill, routeIds, baseline);
      if (plan.kind === "ask") setPending(plan.form);
      else apply(plan.form, !refill.merge);
    }
  }

  return {
    form,
    setForm,
    draft,
    refillCount,
    /** The refilled form awaiting confirmation, or null. */
    pendingRefill: pending,
    acceptRefill: () => {
      if (pending) apply(pending, true);
    },
    declineRefill: () => setPending(null),
    /** The form just ran as it is: its current values are no longer unsaved edits. */
    markRun: (ran: FormState) => setBaseline(formFingerprint(ran)),
  };
}
