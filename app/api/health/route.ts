// GET /api/health — liveness and readiness: {"ok":true} once the database answers a query.
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db";
import { jsonAnswer } from "@/lib/server/json-answer";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return jsonAnswer({ ok: true });
  } catch {
    return jsonAnswer(
      { ok: false, error: { code: 503, type: "server_error", message: "Database is not ready" } },
      { status: 503 },
    );
  }
}
