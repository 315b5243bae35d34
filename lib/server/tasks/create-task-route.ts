// The POST handler every mirrored task route exports: same body and envelope as API in One,
// authenticated by our session or app token instead of the upstream key.
import "server-only";
import type { RouteId } from "@/lib/catalog";
import { idempotentReplayedHeader } from "@/lib/schemas/tasks";
import { invalid } from "@/lib/server/api-error";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { createTaskForUser } from "./create-task";
import { parseIdempotencyKey } from "./idempotency";
import { jsonAnswer } from "@/lib/server/json-answer";

async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw invalid("body: must be a JSON object");
  }
}

export function createTaskRoute(route: RouteId) {
  return defineRoute({}, async ({ req, user }) => {
    const idempotencyKey = parseIdempotencyKey(req.headers.get("idempotency-key"));
    const body = await readJson(req);
    const { reply, replayed } = await createTaskForUser(await getDb(), user, route, body, {
      idempotencyKey,
    });
    return jsonAnswer(reply, replayed ? { headers: { [idempotentReplayedHeader]: "true" } } : {});
  });
}
