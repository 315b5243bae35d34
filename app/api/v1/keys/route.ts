// GET/PUT/DELETE /api/v1/keys — the signed-in user's own API in One key: status, save (checked
// upstream at no cost first), remove. The key itself never leaves the server.
import { saveKeySchema, type KeyStatus } from "@/lib/schemas/account";
import { ApiError } from "@/lib/server/api-error";
import { deleteUserApiKey, getUserApiKeyInfo, saveUserApiKey } from "@/lib/server/accounts/vault";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";
import { getEnv } from "@/lib/env";
import { getSecrets } from "@/lib/server/secrets";
import { checkUpstreamKey, clientFor, resolveUserUpstreamMode } from "@/lib/server/upstream-target";
import { keyFingerprint } from "@/lib/server/tasks/task-target";
import { takeBudget } from "@/lib/server/tracker/budget";

export const dynamic = "force-dynamic";

async function status(userId: string): Promise<KeyStatus> {
  const info = await getUserApiKeyInfo(await getDb(), userId);
  return {
    key: info
      ? {
          masked: info.masked,
          verifiedAt: info.verifiedAt?.toISOString() ?? null,
          updatedAt: info.updatedAt.toISOString(),
        }
      : null,
    mode: await resolveUserUpstreamMode(userId),
  };
}

const put = defineRoute({ body: saveKeySchema }, async ({ user, body }) => {
  // Checking the key is a request made with it: it counts against the key's budget too.
  const slot = await takeBudget(await getDb(), keyFingerprint(body.key), "check");
  if (!slot.ok) {
    const seconds = Math.max(1, Math.ceil(slot.retryAfterMs / 1000));
    throw new ApiError(
      429,
      "rate_limit",
      `This key has no room left in its requests per minute; try again in ${seconds} s.`,
      { headers: { "Retry-After": String(seconds) } },
    );
  }
  const check = await checkUpstreamKey(
    clientFor({ baseUrl: getEnv().AIO_BASE_URL, apiKey: body.key }),
  );
  if (check === "invalid") {
    throw new ApiError(
      400,
      "invalid_request",
      "API in One rejected this key (401). Check that you copied it whole.",
      { param: "key", source: "upstream" },
    );
  }
  if (check === "unreachable") {
    throw new ApiError(
      502,
      "server_error",
      "Could not reach API in One to check the key. Try again in a moment.",
      { source: "upstream" },
    );
  }
  await saveUserApiKey(await getDb(), getSecrets().vaultKey, user.id, body.key, { verified: true });
  return status(user.id);
});

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute({}, async ({ user }) => status(user.id)),
  PUT: put,
  DELETE: defineRoute({}, async ({ user }) => {
    await deleteUserApiKey(await getDb(), user.id);
    return status(user.id);
  }),
});
