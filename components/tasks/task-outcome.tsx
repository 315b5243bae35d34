"use client";

import { AlertCircleIcon } from "lucide-react";
import { toolCompare } from "@/components/media/tool-compare";
import { CheckAgainButton } from "./check-again-button";
import {
  canCheck,
  elapsedSeconds,
  estimateRemaining,
  formatSeconds,
  isStalled,
  needsCheck,
} from "./run-timing";
import { modelEntry } from "./task-pages";
import { TrackingNote } from "./tracking-note";
import { useNow } from "./use-now";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { isHttpUrl } from "@/lib/catalog";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { TaskViewer } from "./task-viewer";

function Running({ item }: { item: TaskListItem }) {
  const now = useNow(true);
  const elapsed = elapsedSeconds(item, now);
  const typical = modelEntry(item.model)?.typicalSeconds;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-muted-foreground flex flex-wrap justify-between gap-x-3 text-sm">
        {/* The clock differs between the server's render and hydration; the next tick catches up. */}
        <span suppressHydrationWarning>Running for {formatSeconds(elapsed)}</span>
        {typical && !isStalled(item) ? (
          <span suppressHydrationWarning>{estimateRemaining(typical, elapsed)}</span>
        ) : null}
      </p>
      <TrackingNote run={item} now={now} className="text-sm" testId="task-tracking" />
      {canCheck(item) ? (
        <CheckAgainButton taskId={item.task_id} emphasized={needsCheck(item)} />
      ) : null}
      <Skeleton className={item.output === "audio" ? "h-20" : "aspect-video"} />
    </div>
  );
}

/** What the task produced: the outputs, the reason it failed, or how far it has got. */
export function TaskOutcome({
  item,
  label,
  studioOrigin,
}: {
  item: TaskListItem;
  label: string;
  studioOrigin: string;
}) {
  if (item.status === "IN_PROGRESS") return <Running item={item} />;
  if (item.status === "FAILED") {
    return (
      <Alert variant="destructive" data-testid="task-error">
        <AlertCircleIcon />
        <span className="[overflow-wrap:anywhere]">
          {item.error_message || "The task failed without a reason from API in One."}
        </span>
      </Alert>
    );
  }
  const outputs = item.response.flatMap((url, i) =>
    isHttpUrl(url) ? [{ url, originalUrl: item.original_response[i] }] : [],
  );
  if (outputs.length === 0) {
    return <p className="text-muted-foreground text-sm">The task finished without output files.</p>;
  }
  return (
    <TaskViewer
      kind={item.output}
      outputs={outputs}
      label={`${label} output`}
      naming={{ title: item.title, prompt: item.prompt_preview, model: item.model }}
      studioOrigin={studioOrigin}
      compare={toolCompare(item.route, item.inputs)}
    />
  );
}
