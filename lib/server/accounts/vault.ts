// The key vault: each user's API in One key, encrypted with AES-256-GCM under a key derived from
// the server's vault key. The user id is the associated data, so a ciphertext copied to another
// user's row does not decrypt. Only the last four characters are kept in clear, for display.
// Rotation: the server holds one or more vault keys, newest first. Writes use the newest and name
// it in the ciphertext's prefix; older keys still decrypt, and a key read under an older one is
// re-encrypted under the newest, so an old key can be dropped once nothing needs it.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { Database } from "@/lib/server/db/open";
import { apiKeys } from "@/lib/server/db/schema";
import { AccountError } from "./account-error";

/** `v1.<nonce>.<body>`: one key, no id. Still read, no longer written. */
const legacyVersion = "v1";
/** `v2-<key id>.<nonce>.<body>`. */
const versionPrefix = "v2-";
const hkdfInfo = "studio/api-key-vault/v1";
const keyIdInfo = "studio/api-key-vault/key-id";
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
      "A stored API key could not be decrypted: it was written under a vault key this server " +
        "no longer has (VAULT_KEY or DATA_DIR/secrets.json), or the row was altered. Save the " +
        "key again in Settings.",
    );
    this.name = "VaultDecryptError";
  }
}

/**
 * The server's vault keys, newest first: a list, or the same comma-separated (VAULT_KEY's form).
 * The newest encrypts; every one decrypts what it wrote.
 */
export type VaultKeys = string | readonly string[];

interface RingKey {
  /** 8 base64url characters derived from the key; names it without revealing it. */
  id: string;
  aesKey: Buffer;
}

const rings = new Map<string, RingKey[]>();
function keyring(vaultKeys: VaultKeys): RingKey[] {
  const list = typeof vaultKeys === "string" ? vaultKeys.split(",") : [...vaultKeys];
  const name = list.join(",");
  let ring = rings.get(name);
  if (!ring) {
    if (list.some((key) => key.trim() === "")) throw new Error("A vault key is empty");
    ring = list.map((key) => ({
      id: Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), keyIdInfo, 6)).toString("base64url"),
      aesKey: Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), hkdfInfo, 32)),
    }));
    rings.set(name, ring);
  }
  return ring;
}

/** The id a ciphertext written under `vaultKey` carries (for operators: which key wrote a row). */
export function vaultKeyId(vaultKey: string): string {
  return keyring([vaultKey])[0]!.id;
}

/** `v2-<key id>.<nonce>.<ciphertext‖tag>`, base64url, under the newest key, with a fresh nonce. */
export function encryptSecret(plain: string, vaultKeys: VaultKeys, aad: string): string {
  const newest = keyring(vaultKeys)[0]!;
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv("aes-256-gcm", newest.aesKey, nonce, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${versionPrefix}${newest.id}.${nonce.toString("base64url")}.${body.toString("base64url")}`;
}

function openWith(key: RingKey, nonce: Buffer, body: Buffer, aad: string): string | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.aesKey, nonce, {
      authTagLength: tagBytes,
    });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - tagBytes));
    return Buffer.concat([decipher.update(body.subarray(0, -tagBytes)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}

/** The plaintext, and whether it was written in today's format under the newest key. */
function openSecret(stored: string, vaultKeys: VaultKeys, aad: string) {
  const ring = keyring(vaultKeys);
  const [head, nonceText, bodyText, ...rest] = stored.split(".");
  if (head === undefined || nonceText === undefined || bodyText === undefined || rest.length > 0) {
    throw new VaultDecryptError();
  }
  // A v1 ciphertext names no key: any of them may have written it.
  const candidates =
    head === legacyVersion
      ? ring
      : head.startsWith(versionPrefix)
        ? ring.filter((key) => key.id === head.slice(versionPrefix.length))
        : [];
  const nonce = Buffer.from(nonceText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (nonce.length !== nonceBytes || body.length < tagBytes) throw new VaultDecryptError();
  for (const key of candidates) {
    const plain = openWith(key, nonce, body, aad);
    if (plain !== null) return { plain, current: head !== legacyVersion && key === ring[0] };
  }
  throw new VaultDecryptError();
}

/** The plaintext, or VaultDecryptError for a key not in the list, wrong AAD, or any tampering. */
export function decryptSecret(stored: string, vaultKeys: VaultKeys, aad: string): string {
  return openSecret(stored, vaultKeys, aad).plain;
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
  vaultKeys: VaultKeys,
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
    ciphertext: encryptSecret(parsed.data, vaultKeys, userId),
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

/**
 * The user's decrypted key for an upstream call, or null when they have not saved one. A key
 * written under an older vault key is re-encrypted under the newest on the way (unless the row
 * changed meanwhile), so rotation completes as people use the app.
 */
export async function getUserApiKey(
  db: Database,
  vaultKeys: VaultKeys,
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
  if (cached.ciphertext === null) return null;
  const { plain, current } = openSecret(cached.ciphertext, vaultKeys, userId);
  if (!current) await reencrypt(db, vaultKeys, userId, cached.ciphertext, plain);
  return plain;
}

async function reencrypt(
  db: Database,
  vaultKeys: VaultKeys,
  userId: string,
  old: string,
  plain: string,
): Promise<void> {
  const ciphertext = encryptSecret(plain, vaultKeys, userId);
  try {
    const [row] = await db
      .update(apiKeys)
      .set({ ciphertext })
      .where(and(eq(apiKeys.userId, userId), eq(apiKeys.ciphertext, old)))
      .returning({ userId: apiKeys.userId });
    if (row) keyCache.set(userId, { ciphertext });
  } catch {
    // The old ciphertext still decrypts: the next read tries again.
  }
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
