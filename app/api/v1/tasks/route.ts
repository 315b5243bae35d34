// GET /api/v1/tasks — the user's tasks, newest first, as the tracker last stored them, a page at a
// time (`next_cursor`), filtered by kind, model, status, search words, favourite and date range.
// Reading never asks the upstream anything.
import { taskListQuerySchema, type TaskListReply } from "@/lib/schemas/tasks";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { publicOrigin } from "@/lib/server/public-origin";
import { routeMethods } from "@/lib/server/route-methods";
import { listTaskPage } from "@/lib/server/tasks/task-list";
import { toListItem } from "@/lib/server/tasks/task-views";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute(
    { query: taskListQuerySchema },
    async ({ req, user, query }): Promise<TaskListReply> => {
      const page = await listTaskPage(await getDb(), user.id, query);
      const origin = publicOrigin(req);
      return {
        tasks: page.rows.map((row) => toListItem(row, origin)),
        next_cursor: page.nextCursor,
      };
    },
  ),
});
