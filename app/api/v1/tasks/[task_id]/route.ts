// GET /api/v1/tasks/{task_id} — one of the user's tasks in API in One's status shape, from our
// database: the server's tracker keeps it current, so reading never calls the upstream.
import { envelope } from "@/lib/schemas/api";
import { taskParamsSchema } from "@/lib/schemas/tasks";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { jsonAnswer } from "@/lib/server/json-answer";
import { publicOrigin } from "@/lib/server/public-origin";
import { routeMethods } from "@/lib/server/route-methods";
import { getTaskOrThrow } from "@/lib/server/tasks/task-repository";
import { toTaskInfo } from "@/lib/server/tasks/task-views";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute({ params: taskParamsSchema }, async ({ req, user, params }) => {
    const stored = await getTaskOrThrow(await getDb(), user.id, params.task_id);
    return jsonAnswer(envelope(toTaskInfo(stored, publicOrigin(req))));
  }),
});
