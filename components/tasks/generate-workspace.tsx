"use client";

import { useState } from "react";
import { GenerateForm } from "@/components/generate/generate-form";
import type { RouteId } from "@/lib/catalog";
import { TaskResultPanel, type SubmittedTask } from "./task-result-panel";

/** A generation page's working area: the catalog-driven form and the panel of the latest run. */
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
  const [task, setTask] = useState<SubmittedTask | null>(null);
  const [refill, setRefill] = useState<{ route: RouteId; body: Record<string, unknown> }>();
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <GenerateForm
        routeIds={routeIds}
        canUpload={canUpload}
        initialBody={refill}
        onSubmitted={(created) => setTask({ ...created, submittedAt: Date.now() })}
      />
      <TaskResultPanel
        task={task}
        emptyIcon={emptyIcon}
        emptyHint={emptyHint}
        onRetry={(failed) => setRefill({ route: failed.route, body: { ...failed.body } })}
      />
    </div>
  );
}
