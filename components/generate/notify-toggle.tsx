"use client";

import { useId } from "react";
import { toast } from "sonner";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import {
  useFinishedNotifications,
  type NotifyOutcome,
} from "@/lib/hooks/use-finished-notifications";

const outcomeMessages: Partial<Record<NotifyOutcome, () => void>> = {
  on: () =>
    toast.success("You will get a notification when a run finishes while this tab is hidden."),
  unsupported: () => toast.error("This browser cannot show notifications."),
  blocked: () =>
    toast.error("Notifications are blocked for this site.", {
      description: "Allow them in the browser's site settings, then turn this on again.",
    }),
  dismissed: () => toast.info("Notifications stay off: the browser did not get permission."),
};

/** Off by default; turning it on asks the browser for permission first. */
export function NotifyToggle() {
  const id = useId();
  const [enabled, setEnabled] = useFinishedNotifications();
  return (
    <div className="flex items-center gap-2">
      <Switch
        id={id}
        checked={enabled}
        onCheckedChange={(on) => {
          void setEnabled(on).then((outcome) => outcomeMessages[outcome]?.());
        }}
        aria-describedby={`${id}-hint`}
      />
      <Label htmlFor={id} className="text-xs font-normal whitespace-nowrap">
        Notify when done
      </Label>
      <span id={`${id}-hint`} className="sr-only">
        Shows a browser notification when a run finishes while this tab is in the background.
      </span>
    </div>
  );
}
