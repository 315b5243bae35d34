import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/lib/server/db/open";
import { apiKeys } from "@/lib/server/db/schema";
import { dbTargets, uniqueEmail } from "./test-targets";
import { createUser } from "./users";
import {
  decryptSecret,
  deleteUserApiKey,
  encryptSecret,
  getUserApiKey,
  getUserApiKeyInfo,
  maskKey,
  saveUserApiKey,
  VaultDecryptError,
  vaultKeyId,
} from "./vault";

const vaultKey = randomBytes(32).toString("base64url");
const userA = "6f1c2a9e-0000-4000-8000-00000000000a";
const userB = "6f1c2a9e-0000-4000-8000-00000000000b";
const apiKey = "aio_live_9f8e7d6c5b4a39281a2b";

function flipByte(text: string, index: number): string {
  const bytes = Buffer.from(text, "base64url");
  bytes[index] = bytes[index]! ^ 1;
  return bytes.toString("base64url");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, in the v2 format naming the key that wrote it", () => {
    const stored = encryptSecret(apiKey, vaultKey, userA);
    expect(stored).toMatch(/^v2-[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(stored.startsWith(`v2-${vaultKeyId(vaultKey)}.`)).toBe(true);
    expect(stored).not.toContain(apiKey);
    expect(decryptSecret(stored, vaultKey, userA)).toBe(apiKey);
  });

  it("uses a fresh nonce for every write", () => {
    const a = encryptSecret(apiKey, vaultKey, userA);
    const b = encryptSecret(apiKey, vaultKey, userA);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
  });

  it("refuses another user's ciphertext (the user id is the AAD)", () => {
    const stored = encryptSecret(apiKey, vaultKey, userA);
    expect(() => decryptSecret(stored, vaultKey, userB)).toThrow(VaultDecryptError);
  });

  it("refuses a different vault key", () => {
    const stored = encryptSecret(apiKey, vaultKey, userA);
    expect(() => decryptSecret(stored, randomBytes(32).toString("base64url"), userA)).toThrow(
      VaultDecryptError,
    );
  });

  it("refuses any tampering, without revealing anything in the error", () => {
    const stored = encryptSecret(apiKey, vaultKey, userA);
    const [v, nonce, body] = stored.split(".") as [string, string, string];
    const variants = [
      `${v}.${flipByte(nonce, 0)}.${body}`,
      `${v}.${nonce}.${flipByte(body, 0)}`,
      `${v}.${nonce}.${flipByte(body, Buffer.from(body, "base64url").length - 1)}`,
      `v2.${nonce}.${body}`,
      `${v}.${nonce}`,
      `${v}.${nonce}.${body}.x`,
      "",
    ];
    for (const variant of variants) {
      expect(() => decryptSecret(variant, vaultKey, userA)).toThrow(VaultDecryptError);
    }
    try {
      decryptSecret(variants[1]!, vaultKey, userA);
    } catch (err) {
      expect((err as Error).message).not.toContain(apiKey.slice(4));
    }
  });
});

describe("vault key rotation", () => {
  const oldKey = randomBytes(32).toString("base64url");
  const newKey = randomBytes(32).toString("base64url");
  // Written by the vault before key ids existed (v1, one key): rows like it are in databases now.
  const legacyKey = "legacy-vault-key-0123456789abcdefghijklmnop";
  const legacyStored =
    "v1.IgmVLdwYvmTYsi4G.RIO6WfpEJMrkfs8e91-qW6cSQ8QuFJW4w1-xd8hFtEIyNnKUqcUG-fD_WADJ";

  it("still reads today's v1 ciphertexts, alone or as an older key", () => {
    expect(decryptSecret(legacyStored, legacyKey, userA)).toBe(apiKey);
    expect(decryptSecret(legacyStored, [newKey, legacyKey], userA)).toBe(apiKey);
    expect(decryptSecret(legacyStored, `${newKey},${legacyKey}`, userA)).toBe(apiKey);
    expect(() => decryptSecret(legacyStored, newKey, userA)).toThrow(VaultDecryptError);
  });

  it("decrypts with an older key after rotation, and writes with the newest", () => {
    const before = encryptSecret(apiKey, oldKey, userA);
    const rotated = `${newKey},${oldKey}`;
    expect(decryptSecret(before, rotated, userA)).toBe(apiKey);
    const after = encryptSecret(apiKey, rotated, userA);
    expect(after.startsWith(`v2-${vaultKeyId(newKey)}.`)).toBe(true);
    expect(decryptSecret(after, [newKey], userA)).toBe(apiKey);
    expect(() => decryptSecret(after, [oldKey], userA)).toThrow(VaultDecryptError);
  });

  it("refuses a ciphertext whose key is not in the list", () => {
    const stored = encryptSecret(apiKey, oldKey, userA);
    const other = randomBytes(32).toString("base64url");
    expect(() => decryptSecret(stored, [newKey, other], userA)).toThrow(VaultDecryptError);
    // Naming a key that is in the list does not help a ciphertext another key wrote.
    const relabelled = stored.replace(vaultKeyId(oldKey), vaultKeyId(newKey));
    expect(() => decryptSecret(relabelled, [newKey, oldKey], userA)).toThrow(VaultDecryptError);
  });

  it("never shows a key in a key id", () => {
    expect(vaultKeyId(oldKey)).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(oldKey).not.toContain(vaultKeyId(oldKey));
    expect(vaultKeyId(oldKey)).not.toBe(vaultKeyId(newKey));
  });
});

