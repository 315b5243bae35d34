// GET /api/v1/usage?days=&tz= — what the signed-in user's tasks cost, by day (in their time zone,
// every day of the range, empty ones too) and by model, with today / week / month totals.
import { usageQuerySchema, type UsageReply } from "@/lib/schemas/usage";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";
import { usageFor } from "@/lib/server/tasks/usage";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute({ query: usageQuerySchema }, async ({ user, query }): Promise<UsageReply> =>
    usageFor(await getDb(), user.id, query),
  ),
});
