"use client";

import { CoinsIcon, RotateCwIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatCredits } from "@/lib/utils/format";
import { describeError } from "@/components/generate/describe-error";
import { newIdempotencyKey } from "@/components/generate/idempotency";
import { estimateCredits } from "@/components/generate/price-estimate";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import type { ModelEntry, RouteId } from "@/lib/catalog";
import { useCreateTask } from "@/components/generate/use-create-task";

/**
 * Sends the same request again as a new task, after saying what it costs. One Idempotency-Key per
 * opened dialog: a double click or a resend after a lost answer creates one task, not two.
 */
export function RunAgainButton({
  route,
  entry,
  body,
}: {
  route: RouteId;
  entry: ModelEntry | undefined;
  body: Record<string, unknown>;
}) {
  const router = useRouter();
  const createTask = useCreateTask();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const credits = entry ? estimateCredits(entry, body) : null;
  const approximate = credits !== null && entry?.priceUncertain;
  const failure = createTask.error ? describeError(createTask.error) : null;

  const confirm = () => {
    createTask.mutate(
      { route, body, idempotencyKey: key },
      { onSuccess: (task) => router.push(`/tasks/${encodeURIComponent(task.task_id)}`) },
    );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next && !createTask.isPending) {
          createTask.reset();
          setKey(newIdempotencyKey());
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="run-again">
          <RotateCwIcon aria-hidden /> Run again
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Run this task again?</DialogTitle>
          <DialogDescription>
            The same request goes to {entry?.label ?? "the model"} as a new task; this one stays as
            it is.
          </DialogDescription>
        </DialogHeader>
        <p className="flex items-center gap-2 text-sm" data-testid="run-again-price">
          <CoinsIcon className="text-muted-foreground size-4" aria-hidden />
          <span className="text-muted-foreground">Estimated cost</span>
          <span className="font-medium tabular-nums">
            {approximate ? "≈ " : ""}
            {formatCredits(credits)}
          </span>
        </p>
        {failure ? (
          <Alert variant="destructive" data-testid="run-again-error">
            <span className="[overflow-wrap:anywhere]">{failure.message}</span>
          </Alert>
        ) : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button onClick={confirm} disabled={createTask.isPending} data-testid="run-again-confirm">
            {createTask.isPending ? "Starting…" : "Run again"}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
