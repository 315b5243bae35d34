"use client";

import { useQueryClient } from "@tanstack/react-query";
import { PencilLineIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { pageForRoute } from "@/components/tasks/task-pages";
import { Button } from "@/components/ui/button";
import type { ModelEntry } from "@/lib/catalog";
import { taskKeys } from "@/lib/queries/tasks";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { scheduleDelete, undoWindowMs } from "./pending-delete";
import { RunAgainButton } from "./run-again-button";
import { hideTask, showTaskAgain } from "./task-mutations";

function useDeleteWithUndo(item: TaskListItem, name: string) {
  const client = useQueryClient();
  const router = useRouter();
  return () => {
    const pending = scheduleDelete(item.task_id, {
      onSent: (result) => {
        if (result === "deleted") {
          client.removeQueries({ queryKey: taskKeys.detail(item.task_id) });
          return;
        }
        toast.error("Could not delete the task", { description: "It is back in your gallery." });
        void showTaskAgain(client);
      },
    });
    hideTask(client, item.task_id);
    toast(`Deleted “${name}”`, {
      duration: undoWindowMs,
      action: {
        label: "Undo",
        onClick: () => {
          if (pending.undo()) void showTaskAgain(client);
        },
      },
      onDismiss: () => pending.commit(),
      onAutoClose: () => pending.commit(),
    });
    router.push("/gallery");
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
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Task actions">
      <Button asChild variant="outline">
        <Link
          href={`${page.href}?from=${encodeURIComponent(item.task_id)}`}
          data-testid="open-in-form"
        >
          <PencilLineIcon aria-hidden /> Open in form
        </Link>
      </Button>
      {entry ? <RunAgainButton route={item.route} entry={entry} body={request} /> : null}
      <Button
        variant="outline"
        className="text-destructive hover:text-destructive sm:ml-auto"
        onClick={remove}
        data-testid="delete-task"
      >
        <Trash2Icon aria-hidden /> Delete
      </Button>
    </div>
  );
}
