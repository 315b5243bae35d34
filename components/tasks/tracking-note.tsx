import type { TaskListItem } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils/cn";
import { isStalled, trackingSummary } from "./run-timing";
import { IntentLink } from "@/components/ui/intent-link";

/** Why an unfinished task is not finished yet, with the way out when it is the user's to take. */
export function TrackingNote({
  run,
  now,
  className,
  testId,
}: {
  run: TaskListItem;
  now: number;
  className?: string;
  testId: string;
}) {
  const summary = trackingSummary(run, now);
  if (!summary) return null;
  return (
    <p
      className={cn(
        isStalled(run) ? "text-warning-foreground" : "text-muted-foreground",
        "[overflow-wrap:anywhere]",
        className,
      )}
      data-testid={testId}
      data-state={run.tracking.state}
      // "next check in 12 s" reads the clock: the server's render and hydration differ by a tick.
      suppressHydrationWarning
    >
      {summary}
      {run.tracking.state === "unavailable" ? (
        <>
          {" "}
          <IntentLink href="/settings" className="font-medium underline underline-offset-4">
            Open Settings
          </IntentLink>
        </>
      ) : null}
    </p>
  );
}
