import { FileQuestionIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function TaskNotFound() {
  return (
    <div
      className="flex flex-1 flex-col items-center justify-center gap-4 py-16 text-center"
      data-testid="task-not-found"
    >
      <span className="bg-muted text-muted-foreground grid size-14 place-items-center rounded-full">
        <FileQuestionIcon className="size-7" aria-hidden />
      </span>
      <div className="flex flex-col gap-1.5">
        <h1 className="text-xl font-semibold tracking-tight">Task not found</h1>
        <p className="text-muted-foreground max-w-sm text-sm">
          There is no task with this id among yours. It may have been deleted, or the link belongs
          to another account.
        </p>
      </div>
      <Button asChild>
        <Link href="/gallery">Back to the gallery</Link>
      </Button>
    </div>
  );
}
