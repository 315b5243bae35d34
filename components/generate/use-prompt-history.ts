"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useStudioUserId } from "@/components/providers/studio-user";
import type { CreateTaskInput } from "./use-create-task";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import {
  addToHistory,
  historyKey,
  promptsOfRequest,
  readHistory,
  writeHistory,
  type HistoryStorage,
} from "./prompt-history";

function localStore(): HistoryStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const changed = "studio:prompt-history-changed";

/**
 * One field's prompt history for one model. Listens for accepted runs on the app's create-task
 * mutation (whatever form sent it), so the form itself needs no hook for it.
 */
export function usePromptHistory(slug: string, field: string): string[] {
  const client = useQueryClient();
  const userId = useStudioUserId();
  const hydrated = useHydrated();
  const key = historyKey(userId, slug, field);
  const read = useCallback(() => readHistory(localStore(), key), [key]);
  const [list, setList] = useState<string[]>([]);

  useEffect(() => {
    if (!hydrated) return;
    const refresh = () => setList(read());
    refresh();
    window.addEventListener(changed, refresh);
    window.addEventListener("storage", refresh);
    return () => {
      window.removeEventListener(changed, refresh);
      window.removeEventListener("storage", refresh);
    };
  }, [hydrated, read]);

  useEffect(() => {
    return client.getMutationCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "success") return;
      const key0 = event.mutation.options.mutationKey;
      if (key0?.[0] !== "tasks" || key0[1] !== "create") return;
      const input = event.mutation.state.variables as CreateTaskInput | undefined;
      if (!input) return;
      const found = promptsOfRequest(input.route, input.body);
      const text = found?.slug === slug ? found.prompts.find((p) => p.field === field)?.text : "";
      if (!text) return;
      // Several fields may hear the same run: adding is idempotent, so each writes its own.
      writeHistory(localStore(), key, addToHistory(readHistory(localStore(), key), text));
      window.dispatchEvent(new Event(changed));
    });
  }, [client, slug, field, key]);

  return list;
}
