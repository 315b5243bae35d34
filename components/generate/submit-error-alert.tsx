import { AlertCircleIcon, ExternalLinkIcon, XIcon } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { rateLimitMessage, type ErrorAction, type ErrorDescription } from "./describe-error";
import { IntentLink } from "@/components/ui/intent-link";

/** A failure in words, with the one thing to do about it (a link) and, optionally, Dismiss. */
export function ActionAlert({
  message,
  action,
  onDismiss,
  testId,
}: {
  message: string;
  action?: ErrorAction;
  onDismiss?: () => void;
  testId: string;
}) {
  return (
    <Alert variant="destructive" data-testid={testId} className={onDismiss ? "pr-2" : undefined}>
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
            <IntentLink href={action.href} className="font-medium underline underline-offset-4">
              {action.label}
            </IntentLink>
          )
        ) : null}
      </div>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Dismiss"
          className="hover:bg-destructive/10 focus-visible:ring-ring/50 -my-1 grid size-7 shrink-0 place-items-center rounded-md outline-none focus-visible:ring-[3px]"
        >
          <XIcon className="size-4" aria-hidden />
        </button>
      ) : null}
    </Alert>
  );
}

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
  return <ActionAlert message={message} action={error.action} testId="submit-error" />;
}
