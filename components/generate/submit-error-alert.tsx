import { AlertCircleIcon, ExternalLinkIcon } from "lucide-react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { rateLimitMessage, type ErrorDescription } from "./describe-error";

/** An error before any task exists, with the one thing to do about it. */
export function SubmitErrorAlert({
  error,
  secondsLeft,
}: {
  error: ErrorDescription;
  secondsLeft: number;
}) {
  const message =
    error.retryAfterSeconds !== undefined ? rateLimitMessage(secondsLeft) : error.message;
  const action = error.action;
  return (
    <Alert variant="destructive" data-testid="submit-error">
      <AlertCircleIcon />
      <div className="flex min-w-0 flex-1 flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <span className="min-w-0 [overflow-wrap:anywhere]">{message}</span>
        {action ? (
          action.external ? (
            <a
              href={action.href}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 font-medium underline underline-offset-4"
            >
              {action.label} <ExternalLinkIcon className="size-3.5" aria-hidden />
            </a>
          ) : (
            <Link href={action.href} className="font-medium underline underline-offset-4">
              {action.label}
            </Link>
          )
        ) : null}
      </div>
    </Alert>
  );
}
