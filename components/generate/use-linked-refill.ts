"use client";

// A generation page opened from a task's page: `?from=<task_id>` ("Open in form") refills the form
// with that task's request; `?model=<slug>&field=<name>&input=<url>` ("Use as input") opens that
// model with the URL in the field. The query is then dropped from the address, so a reload keeps
// what the user changed since (the form's draft) instead of refilling again.
// `?model=<value>&seed=<n>` ("Reuse seed") sets only that model's seed: a merge, every other
// field is kept.
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import type { FormRefill } from "./generate-form";
import { bodyFromSeedLink } from "./seed-values";
import type { RouteId } from "@/lib/catalog";
import { taskQuery } from "@/lib/queries/tasks";
import { bodyFromInput, routeOfRequest } from "@/components/tasks/input-targets";

/** What a link puts into the form; `merge` sets only the fields in `body` (see FormRefill). */
export type Refill = FormRefill;

export function useLinkedRefill(routeIds: readonly RouteId[]) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const client = useQueryClient();
  const [refill, setRefill] = useState<Refill | undefined>(() => {
    const linked = bodyFromInput(params.get("model"), params.get("input"), params.get("field"));
    return linked && routeIds.includes(linked.route) ? linked : undefined;
  });
  const from = params.get("from");
  const seeded = bodyFromSeedLink(params.get("model"), params.get("seed"));
  const linked = from !== null || params.has("input") || seeded !== undefined;

  useEffect(() => {
    if (!linked) return;
    router.replace(pathname, { scroll: false });
    // A merge goes on top of the form as the user left it: handed over a frame after mounting,
    // never as the form's starting state (the form holds it until its draft is back).
    if (seeded) {
      if (!routeIds.includes(seeded.route)) toast.error("That task's model is not on this page");
      else requestAnimationFrame(() => setRefill({ ...seeded, merge: true }));
      return;
    }
    if (from === null) return;
    client.fetchQuery(taskQuery(from)).then(
      (reply) => {
        const body = { ...reply.data.request };
        const route = routeOfRequest(routeIds, body);
        if (route) setRefill({ route, body });
        else toast.error("That task's model is not on this page");
      },
      () => toast.error("Could not load that task's settings"),
    );
    // Once per arrival from a link; the route ids of a page never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from, linked]);

  return [refill, setRefill] as const;
}
