// Who is calling an /api route: an app token (Bearer) or the browser's session cookie.
import "server-only";
import { authenticateAppToken } from "@/lib/server/accounts/tokens";
import { getSessionUser } from "@/lib/server/auth/session";
import { getDatabase } from "@/lib/server/db";
import type { User } from "@/lib/server/db/schema";

export interface Caller {
  user: User;
  via: "session" | "token";
}

export async function authenticateRequest(req: Request): Promise<Caller | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const opened = await getDatabase();
    // Cached only where this process is the database's one user (see authenticateAppToken).
    const user = token
      ? await authenticateAppToken(opened.db, token, { cache: opened.kind === "pglite" })
      : null;
    return user ? { user, via: "token" } : null;
  }
  const user = await getSessionUser();
  return user ? { user, via: "session" } : null;
}

/**
 * Cookies ride along on cross-site requests; a state-changing call authenticated by the session
 * must come from our own pages. Token calls carry no ambient authority and are exempt.
 */
export function isCrossSite(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
