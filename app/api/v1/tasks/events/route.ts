// GET /api/v1/tasks/events — the signed-in user's task changes as server-sent events: `event: task`
// with the list item for every change, `event: task-deleted` with `{"task_id"}` for a deletion, a
// `: ping` every 15 s, until the client goes away.
import { defineRoute } from "@/lib/server/define-route";
import { taskEventStream } from "@/lib/server/events/task-event-stream";
import { publicOrigin } from "@/lib/server/public-origin";
import { routeMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute({}, async ({ user, req }) =>
    taskEventStream({ userId: user.id, origin: publicOrigin(req), signal: req.signal }),
  ),
});
