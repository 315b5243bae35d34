"use client";

// One EventSource per tab on the user's task changes: every pushed task goes into the React Query
// caches that show it, a deleted one leaves them all, and the state says whether views may stop
// polling. When the stream drops the browser reconnects by itself (after the server's `retry`); a
// refused stream (signed out, server restarting) is reopened here with a backoff. Each (re)open
// reads again what may have changed while nobody listened.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { applyTaskItem, catchUpTasks, removeTask, trackTaskReads } from "@/lib/queries/task-cache";
import {
  parseTaskDeletedEvent,
  parseTaskEvent,
  reopenDelayMs,
  taskDeletedEventName,
  taskEventName,
} from "@/lib/queries/task-events";
import { taskEventsPath } from "@/lib/queries/tasks";
import type { TaskListItem } from "@/lib/schemas/tasks";
import type { TaskStreamState } from "./task-stream-context";

export function useTaskStream(onItem: (item: TaskListItem) => void): TaskStreamState {
  const client = useQueryClient();
  const [state, setState] = useState<TaskStreamState>("connecting");
  const onItemRef = useRef(onItem);
  useEffect(() => {
    onItemRef.current = onItem;
  }, [onItem]);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    // While the stream runs, what it (or an edit) writes into the cache survives a read that was
    // already on its way (see task-reads); the first open reads every list again anyway.
    const stopTracking = trackTaskReads(client);
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let openedBefore = false;
    let refusals = 0;
    const connect = () => {
      const current = new EventSource(taskEventsPath);
      source = current;
      current.onopen = () => {
        refusals = 0;
        setState("open");
        void catchUpTasks(client, openedBefore ? "all" : "first-open");
        openedBefore = true;
      };
      current.addEventListener(taskEventName, (event) => {
        const item = parseTaskEvent(String((event as MessageEvent<unknown>).data));
        if (!item) return;
        onItemRef.current(item);
        applyTaskItem(client, item);
      });
      current.addEventListener(taskDeletedEventName, (event) => {
        const taskId = parseTaskDeletedEvent(String((event as MessageEvent<unknown>).data));
        if (taskId) removeTask(client, taskId);
      });
      current.onerror = () => {
        setState("down");
        if (current.readyState === EventSource.CLOSED) {
          current.close();
          reopen = setTimeout(connect, reopenDelayMs(refusals++));
        }
      };
    };
    connect();
    return () => {
      clearTimeout(reopen);
      source?.close();
      stopTracking();
    };
  }, [client]);

  return state;
}
