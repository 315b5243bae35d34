// Keys, credit balances and the per-key rate limit. Any `aio_…` key is accepted; a few prefixes
// select special behaviour so tests can ask for it by key (see README "Special keys").
import type { ErrorType } from "../schemas/api";

export interface Account {
  key: string;
  balance: number;
  taskCount: number;
  /** Overrides the simulator-wide limit for this key only (set through /__sim/keys/<key>). */
  rateLimitPerMinute: number | null;
  /** Overrides the simulator-wide status-check delay for this key only (ms). */
  statusDelayMs: number | null;
  /** Times (ms) of the requests counted in the current window, oldest first. */
  hits: number[];
}

export type AuthResult =
  { ok: true; key: string } | { ok: false; type: ErrorType; message: string };

export function authenticate(header: string | undefined): AuthResult {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  const key = match?.[1];
  if (!key || !key.startsWith("aio_") || key.length <= 4) {
    return { ok: false, type: "authentication_error", message: "Invalid API key" };
  }
  if (key.startsWith("aio_revoked")) {
    return { ok: false, type: "authentication_error", message: "API key has been revoked" };
  }
  return { ok: true, key };
}

/** Never log a key in full: `aio_…wxyz`. */
export function maskKey(key: string): string {
  return key.length <= 8 ? "aio_…" : `aio_…${key.slice(-4)}`;
}

export function newAccount(key: string, initialCredits: number): Account {
  return {
    key,
    balance: key.startsWith("aio_nocredits") ? 0 : initialCredits,
    taskCount: 0,
    rateLimitPerMinute: null,
    statusDelayMs: null,
    hits: [],
  };
}

const windowMs = 60_000;

/**
 * Sliding one-minute window: a request is allowed when fewer than `limit` requests were allowed in
 * the last 60 s. Rejected requests do not count, so a client that honours Retry-After gets through.
 */
export function takeRateLimitSlot(
  account: Account,
  limit: number,
  now: number,
): { ok: true } | { ok: false; retryAfterSeconds: number } {
  while (account.hits.length > 0 && (account.hits[0] ?? 0) <= now - windowMs) account.hits.shift();
  if (account.hits.length >= limit) {
    const oldest = account.hits[0] ?? now;
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
    };
  }
  account.hits.push(now);
  return { ok: true };
}

/** Draws `amount` credits; false (and nothing drawn) when the balance is short. */
export function charge(account: Account, amount: number): boolean {
  if (account.balance < amount) return false;
  account.balance -= amount;
  return true;
}
