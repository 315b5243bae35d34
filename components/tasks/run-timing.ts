// Words for a run's time and for what the server's tracker is doing about it. Pure: `now` is
// passed in, so each sentence has a unit test.
import type { TaskListItem } from "@/lib/schemas/tasks";

/** "42 s", "3 min 5 s", "2 h 4 min". */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole >= 3600) return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
  return whole >= 60 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${whole} s`;
}

/** Seconds since the task was created (0 for a clock behind the server's). */
export function elapsedSeconds(item: Pick<TaskListItem, "created_at">, now: number): number {
  const started = Date.parse(item.created_at);
  return Number.isFinite(started) ? Math.max(0, (now - started) / 1000) : 0;
}

/** How long a finished task took, from creation to its final status (0 when unknown). */
export function tookSeconds(item: Pick<TaskListItem, "created_at" | "completed_at">): number {
  const started = Date.parse(item.created_at);
  const ended = item.completed_at ? Date.parse(item.completed_at) : NaN;
  return Number.isFinite(started) && Number.isFinite(ended)
    ? Math.max(0, (ended - started) / 1000)
    : 0;
}

/** "just now", "12 s ago", "3 min ago", "2 h ago", "4 d ago". */
export function formatAgo(iso: string, now: number): string {
  const seconds = Math.floor((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds) || seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** Remaining time from the model's typical duration: its midpoint, minus what has passed. */
export function estimateRemaining(typical: readonly [number, number], elapsed: number): string {
  const expected = (typical[0] + typical[1]) / 2;
  const left = expected - elapsed;
  if (left <= 1) return elapsed < typical[1] ? "almost done" : "taking longer than usual";
  return `about ${formatSeconds(left)} left`;
}

/**
 * What the tracker is doing about an unfinished task, in a sentence: the server's own note when it
 * wrote one, else what its state means. Null for finished tasks.
 */
export function trackingSummary(item: TaskListItem, now: number): string | null {
  if (item.status !== "IN_PROGRESS") return null;
  const { state, note, next_check_at: next } = item.tracking;
  if (note) return note;
  switch (state) {
    case "submitting":
      return "Sending the request to API in One…";
    case "timed_out":
      return "Timed out — it took longer than this model ever should. Check again to ask once more.";
    case "unavailable":
      return "Waiting: the API key it was created with is not configured any more. Save it again in Settings to resume.";
    case "waiting":
      return "Waiting for the key's rate limit before the next check.";
    case "saving":
      return "Finished; saving a copy of the output in the Studio…";
    case "scheduled":
    case "done": {
      const inMs = next ? Date.parse(next) - now : NaN;
      return Number.isFinite(inMs) && inMs > 1_000
        ? `Next check in ${formatSeconds(inMs / 1000)}.`
        : "Checking with API in One…";
    }
  }
}

/** Timed out: the tracker stopped asking, only a person pressing "Check again" restarts it. */
export function needsCheck(item: TaskListItem): boolean {
  return item.status === "IN_PROGRESS" && item.tracking.state === "timed_out";
}

/** Unfinished but not moving: timed out, or its key is gone (no progress estimate makes sense). */
export function isStalled(item: TaskListItem): boolean {
  return (
    item.status === "IN_PROGRESS" &&
    (item.tracking.state === "timed_out" || item.tracking.state === "unavailable")
  );
}

/**
 * "Check again" is offered on every unfinished task the upstream knows: not while it is being
 * submitted, nor once the upstream has finished it and its outputs are being saved.
 */
export function canCheck(item: TaskListItem): boolean {
  return (
    item.status === "IN_PROGRESS" &&
    item.tracking.state !== "submitting" &&
    item.tracking.state !== "saving"
  );
}
