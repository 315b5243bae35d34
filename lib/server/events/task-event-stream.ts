// One user's task changes as a server-sent-events response: `event: task` with the list item as
// JSON for every change, `event: task-deleted` with `{"task_id"}` for a deletion, a comment every
// 15 s so proxies and browsers keep the connection, and a clean end (listener and timer gone) when
// the client leaves or the server shuts down.
import "server-only";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { toListItem } from "@/lib/server/tasks/task-views";
import { subscribeToTaskChanges } from "./task-feed";

export const taskEventName = "task";
export const taskDeletedEventName = "task-deleted";
export const pingEveryMs = 15_000;
/** How long a browser waits before reconnecting after the stream drops. */
export const reconnectAfterMs = 3_000;

/** One SSE message; JSON has no raw newlines, so the data is one line. */
export function taskEvent(item: TaskListItem): string {
  return `event: ${taskEventName}\ndata: ${JSON.stringify(item)}\n\n`;
}

export function taskDeletedEvent(taskId: string): string {
  return `event: ${taskDeletedEventName}\ndata: ${JSON.stringify({ task_id: taskId })}\n\n`;
}

export const pingComment = ": ping\n\n";

interface OpenStreams {
  /** Ends a stream by dropping its connection (the server is going away). */
  drops: Set<() => void>;
  shuttingDown: boolean;
  signalsWatched: boolean;
}

const globalForStreams = globalThis as unknown as { studioTaskStreams?: OpenStreams };

function openStreams(): OpenStreams {
  globalForStreams.studioTaskStreams ??= {
    drops: new Set(),
    shuttingDown: false,
    signalsWatched: false,
  };
  return globalForStreams.studioTaskStreams;
}

/**
 * Next's graceful shutdown (SIGTERM/SIGINT) waits for every open response, and an event stream
 * never ends on its own; ended politely, its keep-alive connection would carry the browser's
 * reconnect straight back in. So on those signals each stream is aborted, which drops its
 * connection (Next treats an AbortError as the client leaving), and streams opened after that are
 * aborted at once: browsers reconnect to the server restarted, or to another instance. When
 * nobody else handles the signal, its default (exit) still happens.
 */
function watchShutdownSignals(streams: OpenStreams): void {
  if (streams.signalsWatched) return;
  streams.signalsWatched = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const onSignal = () => {
      streams.shuttingDown = true;
      for (const drop of [...streams.drops]) drop();
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

export function taskEventStream({
  userId,
  origin,
  signal,
}: {
  userId: string;
  /** Where this Studio is reached: stored outputs are served from it. */
  origin: string;
  /** The request's: aborted when the client goes away. */
  signal: AbortSignal;
}): Response {
  const encoder = new TextEncoder();
  let stop: () => void = () => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const unsubscribe = subscribeToTaskChanges(
        userId,
        (row) => send(taskEvent(toListItem(row, origin))),
        (taskId) => send(taskDeletedEvent(taskId)),
      );
      const ping = setInterval(() => send(pingComment), pingEveryMs);
      const onAbort = () => stop();
      const streams = openStreams();
      const end = (how: "close" | "drop") => {
        if (!open) return;
        open = false;
        streams.drops.delete(drop);
        unsubscribe();
        clearInterval(ping);
        signal.removeEventListener("abort", onAbort);
        try {
          if (how === "close") controller.close();
          else controller.error(new DOMException("The server is shutting down", "AbortError"));
        } catch {
          // already cancelled by the reader
        }
      };
      const drop = () => end("drop");
      stop = () => end("close");
      if (signal.aborted) {
        stop();
        return;
      }
      if (streams.shuttingDown) {
        drop();
        return;
      }
      signal.addEventListener("abort", onAbort);
      streams.drops.add(drop);
      watchShutdownSignals(streams);
      send(`retry: ${reconnectAfterMs}\n: connected\n\n`);
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold events back until a buffer fills.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
