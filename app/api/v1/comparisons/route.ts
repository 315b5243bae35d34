// GET /api/v1/comparisons — the user's recent comparisons, newest first, with their tasks.
// POST /api/v1/comparisons — checks every column with the catalog, stores the comparison, then
// creates one task per column (the mirrored routes' own path); 201 with the comparison.
import type { z } from "zod";
import {
  comparisonCreateSchema,
  comparisonListQuerySchema,
  type comparisonListReplySchema,
  type comparisonReplySchema,
} from "@/lib/schemas/compare";
import { comparisonWithTasks, comparisonsWithTasks } from "@/lib/server/compare/comparison-views";
import { listComparisons } from "@/lib/server/compare/comparison-repository";
import { createComparison } from "@/lib/server/compare/create-comparison";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { jsonAnswer } from "@/lib/server/json-answer";
import { publicOrigin } from "@/lib/server/public-origin";
import { routeMethods } from "@/lib/server/route-methods";
import { parseIdempotencyKey } from "@/lib/server/tasks/idempotency";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute(
    { query: comparisonListQuerySchema },
    async ({ req, user, query }): Promise<z.infer<typeof comparisonListReplySchema>> => {
      const db = await getDb();
      const rows = await listComparisons(db, user.id, query.limit);
      return { comparisons: await comparisonsWithTasks(db, user.id, rows, publicOrigin(req)) };
    },
  ),
  POST: defineRoute({ body: comparisonCreateSchema }, async ({ req, user, body }) => {
    const idempotencyKey = parseIdempotencyKey(req.headers.get("idempotency-key"));
    const db = await getDb();
    const row = await createComparison(db, user, body, { idempotencyKey });
    const comparison = await comparisonWithTasks(db, user.id, row, publicOrigin(req));
    return jsonAnswer({ comparison } satisfies z.infer<typeof comparisonReplySchema>, {
      status: 201,
    });
  }),
});
