"use client";

// Delete with undo: the task disappears from view at once, but the DELETE is only sent when the
// undo toast closes (its own timer, which pauses while hovered, or the user closing it) — or right
// away, with keepalive, when the tab is closed or reloaded first, so a delete the user did not undo
// is never lost. There is no timer of our own: Undo works for as long as the toast shows it.

/** How long the undo toast stays (sonner pauses it while hovered or the tab is hidden). */
export const undoWindowMs = 6000;

export interface PendingDelete {
  /** Cancels the delete if it has not been sent; true when it was cancelled. */
  undo: () => boolean;
  /** Sends it now (the toast was closed); nothing when already sent or undone. */
  commit: () => void;
}

export function scheduleDelete(
  taskId: string,
  { onSent }: { onSent: (result: "deleted" | "failed") => void },
): PendingDelete {
  let state: "waiting" | "sent" | "undone" = "waiting";
  const url = `/api/v1/tasks/${encodeURIComponent(taskId)}`;

  const send = (keepalive: boolean) => {
    if (state !== "waiting") return;
    state = "sent";
    window.removeEventListener("pagehide", onLeave);
    fetch(url, { method: "DELETE", keepalive, credentials: "same-origin" }).then(
      // 404: already gone (deleted in another tab) is what the user wanted.
      (res) => onSent(res.ok || res.status === 404 ? "deleted" : "failed"),
      () => onSent("failed"),
    );
  };
  const onLeave = () => send(true);
  window.addEventListener("pagehide", onLeave);

  return {
    commit: () => send(false),
    undo: () => {
      if (state !== "waiting") return false;
      state = "undone";
      window.removeEventListener("pagehide", onLeave);
      return true;
    },
  };
}
