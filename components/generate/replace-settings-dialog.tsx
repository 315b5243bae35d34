"use client";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

/** Asked before a refill (Retry, Open in form) replaces edits the user has not run yet. */
export function ReplaceSettingsDialog({
  open,
  modelLabel,
  onReplace,
  onKeep,
}: {
  open: boolean;
  /** The model the refill would switch to. */
  modelLabel: string;
  onReplace: () => void;
  onKeep: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onKeep())}>
      <DialogContent role="alertdialog" className="max-w-md" data-testid="replace-settings-dialog">
        <DialogHeader>
          <DialogTitle>Replace your current settings?</DialogTitle>
          <DialogDescription>
            {`You have changed the form since it last ran. Filling in that run's settings (${modelLabel}) replaces what you typed.`}
          </DialogDescription>
        </DialogHeader>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button type="button" variant="outline" onClick={onKeep} autoFocus>
            Keep my edits
          </Button>
          <Button type="button" onClick={onReplace}>
            Replace
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
