// The bearer the admin CLI presents to a running server: derived from the vault key, so anyone
// who can read DATA_DIR/secrets.json (the operator) can compute it and nobody else can.
import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const purpose = "studio/admin-cli/v1";

export function adminCliToken(vaultKey: string): string {
  return createHmac("sha256", vaultKey).update(purpose).digest("hex");
}

/** Constant-time comparison of a presented bearer against the expected one. */
export function verifyAdminCliToken(presented: string, vaultKey: string): boolean {
  // Hash both sides so lengths match and the comparison leaks nothing about length either.
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(adminCliToken(vaultKey)));
}
