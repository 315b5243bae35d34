// The key vault: each user's API in One key, encrypted with AES-256-GCM under a key derived from
// the server's vaultKey. The user id is the associated data, so a ciphertext copied to another
// user's row does not decrypt. Only the last four characters are kept in clear, for display.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { Database } from "@/lib/server/db/open";
import { apiKeys } from "@/lib/server/db/schema";
import { AccountError } from "./account-error";

const version = "v1";
const hkdfInfo = "studio/api-key-vault/v1";
const nonceBytes = 12;
const tagBytes = 16;
/** Every API in One key starts with this; the masked display shows it. */
const keyPrefix = "aio_";

export const apiKeySchema = z
  .string({ error: "Enter your API in One key" })
  .trim()
  .min(8, "That key is too short")
  .max(256, "That key is too long")
  .regex(/^aio_\S+$/, "An API in One key starts with aio_ and contains no spaces");

/** Thrown when a stored key cannot be decrypted; the message never contains key material. */
export class VaultDecryptError extends Error {
  constructor() {
    super(
      "A stored API key could not be decrypted: the vault key (DATA_DIR/secrets.json) changed " +
        "or the row was altered. Save the key again in Settings.",
    );
    this.name = "VaultDecryptError";
  }
}

const derived = new Map<string, Buffer>();
function encryptionKey(vaultKey: string): Buffer {
  let key = derived.get(vaultKey);
  if (!key) {
    if (!vaultKey) throw new Error("The vault key is empty");
    key = Buffer.from(hkdfSync("sha256", vaultKey, Buffer.alloc(0), hkdfInfo, 32));
    derived.set(vaultKey, key);
  }
  return key;
}

/** `v1.<nonce>.<ciphertext‖tag>`, base64url, with a fresh random nonce on every call. */
export function encryptSecret(plain: string, vaultKey: string, aad: string): string {
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(vaultKey), nonce, {
    authTagLength: tagBytes,
  });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${version}.${nonce.toString("base64url")}.${body.toString("base64url")}`;
}

/** The plaintext, or VaultDecryptError for a wrong key, wrong AAD, or any tampering. */
export function decryptSecret(stored: string, vaultKey: string, aad: string): string {
  const [v, nonceText, bodyText, ...rest] = stored.split(".");
  if (v !== version || nonceText === undefined || bodyText === undefined || rest.length > 0) {
    throw new VaultDecryptError();
  }
  const nonce = Buffer.from(nonceText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (nonce.length !== nonceBytes || body.length < tagBytes) throw new VaultDecryptError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", encryptionKey(vaultKey), nonce, {
      authTagLength: tagBytes,
    });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - tagBytes));
    const plain = Buffer.concat([decipher.update(body.subarray(0, -tagBytes)), decipher.final()]);
    return plain.toString("utf8");
  } catch {
    throw new VaultDecryptError();
  }
}

/** The last four characters, or "" when the key is too short to show any of it safely. */
function visibleTail(key: string): string {
  return key.length >= 16 ? key.slice(-4) : "";
}

/** `aio_…1a2b`: the prefix up to the first underscore, an ellipsis, the last four; never more. */
export function maskKey(key: string): string {
  const underscore = key.indexOf("_");
  // A prefix longer than a short word would be part of the secret, not a label.
  const prefix = underscore >= 0 && underscore < 8 ? key.slice(0, underscore + 1) : "";
  return `${prefix}…${visibleTail(key)}`;
}

export interface ApiKeyInfo {
  masked: string;
  verifiedAt: Date | null;
  updatedAt: Date;
}

/** Saves (or replaces) the user's key; `verified` records that the upstream accepted it just now. */
export async function saveUserApiKey(
  db: Database,
  vaultKey: string,
  userId: string,
  key: string,
  options: { verified: boolean },
): Promise<ApiKeyInfo> {
  const parsed = apiKeySchema.safeParse(key);
  if (!parsed.success) {
    throw new AccountError("invalid", parsed.error.issues[0]?.message ?? "Invalid key");
  }
  const now = new Date();
  const values = {
    ciphertext: encryptSecret(parsed.data, vaultKey, userId),
    last4: visibleTail(parsed.data),
    verifiedAt: options.verified ? now : null,
    updatedAt: now,
  };
  const [row] = await db
    .insert(apiKeys)
    .values({ userId, ...values, createdAt: now })
    .onConflictDoUpdate({ target: apiKeys.userId, set: values })
    .returning({ verifiedAt: apiKeys.verifiedAt, updatedAt: apiKeys.updatedAt });
  if (!row) throw new Error("saving the API key returned no row");
  keyCache.delete(userId);
  return { masked: `${keyPrefix}…${values.last4}`, ...row };
}

/**
 * Each user's stored ciphertext (or null for "no key"), briefly: every task creation needs it.
 * Plaintext is never cached. Saving or deleting a key clears the entry in this process at once;
 * other processes sharing a Postgres database notice within the TTL.
 */
export const keyCacheTtlMs = 5000;
const globalForVault = globalThis as unknown as {
  studioKeyCache?: LRUCache<string, { ciphertext: string | null }>;
};
const keyCache = (globalForVault.studioKeyCache ??= new LRUCache<
  string,
  { ciphertext: string | null }
>({ max: 1000, ttl: keyCacheTtlMs }));

/** The user's decrypted key for an upstream call, or null when they have not saved one. */
export async function getUserApiKey(
  db: Database,
  vaultKey: string,
  userId: string,
): Promise<string | null> {
  let cached = keyCache.get(userId);
  if (!cached) {
    const [row] = await db
      .select({ ciphertext: apiKeys.ciphertext })
      .from(apiKeys)
      .where(eq(apiKeys.userId, userId))
      .limit(1);
    cached = { ciphertext: row?.ciphertext ?? null };
    keyCache.set(userId, cached);
  }
  return cached.ciphertext === null ? null : decryptSecret(cached.ciphertext, vaultKey, userId);
}

/** What Settings shows: the masked key and when it was checked, without decrypting anything. */
export async function getUserApiKeyInfo(db: Database, userId: string): Promise<ApiKeyInfo | null> {
  const [row] = await db
    .select({ last4: apiKeys.last4, verifiedAt: apiKeys.verifiedAt, updatedAt: apiKeys.updatedAt })
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .limit(1);
  if (!row) return null;
  return {
    masked: `${keyPrefix}…${row.last4}`,
    verifiedAt: row.verifiedAt,
    updatedAt: row.updatedAt,
  };
}

/** Removes the user's key; false when there was none. */
export async function deleteUserApiKey(db: Database, userId: string): Promise<boolean> {
  const deleted = await db
    .delete(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .returning({ userId: apiKeys.userId });
  keyCache.delete(userId);
  return deleted.length > 0;
}
