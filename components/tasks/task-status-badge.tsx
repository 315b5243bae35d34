import { AlertCircleIcon, CheckCircle2Icon, ClockAlertIcon, LoaderCircleIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { TaskStatus } from "@/lib/schemas/api";
import type { TrackingState } from "@/lib/schemas/tasks";

/**
 * A task's status as one badge: Succeeded, Failed, or Running with a spinner — unless the tracker
 * cannot move it on its own (timed out, or its key is gone), which no spinner should hide.
 */
export function TaskStatusBadge({
  status,
  tracking,
  testId,
}: {
  status: TaskStatus;
  tracking?: TrackingState;
  testId: string;
}) {
  if (status === "SUCCESS") {
    return (
      <Badge variant="success" data-testid={testId}>
        <CheckCircle2Icon aria-hidden /> Succeeded
      </Badge>
    );
  }
  if (status === "FAILED") {
    return (
      <Badge variant="destructive" data-testid={testId}>
        <AlertCircleIcon aria-hidden /> Failed
      </Badge>
    );
  }
  if (tracking === "timed_out" || tracking === "unavailable") {
    return (
      <Badge variant="warning" data-testid={testId}>
        <ClockAlertIcon aria-hidden /> {tracking === "timed_out" ? "Timed out" : "Key missing"}
      </Badge>
    );
  }
  return (
    <Badge variant="secondary" data-testid={testId}>
      <LoaderCircleIcon className="animate-spin motion-reduce:animate-none" aria-hidden /> Running
    </Badge>
  );
}
