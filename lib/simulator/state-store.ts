// A simulator's tasks and balances on disk (startSimulator's `stateDir`), so a restart loses
// nothing a client has seen. Two kinds of file:
//
//   snapshot.json       everything, rewritten atomically (temp file + rename) at most every few
//                       seconds while things change, and on close
//   journal-<n>.jsonl   one line per change since that snapshot, appended synchronously before
//                       the change is answered (a created task is on disk before its reply)
//
// Appends are a few hundred bytes, so 100 creations a second cost 100 small writes, not 100
// rewrites of the whole state. A journal line reaches the OS before the reply is sent, so a
// killed process (kill -9) loses nothing; only a power cut can lose what the OS had not flushed.
// A torn last line is skipped on load. Snapshots are numbered by the first journal they do not
// contain, so a crash halfway through writing one loses nothing either.
//
// One live simulator per directory: two at once would overwrite each other's snapshots.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { routeIds } from "../catalog/types";
import { checkFaultKinds, responseShapes } from "./faults";
import type { TaskRecord } from "./tasks";

export interface StoredAccount {
  key: string;
  balance: number;
  taskCount: number;
}

export interface StoredState {
  tasks: TaskRecord[];
  accounts: StoredAccount[];
}

export interface StoreOptions {
  /** Only the newest this many tasks are kept (default 20 000). */
  maxTasks: number;
  /** Only the newest this many balances are kept (default 50 000). */
  maxAccounts?: number;
  /** A snapshot is written this long after the first change it would include (default 5 s). */
  snapshotDelayMs?: number;
  log: (line: string) => void;
}

const jsonObject = z.record(z.string(), z.unknown());

const taskRecordSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  route: z.enum(routeIds),
  modelSlug: z.string(),
  modelValue: z.string(),
  request: jsonObject,
  params: jsonObject,
  origin: z.string(),
  createdAt: z.number(),
  finishesAt: z.number(),
  outcome: z.enum(["SUCCESS", "FAILED"]),
  errorMessage: z.string().nullable(),
  price: z.number(),
  shape: z.enum(responseShapes).nullable(),
  callbackUrl: z.string().nullable(),
  outputs: z.object({ count: z.number().int().min(1), ext: z.enum(["png", "wav", "webm"]) }),
  settled: z.boolean(),
  callbackDone: z.boolean(),
  filesExpired: z.boolean(),
  // Added later: state files written before them read as "no fault".
  checkFault: z
    .object({ fault: z.enum(checkFaultKinds), remaining: z.number().int().min(0) })
    .nullable()
    .default(null),
  slowBody: z.boolean().default(false),
}) satisfies z.ZodType<TaskRecord>;

const accountSchema = z.object({
  key: z.string().min(1),
  balance: z.number(),
  taskCount: z.number(),
}) satisfies z.ZodType<StoredAccount>;

const snapshotSchema = z.object({
  version: z.literal(1),
  /** The first journal this snapshot does not contain. */
  journal: z.number().int().min(0),
  tasks: z.array(z.unknown()),
  accounts: z.array(z.unknown()),
});

const lineSchema = z.object({
  task: taskRecordSchema.optional(),
  account: accountSchema.optional(),
});

const snapshotFile = "snapshot.json";
const journalPattern = /^journal-(\d+)\.jsonl$/;
/** Past this many lines a snapshot is written without waiting for the delay. */
const journalLinesBeforeSnapshot = 10_000;

export class StateStore {
  private readonly dir: string;
  private readonly options: StoreOptions;
  private journal = 0;
  private fd: number | undefined;
  private pendingLines = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private current: (() => StoredState) | undefined;
  private failed = false;
  private closed = false;

  constructor(dir: string, options: StoreOptions) {
    this.dir = path.resolve(dir);
    this.options = options;
  }

  /** Reads the snapshot and every journal after it; what cannot be read is skipped and logged. */
  load(): StoredState {
    mkdirSync(this.dir, { recursive: true });
    const tasks = new Map<string, TaskRecord>();
    const accounts = new Map<string, StoredAccount>();
    let from = 0;
    const snapshotPath = path.join(this.dir, snapshotFile);
    if (existsSync(snapshotPath)) {
      try {
        const snapshot = snapshotSchema.parse(JSON.parse(readFileSync(snapshotPath, "utf8")));
        from = snapshot.journal;
        for (const item of snapshot.tasks) {
          const task = taskRecordSchema.safeParse(item);
          if (task.success) tasks.set(task.data.id, task.data);
        }
        for (const item of snapshot.accounts) {
          const account = accountSchema.safeParse(item);
          if (account.success) accounts.set(account.data.key, account.data);
        }
      } catch (error) {
        // Kept aside for a human, never silently overwritten.
        const aside = `${snapshotPath}.unreadable-${Date.now()}`;
        renameSync(snapshotPath, aside);
        this.options.log(
          `state: ${snapshotFile} unreadable (${message(error)}), moved to ${aside}`,
        );
      }
    }
    const journals = this.journals();
    let skipped = 0;
    for (const n of journals.filter((j) => j >= from)) {
      for (const text of readFileSync(this.journalPath(n), "utf8").split("\n")) {
        if (text.trim() === "") continue;
        const line = parseLine(text);
        if (!line) {
          skipped++;
          continue;
        }
        if (line.task) {
          // A change moves nothing: tasks stay in creation order, the oldest first.
          tasks.set(line.task.id, line.task);
        }
        if (line.account) {
          accounts.delete(line.account.key);
          accounts.set(line.account.key, line.account);
        }
      }
    }
    if (skipped > 0) this.options.log(`state: skipped ${skipped} unreadable journal line(s)`);
    this.journal = Math.max(from, ...journals) + 1;
    return {
      tasks: newest([...tasks.values()], this.options.maxTasks),
      accounts: newest([...accounts.values()], this.options.maxAccounts ?? 50_000),
    };
  }

