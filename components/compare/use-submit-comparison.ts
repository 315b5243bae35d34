"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { describeError, type ErrorDescription } from "@/components/generate/describe-error";
import { newIdempotencyKey } from "@/components/generate/idempotency";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { columnLetter, type ComparisonCreate } from "@/lib/schemas/compare";
import { fieldMessage, parseColumnParam } from "./compare-state";
import { useCreateComparison } from "./use-compare";

/**
 * Sending a comparison once (a second press while one is on its way does nothing), then opening
 * it; a refusal becomes an alert that names the column it is about.
 */
export function useSubmitComparison() {
  const router = useRouter();
  const create = useCreateComparison();
  const inFlight = useRef(false);
  const [alert, setAlert] = useState<ErrorDescription | null>(null);

  const submit = (body: ComparisonCreate) => {
    if (inFlight.current || create.isPending) return;
    inFlight.current = true;
    setAlert(null);
    create.mutate(
      { body, idempotencyKey: newIdempotencyKey() },
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

  return { submit, alert, clearAlert: () => setAlert(null), pending: create.isPending };
}
