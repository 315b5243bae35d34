// GET /api/v1/tasks — the user's tasks, newest first; ?route=&output=&status=&limit= filter them
// (the forms' "pick an earlier output" list). Unfinished tasks are refreshed on the way out.
import { taskListQuerySchema, type TaskListReply } from "@/lib/schemas/tasks";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";
import { refreshListedTasks } from "@/lib/server/tasks/refresh-task";
import { listTasks } from "@/lib/server/tasks/task-repository";
import { toListItem } from "@/lib/server/tasks/task-views";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute(
    { query: taskListQuerySchema },
    async ({ user, query }): Promise<TaskListReply> => {
      const rows = await refreshListedTasks(await listTasks(await getDb(), user.id, query));
      // A task that has just finished no longer matches ?status=IN_PROGRESS: keep to the query.
      const matching = query.status ? rows.filter((row) => row.status === query.status) : rows;
      return { tasks: matching.map(toListItem) };
    },
  ),
});
