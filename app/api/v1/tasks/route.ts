// GET /api/v1/tasks — the user's tasks, newest first; ?route=&output=&status=&limit= filter them
// (the forms' "pick an earlier output" list).
import { taskListQuerySchema, type TaskListReply } from "@/lib/schemas/tasks";
import { invalid } from "@/lib/server/api-error";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { listTasks } from "@/lib/server/tasks/task-repository";
import { toListItem } from "@/lib/server/tasks/task-views";

export const dynamic = "force-dynamic";

export const GET = defineRoute({}, async ({ req, user }): Promise<TaskListReply> => {
  const parsed = taskListQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}`);
  }
  const rows = await listTasks(await getDb(), user.id, parsed.data);
  return { tasks: rows.map(toListItem) };
});
