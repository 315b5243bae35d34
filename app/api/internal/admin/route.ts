// POST /api/internal/admin — the admin CLI's commands, run by the server that owns the embedded database.
import { adminCommandSchema, runAdminCommand } from "@/lib/server/accounts/admin-commands";
import { verifyAdminCliToken } from "@/lib/server/accounts/admin-token";
import { AccountError } from "@/lib/server/accounts/account-error";
import { ApiError } from "@/lib/server/api-error";
import { getDb } from "@/lib/server/db";
import { definePublicRoute } from "@/lib/server/define-route";
import { logger } from "@/lib/server/logger";
import { routeMethods } from "@/lib/server/route-methods";
import { getSecrets } from "@/lib/server/secrets";

export const dynamic = "force-dynamic";

/** The CLI's own token (derived from the vault secret), checked before the body is looked at. */
function requireAdminToken(req: Request): void {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!bearer || !verifyAdminCliToken(bearer, getSecrets().vaultKey)) {
    throw new ApiError(401, "authentication_error", "A valid admin token is required");
  }
}

const post = definePublicRoute(
  { authorize: requireAdminToken, body: adminCommandSchema },
  async ({ body, requestId }) => {
    try {
      const result = await runAdminCommand(await getDb(), body);
      logger.info(`admin command ${body.cmd} run for the CLI`);
      return result;
    } catch (err) {
      if (err instanceof AccountError) throw err;
      // Drizzle's own message quotes the query parameters (hashes among them); the driver's does not.
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
      logger.error(
        `admin command ${body.cmd} failed (${requestId}): ${String((cause as Error).message)}`,
      );
      throw new ApiError(500, "server_error", "The admin command failed; see the server log");
    }
  },
);

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({ POST: post });
