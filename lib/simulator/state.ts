// Everything one simulator instance remembers. Instances share nothing, so tests can start as
// many as they like in one process. With a StateStore, tasks and balances outlive the process.
import type { UrlPolicy } from "../catalog/url-policy";
import { newAccount, type Account } from "./auth-and-limits";
import { RenderCache } from "./render-cache";
import { RequestStats } from "./request-stats";
import type { StateStore, StoredState } from "./state-store";
import { taskRecord, type SimTask } from "./tasks";

export interface SimulatorConfig {
  /** Divides every task duration and chat delay; 1 = realistic. */
  speed: number;
  rateLimitPerMinute: number;
  initialCredits: number;
  /** Each GET /tasks/{id} is answered this much later (real ms, not scaled by speed). */
  statusDelayMs: number;
  /** Where output URLs point instead of the caller's origin (a proxy in front of /files). */
  filesOrigin?: string;
  /** Which callback_url values may be called; a refused one is answered 400. */
  callbackPolicy?: (url: string) => boolean;
  /** Applied to every URL in a task body, as the Studio applies its public-URL policy. */
  urlPolicy?: UrlPolicy;
}

/** Tasks kept (in memory and on disk); the oldest go first. */
export const defaultMaxTasks = 20_000;

export class SimulatorState {
  readonly config: SimulatorConfig;
  readonly accounts = new Map<string, Account>();
  /** In creation order, the oldest first. */
  readonly tasks = new Map<string, SimTask>();
  readonly renders = new RenderCache();
  readonly stats = new RequestStats();
  readonly log: (line: string) => void;
  /** Aborted on close: cancels in-flight callback deliveries. */
  readonly shutdown = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly maxTasks: number;
  private store: StateStore | undefined;

  constructor(
    config: SimulatorConfig,
    log: (line: string) => void,
    maxTasks: number = defaultMaxTasks,
  ) {
    this.config = config;
    this.log = log;
    this.maxTasks = maxTasks;
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
    this.stats.count(route, keyLabel, Date.now());
  }

  resetCounters(): void {
    this.stats.reset();
    for (const account of this.accounts.values()) account.hits = [];
  }

  /** Adds a new task; past maxTasks the oldest is forgotten (its URLs answer 404 from then on). */
  addTask(task: SimTask): void {
    this.tasks.set(task.id, task);
    for (const [id, old] of this.tasks) {
      if (this.tasks.size <= this.maxTasks) break;
      this.cancel(old.timer);
      this.tasks.delete(id);
    }
  }

  /** Records a change on disk (when a store is attached) before anyone is told about it. */
  save(change: { task?: SimTask; account?: Account }): void {
    const { task, account } = change;
    this.store?.save({
      ...(task && { task: taskRecord(task) }),
      ...(account && {
        account: { key: account.key, balance: account.balance, taskCount: account.taskCount },
      }),
    });
  }

  /** Takes back what a store had, then keeps it there. Tasks are resumed by the caller. */
  attach(store: StateStore, stored: StoredState): void {
    for (const saved of stored.accounts) {
      const account = this.account(saved.key);
      account.balance = saved.balance;
      account.taskCount = saved.taskCount;
    }
    for (const record of stored.tasks) this.addTask({ ...record, timer: undefined });
    this.store = store;
    store.start(() => ({
      tasks: [...this.tasks.values()].map(taskRecord),
      accounts: [...this.accounts.values()].map((a) => ({
        key: a.key,
        balance: a.balance,
        taskCount: a.taskCount,
      })),
    }));
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

  /** Stops every timer and delivery, then writes what the store has not written yet. */
  async close(): Promise<void> {
    this.shutdown.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.store?.close();
  }
}
