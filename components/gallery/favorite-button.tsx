"use client";

// The star on a gallery card: it turns at once (every cached library page shows the new state),
// the server is told, and a refusal turns it back with a word why. The server's answer then goes
// into every cached view (a card unstarred under the favourites filter leaves it).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { StarIcon } from "lucide-react";
import { toast } from "sonner";
import { apiFetch, ApiRequestError } from "@/lib/queries/api-fetch";
import type { LibraryData } from "@/lib/queries/library";
import { applyTaskItem } from "@/lib/queries/task-cache";
import { taskKeys } from "@/lib/queries/tasks";
import { taskPatchReplySchema } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils/cn";

function setFavoriteInLibraries(
  client: ReturnType<typeof useQueryClient>,
  taskId: string,
  favorite: boolean,
) {
  client.setQueriesData<LibraryData>({ queryKey: taskKeys.libraries }, (old) =>
    old?.pages
      ? {
          ...old,
          pages: old.pages.map((page) => ({
            ...page,
            tasks: page.tasks.map((t) => (t.task_id === taskId ? { ...t, favorite } : t)),
          })),
        }
      : old,
  );
}

function failureText(error: unknown): string {
  if (error instanceof ApiRequestError && error.type === "not_found") {
    return "This task no longer exists.";
  }
  if (error instanceof ApiRequestError && error.type === "authentication_error") {
    return "Your session ended: sign in again to change favourites.";
  }
  return "Could not save the favourite. Try again in a moment.";
}

export function FavoriteButton({
  taskId,
  favorite,
  name,
  className,
}: {
  taskId: string;
  favorite: boolean;
  /** What the task is called, for the button's label. */
  name: string;
  className?: string;
}) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (next: boolean) =>
      apiFetch(`/api/v1/tasks/${encodeURIComponent(taskId)}`, taskPatchReplySchema, {
        method: "PATCH",
        json: { favorite: next },
      }),
    onMutate: (next) => setFavoriteInLibraries(client, taskId, next),
    onSuccess: (reply) => applyTaskItem(client, reply.task),
    onError: (error, next) => {
      setFavoriteInLibraries(client, taskId, !next);
      toast.error(failureText(error));
    },
  });
  return (
    <button
      type="button"
      aria-pressed={favorite}
      aria-label={favorite ? `Remove ${name} from favourites` : `Add ${name} to favourites`}
      title={favorite ? "Remove from favourites" : "Add to favourites"}
      onClick={() => mutation.mutate(!favorite)}
      className={cn(
        "bg-background/80 text-muted-foreground hover:text-foreground focus-visible:ring-ring/50 relative z-10 grid size-8 place-items-center rounded-full border shadow-xs backdrop-blur-sm transition-colors outline-none focus-visible:ring-[3px]",
        favorite && "text-amber-500 hover:text-amber-600 dark:text-amber-400",
        className,
      )}
      data-testid="favorite-button"
    >
      <StarIcon className={cn("size-4", favorite && "fill-current")} aria-hidden />
    </button>
  );
}
