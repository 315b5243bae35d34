// Personal app tokens: `ais_…` bearer tokens for scripts and SDKs. The token is shown once; only
// its sha256 and a short display prefix are stored.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { Database } from "@/lib/server/db/open";
import { appTokens, users, type User } from "@/lib/server/db/schema";
import { AccountError } from "./account-error";

/** Distinct from upstream `aio_` keys, so neither can be mistaken for the other. */
export const appTokenPrefix = "ais_";
const displayPrefixLength = 10;
const lastUsedResolutionMs = 60_000;
const tokenPattern = /^ais_[A-Za-z0-9_-]{43}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const tokenNameSchema = z
  .string({ error: "Give the token a name" })
  .trim()
  .min(1, "Give the token a name")
  .max(64, "Token names are at most 64 characters");

/** A token as lists show it: never the hash, never the token. */
export interface AppTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const infoColumns = {
  id: appTokens.id,
  name: appTokens.name,
  prefix: appTokens.prefix,
  createdAt: appTokens.createdAt,
  lastUsedAt: appTokens.lastUsedAt,
  revokedAt: appTokens.revokedAt,
};

/**
 * Recently checked tokens, by hash: a script calling in a loop should not cost a database read per
 * call. Used only where this process is the database's one user (the embedded database, whose
 * directory it locks): revoking a token or disabling its owner clears the entries here at once.
 * On a Postgres server other instances may revoke, so every call reads the token's row there
 * (one indexed lookup) and a revocation takes effect at once on every instance.
 */
export const tokenCacheTtlMs = 5000;
interface CachedToken {
  user: User;
  tokenId: string;
  lastUsedAt: Date | null;
}
const globalForTokens = globalThis as unknown as {
  studioTokenCache?: LRUCache<string, CachedToken>;
};
const tokenCache = (globalForTokens.studioTokenCache ??= new LRUCache<string, CachedToken>({
  max: 1000,
  ttl: tokenCacheTtlMs,
}));

/** Forgets cached tokens of a user (disabled) or one token (revoked). */
export function forgetCachedTokens(match: { userId?: string; tokenId?: string }): void {
  for (const [hash, entry] of tokenCache.entries()) {
    if (entry.user.id === match.userId || entry.tokenId === match.tokenId) tokenCache.delete(hash);
  }
}

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Creates a token; `token` is the only time the full value exists outside the caller's hands. */
export async function createAppToken(
  db: Database,
  userId: string,
  name: string,
): Promise<{ token: string; record: AppTokenInfo }> {
  const parsed = tokenNameSchema.safeParse(name);
  if (!parsed.success) {
    throw new AccountError("invalid", parsed.error.issues[0]?.message ?? "Invalid token name");
  }
  const token = appTokenPrefix + randomBytes(32).toString("base64url");
  const [record] = await db
    .insert(appTokens)
    .values({
      userId,
      name: parsed.data,
      tokenHash: hashToken(token),
      prefix: token.slice(0, displayPrefixLength),
    })
    .returning(infoColumns);
  if (!record) throw new Error("creating the app token returned no row");
  return { token, record };
}

/** The user's tokens, newest first, revoked ones included (with revokedAt). */
export function listAppTokens(db: Database, userId: string): Promise<AppTokenInfo[]> {
  return db
    .select(infoColumns)
    .from(appTokens)
    .where(eq(appTokens.userId, userId))
    .orderBy(desc(appTokens.createdAt), desc(appTokens.id));
}

/** Revokes one of the user's own tokens; false when it is not theirs, unknown or already revoked. */
export async function revokeAppToken(
  db: Database,
  userId: string,
  tokenId: string,
): Promise<boolean> {
  if (!uuidPattern.test(tokenId)) return false;
  const revoked = await db
    .update(appTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(appTokens.id, tokenId), eq(appTokens.userId, userId), isNull(appTokens.revokedAt)),
    )
    .returning({ id: appTokens.id });
  forgetCachedTokens({ tokenId });
  return revoked.length > 0;
}

/**
 * The owner of a live token, or null (unknown, malformed, revoked, or a disabled account).
 * `cache`: only when no other process can revoke (see tokenCache).
 */
export async function authenticateAppToken(
  db: Database,
  token: string,
  { cache = false }: { cache?: boolean } = {},
): Promise<User | null> {
  if (!tokenPattern.test(token)) return null;
  const hash = hashToken(token);
  let entry = cache ? tokenCache.get(hash) : undefined;
  if (!entry) {
    const [row] = await db
      .select({ user: users, tokenId: appTokens.id, lastUsedAt: appTokens.lastUsedAt })
      .from(appTokens)
      .innerJoin(users, eq(users.id, appTokens.userId))
      .where(and(eq(appTokens.tokenHash, hash), isNull(appTokens.revokedAt)))
      .limit(1);
    if (!row || row.user.disabledAt) return null;
    entry = row;
    if (cache) tokenCache.set(hash, entry);
  }
  const now = new Date();
  // A write per request would make every API call a database write; a minute is precise enough.
  if (!entry.lastUsedAt || now.getTime() - entry.lastUsedAt.getTime() >= lastUsedResolutionMs) {
    entry.lastUsedAt = now;
    await db.update(appTokens).set({ lastUsedAt: now }).where(eq(appTokens.id, entry.tokenId));
  }
  return entry.user;
}
