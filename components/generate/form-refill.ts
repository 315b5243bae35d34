// What a refill does to the form (see FormRefill): pure, so "does Retry ask first?" is unit-tested.
import { findModel, modelsForRoute, type ModelEntry, type RouteId } from "@/lib/catalog";
import {
  bodyFingerprint,
  buildBody,
  initialFormState,
  mergeIntoForm,
  switchModel,
  type FormState,
} from "./form-values";
import type { FormRefill } from "./submitted-task";

export function firstModel(route: RouteId): ModelEntry {
  const model = modelsForRoute(route)[0];
  if (!model) throw new Error(`No model in the catalog for route ${route}`);
  return model;
}

/** The form a page starts with: the refill's model and body, else its first model's defaults. */
export function stateFor(routeIds: readonly RouteId[], refill?: FormRefill): FormState {
  if (refill) {
    const modelValue = typeof refill.body.model === "string" ? refill.body.model : undefined;
    const entry = findModel(refill.route, modelValue) ?? firstModel(refill.route);
    return initialFormState(entry, refill.body);
  }
  return initialFormState(firstModel(routeIds[0] ?? "images"));
}

/** Fingerprint of the request a form stands for: equal forms send equal bodies. */
export function formFingerprint(form: FormState): string {
  return bodyFingerprint(form.entry.route, buildBody(form));
}

/**
 * Has the user changed the form since it was last run or filled? `baseline` is the fingerprint of
 * the last run or refill (null before either); a form still at its model's defaults is not edited.
 */
export function isEdited(form: FormState, baseline: string | null): boolean {
  const now = formFingerprint(form);
  return now !== baseline && now !== formFingerprint(initialFormState(form.entry));
}

export type RefillPlan =
  | { kind: "apply"; form: FormState }
  /** The user has edits the refill would lose: ask before replacing them. */
  | { kind: "ask"; form: FormState };

export function planRefill(
  current: FormState,
  refill: FormRefill,
  routeIds: readonly RouteId[],
  baseline: string | null,
): RefillPlan {
  if (refill.merge && refill.route === current.entry.route) {
    // A merge naming another model ("Reuse seed" from a task of another model on this page)
    // switches to it first, keeping what fits, as picking it by hand does.
    const value = typeof refill.body.model === "string" ? refill.body.model : undefined;
    const target = value === undefined ? undefined : findModel(refill.route, value);
    const base =
      target && target.slug !== current.entry.slug ? switchModel(current, target) : current;
    const merged = mergeIntoForm(base, refill.body);
    if (target && value !== undefined) merged.values = { ...merged.values, model: value };
    return { kind: "apply", form: merged };
  }
  const form = stateFor(routeIds, refill);
  const same = formFingerprint(form) === formFingerprint(current);
  return !same && isEdited(current, baseline) ? { kind: "ask", form } : { kind: "apply", form };
}
