// DELETE /api/v1/tokens/{id} — revoke one of the user's tokens (404 for anyone else's).
import { notFound } from "@/lib/server/api-error";
import { revokeAppToken } from "@/lib/server/accounts/tokens";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";

export const dynamic = "force-dynamic";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DELETE = defineRoute<undefined, { id: string }>({}, async ({ user, params }) => {
  if (!uuidPattern.test(params.id) || !(await revokeAppToken(await getDb(), user.id, params.id))) {
    throw notFound("Token");
  }
  return { revoked: true };
});
