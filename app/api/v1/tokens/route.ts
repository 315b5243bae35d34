// GET/POST /api/v1/tokens — list the user's app tokens; create one (the token is in this answer only).
import {
  createTokenSchema,
  type AppTokenInfo,
  type AppTokenList,
  type CreatedAppToken,
} from "@/lib/schemas/account";
import { createAppToken, listAppTokens } from "@/lib/server/accounts/tokens";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { jsonAnswer } from "@/lib/server/json-answer";
import { routeMethods } from "@/lib/server/route-methods";

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

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute({}, async ({ user }): Promise<AppTokenList> => ({
    tokens: (await listAppTokens(await getDb(), user.id)).map(toInfo),
  })),
  POST: defineRoute({ body: createTokenSchema }, async ({ user, body }) => {
    const { token, record } = await createAppToken(await getDb(), user.id, body.name);
    const created: CreatedAppToken = { token, info: toInfo(record) };
    return jsonAnswer(created, { status: 201 });
  }),
});
