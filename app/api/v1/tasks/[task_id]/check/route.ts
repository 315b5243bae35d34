// POST /api/v1/tasks/{task_id}/check — "check again": the tracker asks the upstream about this
// task as soon as the key's budget allows, and a timed-out task is tracked for another ceiling.
// Answers 202 with the task as stored now; the change arrives on the live stream.
import { taskParamsSchema } from "@/lib/schemas/tasks";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { jsonAnswer } from "@/lib/server/json-answer";
import { publicOrigin } from "@/lib/server/public-origin";
import { routeMethods } from "@/lib/server/route-methods";
import { getTaskOrThrow } from "@/lib/server/tasks/task-repository";
import { toListItem } from "@/lib/server/tasks/task-views";
import { publishTaskChange } from "@/lib/server/events/task-feed";
import { ceilingMs } from "@/lib/server/tracker/schedule";
import { scheduleModelOf, speedFor } from "@/lib/server/tracker/check-task";
import { requestCheckSoon } from "@/lib/server/tracker/queue";
import { wakeTracker } from "@/lib/server/tracker/tracker";

export const dynamic = "force-dynamic";

/** "Check again" within this long of the last check changes nothing. */
const recheckGapMs = 5000;

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  POST: defineRoute({ params: taskParamsSchema }, async ({ req, user, params }) => {
    const db = await getDb();
    const stored = await getTaskOrThrow(db, user.id, params.task_id);
    const ceiling = ceilingMs(scheduleModelOf(stored), { speed: speedFor(stored) });
    // Pressed again right after a check (or by a script in a loop): the answer is still fresh,
    // and another request would only spend the key's budget.
    const fresh = Date.now() - stored.checkedAt.getTime() < recheckGapMs / speedFor(stored);
    const wanted = stored.pollable && !(fresh && stored.trackingState !== "timed_out");
    const updated = wanted ? await requestCheckSoon(db, stored.id, ceiling) : null;
    if (updated) {
      publishTaskChange(updated);
      wakeTracker();
    }
    return jsonAnswer({ task: toListItem(updated ?? stored, publicOrigin(req)) }, { status: 202 });
  }),
});
