// Secrets the server needs but a newcomer should not have to invent: generated once on first
// start, stored under DATA_DIR with mode 0600, reused on every later start. Several instances on
// one database cannot share a data directory, so AUTH_SECRET and VAULT_KEY from the environment win.
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { assertTestProcess } from "@/lib/assert-test-process";
import { getEnv, type Env } from "@/lib/env";
import { logger } from "@/lib/server/logger";

export interface Secrets {
  /** Signs and encrypts Auth.js sessions: AUTH_SECRET, else the stored one. */
  authSecret: string;
  /**
   * The vault's keys as lib/server/accounts/vault takes them: comma-separated, newest first; new
   * writes use the first. VAULT_KEY's keys, then the stored one (it still decrypts what was saved
   * before VAULT_KEY was set); without VAULT_KEY, just the stored one.
   */
  vaultKey: string;
}

const fileName = "secrets.json";

export function secretsPath(env: Env = getEnv()): string {
  return path.join(env.dataDir, fileName);
}

function readStored(file: string): Partial<Secrets> {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (!parsed || typeof parsed !== "object") return {};
    const rec = parsed as Record<string, unknown>;
    return {
      authSecret: typeof rec.authSecret === "string" ? rec.authSecret : undefined,
      vaultKey: typeof rec.vaultKey === "string" ? rec.vaultKey : undefined,
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new Error(`Cannot read ${file}: ${(err as Error).message}. Fix or remove the file.`);
  }
}

/**
 * Loads secrets, generating and persisting any the file lacks (the zero-configuration default).
 * AUTH_SECRET and VAULT_KEY from the environment win: instances sharing one database share them.
 */
export function loadSecrets(env: Env = getEnv()): Secrets {
  const file = secretsPath(env);
  const stored = readStored(file);
  const missing: string[] = [];
  const generate = (name: string) => (missing.push(name), randomBytes(32).toString("base64url"));
  const authSecret = stored.authSecret ?? generate("AUTH_SECRET");
  // With VAULT_KEY set there is no key to generate; a stored one still decrypts what it wrote.
  const storedVaultKey = stored.vaultKey ?? (env.VAULT_KEY ? undefined : generate("VAULT_KEY"));
  if (missing.length > 0) {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const next = { authSecret, ...(storedVaultKey && { vaultKey: storedVaultKey }) };
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
    fs.renameSync(tmp, file);
    logger.info(
      `generated ${missing.join(", ")} once and stored it in ${file} (mode 0600); later starts reuse it`,
    );
  }
  fs.chmodSync(file, 0o600);
  const vaultKeys = [...(env.VAULT_KEY ?? [])];
  if (storedVaultKey && !vaultKeys.includes(storedVaultKey)) vaultKeys.push(storedVaultKey);
  return { authSecret: env.AUTH_SECRET ?? authSecret, vaultKey: vaultKeys.join(",") };
}

let cached: Secrets | undefined;

export function getSecrets(): Secrets {
  return (cached ??= loadSecrets());
}

/** Tests only: getSecrets() answers `secrets` in this process; undefined loads them again. */
export function setSecretsForTests(secrets: Secrets | undefined): void {
  assertTestProcess("setSecretsForTests");
  cached = secrets;
}
