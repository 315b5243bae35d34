// GET/POST /api/v1/tokens — list the user's app tokens; create one (the token is in this answer only).
import { createTokenSchema, type AppTokenInfo } from "@/lib/schemas/account";
import { createAppToken, listAppTokens } from "@/lib/server/accounts/tokens";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";

export const dynamic = "force-dynamic";

type TokenRecord = Awaited<ReturnType<typeof listAppTokens>>[number];

function toInfo(t: TokenRecord): AppTokenInfo {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export const GET = defineRoute({}, async ({ user }) => ({
  tokens: (await listAppTokens(await getDb(), user.id)).map(toInfo),
}));

export const POST = defineRoute({ body: createTokenSchema }, async ({ user, body }) => {
  const { token, record } = await createAppToken(await getDb(), user.id, body.name);
  return Response.json(
    { token, info: toInfo(record) },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
