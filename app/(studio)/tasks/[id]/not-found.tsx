import { FileQuestionIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";

export default function TaskNotFound() {
  return (
    <EmptyState
      icon={<FileQuestionIcon />}
      size="lg"
      heading="h1"
      title="Task not found"
      className="flex-1 gap-4 py-16"
      data-testid="task-not-found"
      actions={
        <Button asChild>
          <IntentLink href="/gallery">Back to the gallery</IntentLink>
        </Button>
      }
    >
      There is no task with this id among yours. It may have been deleted, or the link belongs to
      another account.
    </EmptyState>
  );
}
