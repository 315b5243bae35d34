import { AlertCircleIcon, RotateCwIcon } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiRequestError } from "@/lib/queries/api-fetch";

/** What went wrong, from the error's type and field (never the server's English sentence). */
function describe(error: Error, more: boolean): { text: string; clear: boolean } {
  const failure = error instanceof ApiRequestError ? error : undefined;
  if (failure?.type === "authentication_error") {
    return { text: "Your session has ended. Sign in again to see your library.", clear: false };
  }
  if (failure?.type === "invalid_request" && failure.param) {
    return {
      text: `The “${failure.param}” filter in this address is not one the library understands.`,
      clear: true,
    };
  }
  if (failure?.type === "rate_limit") {
    return { text: "Too many requests just now. Wait a moment, then try again.", clear: false };
  }
  return {
    text: more
      ? "Could not load more of your library."
      : "Could not load your library. The server may be restarting.",
    clear: false,
  };
}

export function GalleryError({
  error,
  more = false,
  onRetry,
  onClear,
}: {
  error: Error;
  /** The first pages are shown; the next one failed. */
  more?: boolean;
  onRetry: () => void;
  onClear: () => void;
}) {
  const { text, clear } = describe(error, more);
  return (
    <Alert variant="destructive" className="items-center" data-testid="gallery-error-state">
      <AlertCircleIcon />
      <span className="flex-1">{text}</span>
      {clear ? (
        <Button type="button" size="sm" variant="outline" onClick={onClear}>
          Clear filters
        </Button>
      ) : (
        <Button type="button" size="sm" variant="outline" onClick={onRetry}>
          <RotateCwIcon aria-hidden /> Try again
        </Button>
      )}
    </Alert>
  );
}
