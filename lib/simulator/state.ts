// Everything one simulator instance remembers. Instances share nothing, so tests can start as
// many as they like in one process.
import type { UrlPolicy } from "../catalog/url-policy";
import { newAccount, type Account } from "./auth-and-limits";
import { RenderCache } from "./render-cache";
import type { SimTask } from "./tasks";

export interface SimulatorConfig {
  /** Divides every task duration and chat delay; 1 = realistic. */
  speed: number;
  rateLimitPerMinute: number;
  initialCredits: number;
  /** Where output URLs point instead of the caller's origin (a proxy in front of /files). */
  filesOrigin?: string;
  /** Which callback_url values may be called; a refused one is answered 400. */
  callbackPolicy?: (url: string) => boolean;
  /** Applied to every URL in a task body, as the Studio applies its public-URL policy. */
  urlPolicy?: UrlPolicy;
}

export class SimulatorState {
  readonly config: SimulatorConfig;
  readonly accounts = new Map<string, Account>();
  readonly tasks = new Map<string, SimTask>();
  readonly renders = new RenderCache();
  /** "POST /images/generations" → key → count. */
  requests: Record<string, Record<string, number>> = {};
  totalRequests = 0;
  readonly log: (line: string) => void;
  /** Aborted on close: cancels in-flight callback deliveries. */
  readonly shutdown = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(config: SimulatorConfig, log: (line: string) => void) {
    this.config = config;
    this.log = log;
  }

  account(key: string): Account {
    let account = this.accounts.get(key);
    if (!account) {
      account = newAccount(key, this.config.initialCredits);
      this.accounts.set(key, account);
    }
    return account;
  }

  countRequest(route: string, keyLabel: string): void {
    const perKey = (this.requests[route] ??= {});
    perKey[keyLabel] = (perKey[keyLabel] ?? 0) + 1;
    this.totalRequests++;
  }

  resetCounters(): void {
    this.requests = {};
    this.totalRequests = 0;
    for (const account of this.accounts.values()) account.hits = [];
  }

  /** Task durations are simulated time: scale a realistic delay by the configured speed. */
  scaled(ms: number): number {
    return ms / this.config.speed;
  }

  /** A timer that never keeps the process alive and is cleared by close(). */
  schedule(fn: () => void, delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  cancel(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  stopAll(): void {
    this.shutdown.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
