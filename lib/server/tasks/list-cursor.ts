// The task list's page cursor: where the previous page stopped, as (created_at, row id). Opaque
// to clients (base64url), exact to the microsecond (a JS Date keeps milliseconds only, which
// would skip or repeat tasks created within one millisecond).
import "server-only";
import { invalid } from "@/lib/server/api-error";

export interface ListCursor {
  /** created_at as Postgres prints it in UTC with microseconds: 2026-12-01T10:00:00.123456Z */
  createdAt: string;
  id: string;
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor a client sent back, or 400 naming `cursor` when it is not one we made. */
export function decodeCursor(value: string): ListCursor {
  const text = /^[A-Za-z0-9_-]+$/.test(value)
    ? Buffer.from(value, "base64url").toString("utf8")
    : "";
  const [createdAt = "", id = "", ...rest] = text.split("|");
  if (
    rest.length > 0 ||
    !instantPattern.test(createdAt) ||
    !uuidPattern.test(id) ||
    Number.isNaN(Date.parse(createdAt))
  ) {
    throw invalid("cursor: is not a cursor from this list (start again without it)", "cursor");
  }
  return { createdAt, id };
}
