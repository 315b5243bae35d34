import { AlertCircleIcon } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiRequestError } from "@/lib/queries/api-fetch";

/** What went wrong, from the error's fields (never the server's English), and what to do. */
export function usageErrorText(error: Error): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return "Your session has ended. Sign in again to see your spend.";
    if (error.type === "rate_limit") {
      return "Too many requests just now. Wait a moment, then try again.";
    }
    if (error.status >= 500) return "The server could not add up your spend. Try again.";
  }
  return "Could not load your spend. Check your connection, then try again.";
}

export function UsageError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <Alert variant="destructive" className="items-center" data-testid="usage-error">
      <AlertCircleIcon />
      <span className="flex-1">{usageErrorText(error)}</span>
      <Button type="button" size="sm" variant="outline" onClick={onRetry}>
        Retry
      </Button>
    </Alert>
  );
}
