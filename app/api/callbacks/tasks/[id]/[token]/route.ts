// POST /api/callbacks/tasks/{id}/{token} — the upstream reports that a task changed. Trusted only
// with the task's own token, and even then only as a hint: the tracker checks the task once with
// a GET (the callback's body is never believed). Any other id or token is a plain 404.
import { z } from "zod";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/server/db";
import { tasks } from "@/lib/server/db/schema";
import { notFound } from "@/lib/server/api-error";
import { definePublicRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";
import { callbackTokenMatches } from "@/lib/server/tracker/callbacks";
import { requestCheckSoon } from "@/lib/server/tracker/queue";
import { wakeTracker } from "@/lib/server/tracker/tracker";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid(), token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  POST: definePublicRoute({ params }, async ({ params }) => {
    const db = await getDb();
    const [row] = await db
      .select({ hash: tasks.callbackTokenHash })
      .from(tasks)
      .where(eq(tasks.id, params.id))
      .limit(1);
    if (!row || !callbackTokenMatches(params.token, row.hash)) throw notFound("Callback");
    if (await requestCheckSoon(db, params.id)) wakeTracker();
    return { received: true };
  }),
});
