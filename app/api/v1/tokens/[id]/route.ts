// DELETE /api/v1/tokens/{id} — revoke one of the user's tokens (404 for anyone else's).
import { notFound } from "@/lib/server/api-error";
import { revokeAppToken } from "@/lib/server/accounts/tokens";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";
import { tokenParamsSchema } from "@/lib/schemas/account";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  DELETE: defineRoute({ params: tokenParamsSchema }, async ({ user, params }) => {
    if (!(await revokeAppToken(await getDb(), user.id, params.id))) throw notFound("Token", "id");
    return { revoked: true };
  }),
});
