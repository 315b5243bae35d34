// GET /api/v1/tasks/{task_id} — one of the user's tasks in API in One's status shape, from our
// database: the server's tracker keeps it current, so reading never calls the upstream.
// PATCH stars or names it; DELETE removes it and its stored files (409 conflict while it is being
// created; its credits stay on /usage). Another user's id is 404.
import { envelope } from "@/lib/schemas/api";
import {
  taskParamsSchema,
  taskPatchSchema,
  type taskDeleteReplySchema,
  type taskPatchReplySchema,
} from "@/lib/schemas/tasks";
import type { z } from "zod";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { publishTaskChange } from "@/lib/server/events/task-feed";
import { jsonAnswer } from "@/lib/server/json-answer";
import { publicOrigin } from "@/lib/server/public-origin";
import { routeMethods } from "@/lib/server/route-methods";
import { deleteTaskForUser } from "@/lib/server/tasks/delete-task";
import { getTaskOrThrow, updateTaskLibrary } from "@/lib/server/tasks/task-repository";
import { toListItem, toTaskInfo } from "@/lib/server/tasks/task-views";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute({ params: taskParamsSchema }, async ({ req, user, params }) => {
    const stored = await getTaskOrThrow(await getDb(), user.id, params.task_id);
    return jsonAnswer(envelope(toTaskInfo(stored, publicOrigin(req))));
  }),
  PATCH: defineRoute(
    { params: taskParamsSchema, body: taskPatchSchema },
    async ({ req, user, params, body }): Promise<z.infer<typeof taskPatchReplySchema>> => {
      const row = await updateTaskLibrary(await getDb(), user.id, params.task_id, body);
      publishTaskChange(row);
      return { task: toListItem(row, publicOrigin(req)) };
    },
  ),
  DELETE: defineRoute(
    { params: taskParamsSchema },
    async ({ user, params }): Promise<z.infer<typeof taskDeleteReplySchema>> => {
      await deleteTaskForUser(await getDb(), user.id, params.task_id);
      return { task_id: params.task_id, deleted: true };
    },
  ),
});
