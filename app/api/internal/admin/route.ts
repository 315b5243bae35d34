// POST /api/internal/admin — the admin CLI's commands, run by the server that owns the embedded database.
import { errorBody, type ErrorType } from "@/lib/schemas/api";
import { AccountError, type AccountErrorCode } from "@/lib/server/accounts/account-error";
import {
  adminCommandSchema,
  describeZodError,
  runAdminCommand,
} from "@/lib/server/accounts/admin-commands";
import { verifyAdminCliToken } from "@/lib/server/accounts/admin-token";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { getSecrets } from "@/lib/server/secrets";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

function fail(type: ErrorType, message: string, code?: number) {
  const body = errorBody(type, message, code);
  return Response.json(body, { status: body.error.code, headers: noStore });
}

const accountErrorAnswers: Record<AccountErrorCode, { type: ErrorType; code: number }> = {
  invalid: { type: "invalid_request", code: 400 },
  registration_closed: { type: "invalid_request", code: 400 },
  not_found: { type: "not_found", code: 404 },
  email_taken: { type: "invalid_request", code: 409 },
};

export async function POST(request: Request) {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!bearer || !verifyAdminCliToken(bearer, getSecrets().vaultKey)) {
    return fail("authentication_error", "A valid admin token is required");
  }

  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return fail("invalid_request", "The body must be a JSON admin command");
  }
  const parsed = adminCommandSchema.safeParse(json);
  if (!parsed.success) return fail("invalid_request", describeZodError(parsed.error));

  try {
    const result = await runAdminCommand(await getDb(), parsed.data);
    logger.info(`admin command ${parsed.data.cmd} run for the CLI`);
    return Response.json(result, { headers: noStore });
  } catch (err) {
    if (err instanceof AccountError) {
      const { type, code } = accountErrorAnswers[err.code];
      return fail(type, err.message, code);
    }
    // Drizzle's own message quotes the query parameters (hashes among them); the driver's does not.
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    logger.error(`admin command ${parsed.data.cmd} failed: ${String((cause as Error).message)}`);
    return fail("server_error", "The admin command failed; see the server log");
  }
}
