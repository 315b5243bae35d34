import { AlertCircleIcon, CheckCircle2Icon, LoaderCircleIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { TaskStatus } from "@/lib/schemas/api";

/** A task's status as one badge: Succeeded, Failed, or Running with a spinner. */
export function TaskStatusBadge({ status, testId }: { status: TaskStatus; testId: string }) {
  if (status === "SUCCESS") {
    return (
      <Badge variant="success" data-testid={testId}>
        <CheckCircle2Icon /> Succeeded
      </Badge>
    );
  }
  if (status === "FAILED") {
    return (
      <Badge variant="destructive" data-testid={testId}>
        <AlertCircleIcon /> Failed
      </Badge>
    );
  }
  return (
    <Badge variant="secondary" data-testid={testId}>
      <LoaderCircleIcon className="animate-spin" /> Running
    </Badge>
  );
}
