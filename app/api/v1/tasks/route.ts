// GET /api/v1/tasks — the user's tasks, newest first; ?route=&output=&status=&limit= filter them
// (the forms' "pick an earlier output" list). Unfinished tasks are refreshed on the way out.
import { taskListQuerySchema, type TaskListReply } from "@/lib/schemas/tasks";
import { invalid } from "@/lib/server/api-error";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { refreshListedTasks } from "@/lib/server/tasks/refresh-task";
import { listTasks } from "@/lib/server/tasks/task-repository";
import { toListItem } from "@/lib/server/tasks/task-views";

export const dynamic = "force-dynamic";

export const GET = defineRoute({}, async ({ req, user }): Promise<TaskListReply> => {
  const parsed = taskListQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}`);
  }
  const filter = parsed.data;
  const rows = await refreshListedTasks(await listTasks(await getDb(), user.id, filter));
  // A task that has just finished no longer matches ?status=IN_PROGRESS: keep to the query.
  const matching = filter.status ? rows.filter((row) => row.status === filter.status) : rows;
  return { tasks: matching.map(toListItem) };
});
