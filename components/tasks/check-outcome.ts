// The words under "Check again" after a press: a rate limit with its countdown, a task that is
// gone, or any other failure. Pure, so each case has a unit test.
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { formatSeconds } from "./run-timing";

/** What the last press led to, in words (the countdown is filled in while it runs). */
export function checkOutcome(error: unknown, secondsLeft: number): string | null {
  if (secondsLeft > 0) {
    return `This key's status checks are used up for now — you can check again in ${formatSeconds(secondsLeft)}.`;
  }
  if (!error) return null;
  if (error instanceof ApiRequestError) {
    if (error.type === "rate_limit") return "This key's status checks were used up. Try again now.";
    if (error.status === 404) return "This task is no longer available.";
  }
  return `Could not ask for a check: ${error instanceof Error ? error.message : String(error)}`;
}
