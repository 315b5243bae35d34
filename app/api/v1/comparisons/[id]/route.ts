// GET /api/v1/comparisons/{id} — one comparison with its tasks; PATCH picks the favourite column
// (revealing a blind comparison's models); DELETE removes the comparison, keeping its tasks.
// Another user's id is 404, like one that never existed.
import type { z } from "zod";
import {
  comparisonParamsSchema,
  comparisonPatchSchema,
  type comparisonDeleteReplySchema,
  type comparisonReplySchema,
} from "@/lib/schemas/compare";
import {
  deleteComparison,
  getComparisonOrThrow,
  setFavorite,
} from "@/lib/server/compare/comparison-repository";
import { comparisonWithTasks } from "@/lib/server/compare/comparison-views";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { publicOrigin } from "@/lib/server/public-origin";
import { routeMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

type Reply = z.infer<typeof comparisonReplySchema>;

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute(
    { params: comparisonParamsSchema },
    async ({ req, user, params }): Promise<Reply> => {
      const db = await getDb();
      const row = await getComparisonOrThrow(db, user.id, params.id);
      return { comparison: await comparisonWithTasks(db, user.id, row, publicOrigin(req)) };
    },
  ),
  PATCH: defineRoute(
    { params: comparisonParamsSchema, body: comparisonPatchSchema },
    async ({ req, user, params, body }): Promise<Reply> => {
      const db = await getDb();
      const row = await setFavorite(db, user.id, params.id, body.favorite_column);
      return { comparison: await comparisonWithTasks(db, user.id, row, publicOrigin(req)) };
    },
  ),
  DELETE: defineRoute(
    { params: comparisonParamsSchema },
    async ({ user, params }): Promise<z.infer<typeof comparisonDeleteReplySchema>> => {
      await deleteComparison(await getDb(), user.id, params.id);
      return { id: params.id, deleted: true };
    },
  ),
});
