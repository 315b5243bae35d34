// The POST handler every mirrored task route exports: same body and envelope as API in One,
// authenticated by our session or app token instead of the upstream key.
import "server-only";
import type { RouteId } from "@/lib/catalog";
import { idempotentReplayedHeader } from "@/lib/schemas/tasks";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { jsonAnswer } from "@/lib/server/json-answer";
import { routeMethods } from "@/lib/server/route-methods";
import { createTaskForUser } from "./create-task";
import { parseIdempotencyKey } from "./idempotency";

export function createTaskRoute(route: RouteId) {
  return routeMethods({
    POST: defineRoute({ body: "json" }, async ({ req, user, body }) => {
      const idempotencyKey = parseIdempotencyKey(req.headers.get("idempotency-key"));
      const { reply, replayed } = await createTaskForUser(await getDb(), user, route, body, {
        idempotencyKey,
      });
      return jsonAnswer(reply, replayed ? { headers: { [idempotentReplayedHeader]: "true" } } : {});
    }),
  });
}