describe("maskKey", () => {
  it("shows the prefix and the last four characters, never more", () => {
    expect(maskKey(apiKey)).toBe("aio_…1a2b");
    expect(maskKey("aio_live_abcdefgh1a2b")).toBe("aio_…1a2b");
  });

  it("shows nothing of a key too short to hide", () => {
    expect(maskKey("aio_abcd")).toBe("aio_…");
    expect(maskKey("aio_abcdefgh")).toBe("aio_…");
  });

  it("does not treat a long run before an underscore as a prefix", () => {
    expect(maskKey("supersecretvalue_rest_1a2b")).toBe("…1a2b");
    expect(maskKey("nounderscoreatall1a2b")).toBe("…1a2b");
  });
});

describe.each(dbTargets)("the vault on $name", ({ target }) => {
  let opened: OpenedDatabase;
  let a: string;
  let b: string;
  beforeAll(async () => {
    opened = await openDatabase(target);
    a = (await createUser(opened.db, { email: uniqueEmail("vault-a"), password: "password one" }))
      .id;
    b = (await createUser(opened.db, { email: uniqueEmail("vault-b"), password: "password two" }))
      .id;
  });
  afterAll(() => opened?.close());

  const storedRow = async (userId: string) =>
    (await opened.db.select().from(apiKeys).where(eq(apiKeys.userId, userId)))[0];

  it("saves, reads, replaces and deletes a user's key", async () => {
    expect(await getUserApiKey(opened.db, vaultKey, a)).toBeNull();
    expect(await getUserApiKeyInfo(opened.db, a)).toBeNull();

    const saved = await saveUserApiKey(opened.db, vaultKey, a, apiKey, { verified: true });
    expect(saved.masked).toBe("aio_…1a2b");
    expect(saved.verifiedAt).toBeInstanceOf(Date);
    expect(await getUserApiKey(opened.db, vaultKey, a)).toBe(apiKey);
    expect(await getUserApiKeyInfo(opened.db, a)).toEqual(saved);

    const replacement = "aio_live_0000111122223333zz99";
    const replaced = await saveUserApiKey(opened.db, vaultKey, a, replacement, { verified: false });
    expect(replaced).toMatchObject({ masked: "aio_…zz99", verifiedAt: null });
    expect(await getUserApiKey(opened.db, vaultKey, a)).toBe(replacement);

    expect(await deleteUserApiKey(opened.db, a)).toBe(true);
    expect(await deleteUserApiKey(opened.db, a)).toBe(false);
    expect(await getUserApiKey(opened.db, vaultKey, a)).toBeNull();
  });

  it("never stores the plaintext key", async () => {
    await saveUserApiKey(opened.db, vaultKey, a, apiKey, { verified: true });
    const row = await storedRow(a);
    const serialised = JSON.stringify(row);
    expect(serialised).not.toContain(apiKey);
    expect(serialised).not.toContain(apiKey.slice(4, -4));
    expect(row?.last4).toBe("1a2b");
  });

  it("keeps users apart: a row moved to another user does not decrypt", async () => {
    await saveUserApiKey(opened.db, vaultKey, a, apiKey, { verified: true });
    await saveUserApiKey(opened.db, vaultKey, b, "aio_live_bbbbbbbbbbbbbbbbbbbb", {
      verified: true,
    });
    const rowA = await storedRow(a);
    await opened.db
      .update(apiKeys)
      .set({ ciphertext: rowA!.ciphertext })
      .where(eq(apiKeys.userId, b));
    await expect(getUserApiKey(opened.db, vaultKey, b)).rejects.toBeInstanceOf(VaultDecryptError);
    expect(await getUserApiKey(opened.db, vaultKey, a)).toBe(apiKey);
  });

  it("reads a key saved before a rotation, and re-encrypts it under the newest key", async () => {
    const oldKey = randomBytes(32).toString("base64url");
    const newKey = randomBytes(32).toString("base64url");
    await saveUserApiKey(opened.db, oldKey, a, apiKey, { verified: true });
    const before = (await storedRow(a))!;
    expect(before.ciphertext.startsWith(`v2-${vaultKeyId(oldKey)}.`)).toBe(true);

    // The server restarts with VAULT_KEY=<new>,<old>.
    expect(await getUserApiKey(opened.db, [newKey, oldKey], a)).toBe(apiKey);
    const after = (await storedRow(a))!;
    expect(after.ciphertext.startsWith(`v2-${vaultKeyId(newKey)}.`)).toBe(true);
    expect(after.updatedAt.toISOString()).toBe(before.updatedAt.toISOString());
    // The old key can go now.
    expect(await getUserApiKey(opened.db, [newKey], a)).toBe(apiKey);
    // A list without the key that wrote it cannot read it.
    await expect(getUserApiKey(opened.db, [oldKey], a)).rejects.toBeInstanceOf(VaultDecryptError);
  });

  it("rejects something that is not an API in One key", async () => {
    await expect(
      saveUserApiKey(opened.db, vaultKey, a, "sk-not-ours-123456", { verified: false }),
    ).rejects.toMatchObject({ code: "invalid" });
  });
});
