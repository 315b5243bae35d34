"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useState } from "react";
import { toast } from "sonner";
import { GenerateForm } from "./generate-form";
import { useLinkedRefill } from "./use-linked-refill";
import type { RouteId } from "@/lib/catalog";
import { useRecentRuns } from "@/lib/hooks/use-tasks";
import { applyTaskItem } from "@/lib/queries/task-cache";
import { taskKeys, taskQuery } from "@/lib/queries/tasks";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { RecentRuns } from "./recent-runs";
import { submittedRun } from "./submitted-run";
import { TaskResultPanel } from "./task-result-panel";

function scrollIntoViewGently(id: string, block: ScrollLogicalPosition) {
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  document.getElementById(id)?.scrollIntoView({ block, behavior: reduce ? "auto" : "smooth" });
}

/**
 * A generation page's working area: the form, the panel with the latest run (or the one picked),
 * and the page's recent runs under the form — all read from our database, so a reload or a visit
 * elsewhere loses nothing.
 */
export function GenerateWorkspace({
  routeIds,
  canUpload,
  emptyIcon,
  emptyHint,
}: {
  routeIds: readonly RouteId[];
  canUpload: boolean;
  emptyIcon: React.ReactNode;
  emptyHint: string;
}) {
  const client = useQueryClient();
  const recent = useRecentRuns(routeIds);
  const [submitted, setSubmitted] = useState<TaskListItem | null>(null);
  const [pickedId, setPickedId] = useState<string | null>(null);
  // Also filled from a task page's "Open in form" and "Use as input" links.
  const [refill, setRefill] = useLinkedRefill(routeIds);
  const formId = useId();
  const panelId = useId();

  const picked =
    pickedId === null
      ? undefined
      : (recent.runs?.find((r) => r.task_id === pickedId) ??
        (submitted?.task_id === pickedId ? submitted : undefined));
  const shown = picked ?? recent.runs?.[0];

  // Stable, so the memoized form does not render again when the recent runs change.
  const onSubmitted = useCallback(
    (created: Parameters<typeof submittedRun>[0]) => {
      const run = submittedRun(created, Date.now());
      // Shown at once; the server's version (and every later change) replaces it.
      applyTaskItem(client, run, { onlyIfAbsent: true });
      void client.invalidateQueries({ queryKey: taskKeys.lists });
      setSubmitted(run);
      setPickedId(run.task_id);
    },
    [client],
  );

  const retry = async (run: TaskListItem) => {
    try {
      const reply = await client.fetchQuery(taskQuery(run.task_id));
      // The form asks before this replaces edits the user has not run yet.
      setRefill({ route: run.route, body: { ...reply.data.request } });
      scrollIntoViewGently(formId, "start");
    } catch (error) {
      toast.error("Could not load that run's settings", {
        description: error instanceof Error ? error.message : undefined,
      });
    }
  };

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <div id={formId} className="min-w-0 scroll-mt-20 lg:col-start-1 lg:row-start-1">
        <GenerateForm
          routeIds={routeIds}
          canUpload={canUpload}
          initialBody={refill}
          onSubmitted={onSubmitted}
        />
      </div>
      <TaskResultPanel
        id={panelId}
        className="lg:col-start-2 lg:row-span-2 lg:row-start-1"
        run={shown}
        loading={!recent.runs && !recent.error}
        emptyIcon={emptyIcon}
        emptyHint={emptyHint}
        onRetry={retry}
      />
      <RecentRuns
        className="lg:col-start-1 lg:row-start-2"
        recent={recent}
        shownId={shown?.task_id}
        onShow={(taskId) => {
          setPickedId(taskId);
          scrollIntoViewGently(panelId, "nearest");
        }}
      />
    </div>
  );
}
