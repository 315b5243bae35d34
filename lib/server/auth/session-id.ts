// The user id in the request's session cookie, remembered for a few seconds per cookie.
//
// Auth.js answers `auth()` by running its whole session action: it builds a Request, derives the
// key (HKDF) and decrypts the cookie, runs the callbacks, then derives again and encrypts a fresh
// cookie that `auth()` throws away. That was about a quarter of the server's CPU on a small API
// call. The same cookie always decrypts to the same session, so the answer is kept, keyed by a
// hash of the cookie header, for `sessionMemoMs`. What a session grants is still decided on every
// request: callers re-read the user from the database (a disabled account loses access at once).
// Signing out drops the cookie, so the next request carries another header and misses the memo.
import "server-only";
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { headers } from "next/headers";
import { auth } from "./auth";

/** How long a cookie's answer is reused. A token that expires is honoured at most this much longer. */
export const sessionMemoMs = 30_000;

const memo = new LRUCache<string, { userId: string | null }>({ max: 10_000, ttl: sessionMemoMs });

/** The signed-in user's id from the session cookie, or null. */
export async function sessionUserId(): Promise<string | null> {
  const h = await headers();
  // The scheme decides the cookie's name (`__Secure-` over https), so it is part of the key.
  const key = createHash("sha256")
    .update(`${h.get("x-forwarded-proto") ?? ""}\n${h.get("cookie") ?? ""}`)
    .digest("base64url");
  const known = memo.get(key);
  if (known) return known.userId;
  const session = await auth();
  const userId = typeof session?.user?.id === "string" ? session.user.id : null;
  memo.set(key, { userId });
  return userId;
}
