// Sign-in throttling: failed attempts are counted per account and per client IP in a sliding
// window. In memory: one Studio process serves the app, and a restart forgiving failures is fine.
import "server-only";
import { normalizeEmail } from "./users";

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LoginThrottleOptions {
  /** Milliseconds since the epoch; tests inject a fake clock. */
  now?: () => number;
  windowMs?: number;
  maxPerAccount?: number;
  maxPerIp?: number;
  /** Buckets kept before old ones are swept, so a flood of addresses cannot grow memory forever. */
  maxBuckets?: number;
}

type Ip = string | null | undefined;

export class LoginThrottle {
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly maxPerAccount: number;
  private readonly maxPerIp: number;
  private readonly maxBuckets: number;
  private readonly failures = new Map<string, number[]>();

  constructor(options: LoginThrottleOptions = {}) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.maxPerAccount = options.maxPerAccount ?? 5;
    this.maxPerIp = options.maxPerIp ?? 20;
    this.maxBuckets = options.maxBuckets ?? 10_000;
  }

  /** Whether a sign-in attempt may proceed now; when not, how long until one may. */
  check(email: string, ip?: Ip): ThrottleDecision {
    const waits = this.keys(email, ip).map(([key, max]) => this.waitMs(key, max));
    const wait = Math.max(0, ...waits);
    return wait > 0
      ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) }
      : { allowed: true };
  }

  recordFailure(email: string, ip?: Ip): void {
    const at = this.now();
    for (const [key] of this.keys(email, ip)) {
      const list = this.recent(key);
      list.push(at);
      this.failures.set(key, list);
    }
    if (this.failures.size > this.maxBuckets) this.sweep();
  }

  /** A successful sign-in clears that account's failures (not the address's: others may share it). */
  recordSuccess(email: string, _ip?: Ip): void {
    this.failures.delete(accountKey(email));
  }

  private keys(email: string, ip: Ip): [string, number][] {
    // Without a known address only the per-account limit applies; one shared "unknown" bucket
    // would let a single attacker lock everybody out.
    const keys: [string, number][] = [[accountKey(email), this.maxPerAccount]];
    if (ip) keys.push([`ip:${ip}`, this.maxPerIp]);
    return keys;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private waitMs(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    // Allowed again once enough of the oldest failures have left the window.
    const unblocking = list[list.length - max];
    return unblocking === undefined ? 0 : unblocking + this.windowMs - this.now();
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) {
      const list = this.recent(key);
      if (list.length === 0) this.failures.delete(key);
      else this.failures.set(key, list);
    }
    // Still too many live buckets: drop the oldest-inserted ones.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxBuckets) break;
      this.failures.delete(key);
    }
  }
}

function accountKey(email: string): string {
  return `account:${normalizeEmail(email)}`;
}

const globalForThrottle = globalThis as unknown as { studioLoginThrottle?: LoginThrottle };

/** The process-wide throttle; kept on globalThis so Next's dev reloads do not reset it. */
export const loginThrottle: LoginThrottle = (globalForThrottle.studioLoginThrottle ??=
  new LoginThrottle());
