"use client";

import { useQueryClient } from "@tanstack/react-query";
import { DicesIcon, PencilLineIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { reuseSeedHref, seedOfRequest } from "@/components/generate/seed-values";
import { pageForRoute } from "./task-pages";
import { Button } from "@/components/ui/button";
import type { ModelEntry } from "@/lib/catalog";
import { useGalleryHref } from "@/lib/hooks/use-library";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { scheduleDelete, undoWindowMs } from "./pending-delete";
import { RunAgainButton } from "./run-again-button";
import { forgetTask, hideTask, showTaskAgain } from "./task-mutations";
import { IntentLink } from "@/components/ui/intent-link";

/**
 * Delete with undo: the task leaves every view at once and the user is back in the gallery view
 * they came from; the DELETE is sent when the toast closes (see pending-delete).
 */
function useDeleteWithUndo(item: TaskListItem, name: string) {
  const client = useQueryClient();
  const router = useRouter();
  const galleryHref = useGalleryHref();
  return () => {
    const taskId = item.task_id;
    const pending = scheduleDelete(taskId, {
      onSent: (result) => {
        if (result === "deleted") return forgetTask(client, taskId);
        toast.error("Could not delete the task", { description: "It is back in your gallery." });
        void showTaskAgain(client, taskId);
      },
    });
    hideTask(client, taskId);
    toast(`Deleted “${name}”`, {
      duration: undoWindowMs,
      action: {
        label: "Undo",
        onClick: () => {
          if (pending.undo()) void showTaskAgain(client, taskId);
        },
      },
      onDismiss: () => pending.commit(),
      onAutoClose: () => pending.commit(),
      testId: "delete-toast",
    });
    router.push(galleryHref);
  };
}

/** What can be done with the task: its form, a new run, deletion (with undo). */
export function TaskActions({
  item,
  entry,
  request,
}: {
  item: TaskListItem;
  entry: ModelEntry | undefined;
  request: Record<string, unknown>;
}) {
  const page = pageForRoute(item.route);
  const remove = useDeleteWithUndo(
    item,
    item.title ?? item.prompt_preview ?? entry?.label ?? item.model,
  );
  const seed = seedOfRequest(entry, request);
  const modelValue = typeof request.model === "string" ? request.model : undefined;
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Task actions">
      <Button asChild variant="outline">
        <IntentLink
          href={`${page.href}?from=${encodeURIComponent(item.task_id)}`}
          data-testid="open-in-form"
        >
          <PencilLineIcon aria-hidden /> Open in form
        </IntentLink>
      </Button>
      {entry ? <RunAgainButton route={item.route} entry={entry} body={request} /> : null}
      {entry && seed !== undefined ? (
        <Button asChild variant="outline">
          <IntentLink
            href={reuseSeedHref(entry, modelValue, seed)}
            title={`Open the form with seed ${seed}, keeping your other settings`}
            data-testid="reuse-seed"
          >
            <DicesIcon aria-hidden /> Reuse seed
          </IntentLink>
        </Button>
      ) : null}
      <Button
        variant="outline"
        className="text-destructive hover:text-destructive sm:ml-auto"
        onClick={remove}
        // Still being created: the server has no task to delete yet (it answers 409).
        disabled={item.tracking.state === "submitting"}
        title={
          item.tracking.state === "submitting"
            ? "Can be deleted once the task is created"
            : undefined
        }
        data-testid="delete-task"
      >
        <Trash2Icon aria-hidden /> Delete
      </Button>
    </div>
  );
}
