"use client";

// "Check again": asks the server's tracker to look at a task soon (within the key's budget). The
// answer carries the task as it stands, merged into every view of it; its later changes come
// through the live stream like any other.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { applyTaskItem } from "@/lib/queries/task-cache";
import { checkTask } from "@/lib/queries/tasks";

export function useCheckTask(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["tasks", "check", taskId],
    mutationFn: () => checkTask(taskId),
    onSuccess: (reply) => applyTaskItem(client, reply.task),
  });
}
