// Password hashing with scrypt (memory-hard, in node:crypto: no native dependency to build).
// Stored as `scrypt$N$r$p$<salt>$<hash>` so the cost can be raised later without breaking old rows.
import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { z } from "zod";

const cost = { N: 2 ** 15, r: 8, p: 1 } as const;
const saltBytes = 16;
const keyBytes = 64;
// Stored parameters are data: bound them so a tampered row cannot make a login burn gigabytes.
const limits = { maxN: 2 ** 20, maxR: 32, maxP: 16 } as const;

export const passwordSchema = z
  .string({ error: "Enter a password" })
  .min(8, "Password must be at least 8 characters")
  .max(200, "Password must be at most 200 characters");

function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, length, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

// scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly that for N=2^15, r=8, which
// it rejects, so allow twice the requirement.
const maxmem = (N: number, r: number) => 2 * 128 * N * r;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const { N, r, p } = cost;
  const hash = await scryptAsync(password, salt, keyBytes, { N, r, p, maxmem: maxmem(N, r) });
  return ["scrypt", N, r, p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parseStored(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [, n, r, p, salt, hash] = parts;
  const num = (s: string | undefined) => (s && /^\d{1,8}$/.test(s) ? Number(s) : NaN);
  const parsed = {
    N: num(n),
    r: num(r),
    p: num(p),
    salt: Buffer.from(salt ?? "", "base64url"),
    hash: Buffer.from(hash ?? "", "base64url"),
  };
  const powerOfTwo = parsed.N > 1 && (parsed.N & (parsed.N - 1)) === 0;
  if (!powerOfTwo || parsed.N > limits.maxN) return null;
  if (!(parsed.r >= 1 && parsed.r <= limits.maxR && parsed.p >= 1 && parsed.p <= limits.maxP))
    return null;
  if (parsed.salt.length < 8 || parsed.hash.length < 16) return null;
  return parsed;
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  const candidate = await scryptAsync(password, salt, hash.length, {
    N,
    r,
    p,
    maxmem: maxmem(N, r),
  });
  return timingSafeEqual(candidate, hash);
}
