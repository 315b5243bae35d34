"use client";

import { useMemo } from "react";
import { useStudioUserId } from "@/components/providers/studio-user";
import type { ModelEntry, RouteId } from "@/lib/catalog";
import {
  draftKey,
  readDraft,
  rememberedForm,
  restoreForm,
  saveDraft,
  type DraftStorage,
} from "./form-draft";
import type { FormState } from "./form-values";

function sessionStore(): DraftStorage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    // Storage blocked (some privacy settings): no drafts, the form works as before.
    return undefined;
  }
}

export interface FormDraft {
  /** The form as this page's draft left it, if it has one. */
  restore(): FormState | undefined;
  /** A model's own settings as last left on this page. */
  remembered(entry: ModelEntry): FormState | undefined;
  save(state: FormState): void;
}

/** This page's draft in sessionStorage (see form-draft.ts); inert until `ready` (after hydration). */
export function useFormDraft(routeIds: readonly RouteId[], ready: boolean): FormDraft {
  const userId = useStudioUserId();
  const key = draftKey(userId, routeIds);
  const routesKey = routeIds.join("+");
  return useMemo(() => {
    const storage = ready ? sessionStore() : undefined;
    const routes = routesKey.split("+") as RouteId[];
    return {
      restore: () => restoreForm(readDraft(storage, key), routes),
      remembered: (entry) => rememberedForm(readDraft(storage, key), entry),
      save: (state) => saveDraft(storage, key, state),
    };
  }, [ready, key, routesKey]);
}
