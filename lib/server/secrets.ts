// Secrets the server needs but a newcomer should not have to invent: generated once on first
// start, stored under DATA_DIR with mode 0600, reused on every later start.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv, type Env } from "@/lib/env";
import { logger } from "@/lib/server/logger";

export interface Secrets {
  /** Signs and encrypts Auth.js sessions. */
  authSecret: string;
  /** Root key for encrypting stored API keys (AES-256-GCM keys are derived from it). */
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

/** Loads secrets, generating and persisting any that are missing. Env values win over stored ones. */
export function loadSecrets(env: Env = getEnv()): Secrets {
  const file = secretsPath(env);
  const stored = readStored(file);
  const missing: string[] = [];
  const next: Secrets = {
    authSecret:
      stored.authSecret ?? (missing.push("AUTH_SECRET"), randomBytes(32).toString("base64url")),
    vaultKey: stored.vaultKey ?? (missing.push("VAULT_KEY"), randomBytes(32).toString("base64url")),
  };
  if (missing.length > 0) {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
    fs.renameSync(tmp, file);
    logger.info(
      `generated ${missing.join(", ")} once and stored it in ${file} (mode 0600); later starts reuse it`,
    );
  }
  fs.chmodSync(file, 0o600);
  return { ...next, authSecret: env.AUTH_SECRET ?? next.authSecret };
}

let cached: Secrets | undefined;

export function getSecrets(): Secrets {
  return (cached ??= loadSecrets());
}