  /**
   * Starts keeping `current()` on disk: writes it as the snapshot now (so older journals can go)
   * and journals every change from here on.
   */
  start(current: () => StoredState): void {
    this.current = current;
    this.writeSnapshotSync();
  }

  /** Appends one change; on disk (in the OS) when this returns. */
  save(change: { task?: TaskRecord; account?: StoredAccount }): void {
    if (this.closed || !this.current) return;
    try {
      this.fd ??= openSync(this.journalPath(this.journal), "a");
      writeSync(this.fd, `${JSON.stringify(change)}\n`);
      this.failed = false;
    } catch (error) {
      // The simulator keeps answering from memory; say so once, not on every request.
      if (!this.failed) this.options.log(`state: could not write the journal: ${message(error)}`);
      this.failed = true;
      return;
    }
    this.pendingLines++;
    if (this.pendingLines >= journalLinesBeforeSnapshot) this.snapshotSoon(0);
    else this.snapshotSoon(this.options.snapshotDelayMs ?? 5000);
  }

  /** Writes the final snapshot; nothing is saved after this. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    await this.writing;
    if (this.pendingLines > 0 && this.current) this.writeSnapshotSync();
    this.closeJournal();
  }

  private snapshotSoon(delayMs: number): void {
    if (this.writing) return; // the write in progress schedules the next one
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writeSnapshot().finally(() => {
        this.writing = undefined;
        if (this.pendingLines > 0 && !this.closed)
          this.snapshotSoon(this.options.snapshotDelayMs ?? 5000);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Switches to a new journal and returns the state as of that moment, serialised. */
  private cut(): { journal: number; text: string } | null {
    if (!this.current) return null;
    this.closeJournal();
    this.journal++;
    this.pendingLines = 0;
    const { tasks, accounts } = this.current();
    return {
      journal: this.journal,
      text: JSON.stringify({
        version: 1,
        journal: this.journal,
        tasks: newest(tasks, this.options.maxTasks),
        accounts: newest(accounts, this.options.maxAccounts ?? 50_000),
      }),
    };
  }

  private async writeSnapshot(): Promise<void> {
    const snapshot = this.cut();
    if (!snapshot) return;
    const temp = this.tempPath(snapshot.journal);
    try {
      await writeFile(temp, snapshot.text);
      await rename(temp, path.join(this.dir, snapshotFile));
      for (const n of this.journals()) {
        if (n < snapshot.journal) await rm(this.journalPath(n), { force: true });
      }
    } catch (error) {
      // The journals still hold every change: the next snapshot (or a load) recovers them.
      this.options.log(`state: could not write ${snapshotFile}: ${message(error)}`);
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  private writeSnapshotSync(): void {
    const snapshot = this.cut();
    if (!snapshot) return;
    const temp = this.tempPath(snapshot.journal);
    try {
      writeFileSync(temp, snapshot.text);
      renameSync(temp, path.join(this.dir, snapshotFile));
      for (const n of this.journals()) {
        if (n < snapshot.journal) rmSync(this.journalPath(n), { force: true });
      }
    } catch (error) {
      this.options.log(`state: could not write ${snapshotFile}: ${message(error)}`);
      rmSync(temp, { force: true });
    }
  }

  private closeJournal(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // Already closed or gone: nothing more to write to it.
    }
    this.fd = undefined;
  }

  private journals(): number[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .map((name) => journalPattern.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  private journalPath(n: number): string {
    return path.join(this.dir, `journal-${n}.jsonl`);
  }

  private tempPath(journal: number): string {
    return path.join(this.dir, `${snapshotFile}.${process.pid}-${journal}.tmp`);
  }
}

function parseLine(text: string): z.infer<typeof lineSchema> | null {
  try {
    const parsed = lineSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The last `max` items (the newest, as lists here are oldest first). */
function newest<T>(items: T[], max: number): T[] {
  return items.length > max ? items.slice(items.length - max) : items;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
