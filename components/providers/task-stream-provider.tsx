"use client";

// The studio's one live task stream for this tab, mounted once in the studio layout: it keeps the
// React Query caches current (views stop polling while it is open) and announces each task seen
// finishing while the tab is open — from the stream, a check, or a fallback poll alike.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { announceFinished } from "@/components/tasks/announce-finished";
import { TaskStreamContext } from "@/lib/hooks/task-stream-context";
import { useFinishedNotifications } from "@/lib/hooks/use-finished-notifications";
import { useTaskStream } from "@/lib/hooks/use-task-stream";
import { createTransitionWatch } from "@/lib/queries/task-transitions";
import { taskKeys } from "@/lib/queries/tasks";
import { refreshUsage } from "@/lib/queries/usage";
import type { TaskListItem, TaskListReply } from "@/lib/schemas/tasks";

function isListKey(key: readonly unknown[]): boolean {
  return taskKeys.lists.every((part, i) => key[i] === part);
}

export function TaskStreamProvider({ children }: { children: React.ReactNode }) {
  const client = useQueryClient();
  const router = useRouter();
  const [notify] = useFinishedNotifications();
  const [watch] = useState(createTransitionWatch);

  const observe = useCallback(
    (items: readonly TaskListItem[]) => {
      const finished = watch.observe(items);
      // A comparison shows its results in place, and a blind one must not name its models.
      const quiet = window.location.pathname.startsWith("/compare");
      for (const item of quiet ? [] : finished) {
        announceFinished(item, { notify, navigate: (href) => router.push(href) });
      }
      // What finished has a cost now: every spend on screen (header, Usage page) reads again.
      if (finished.length > 0) void refreshUsage(client);
    },
    [watch, notify, router, client],
  );

  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== "updated" || event.action.type !== "success") return;
        if (!isListKey(event.query.queryKey)) return;
        const data = event.query.state.data as TaskListReply | undefined;
        if (data) observe(data.tasks);
      }),
    [client, observe],
  );

  const state = useTaskStream((item) => observe([item]));
  return <TaskStreamContext value={state}>{children}</TaskStreamContext>;
}
