// PGlite allows one process per data directory; a second open corrupts it. The owner writes its
// pid (and, on Linux, the process's start time) to a lock file, and any other process refuses with
// a message that says what to do. A lock whose process is gone — a server killed with kill -9, a
// container restarted and its pid since given to another process — is taken over, with a log line.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { logger } from "@/lib/server/logger";

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (a running Studio server). ` +
        `Only one process may open it: stop that server first, or run this against the server.`,
    );
    this.name = "DataDirLockedError";
  }
}

interface LockOwner {
  pid: number;
  /** When the process started (clock ticks since boot, Linux); absent in old lock files. */
  started?: string;
}

/** A process's start time, which together with its pid names it even after pids are reused. */
function startTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the command name (field 2) is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (owner.started === undefined) return true;
  const now = startTime(owner.pid);
  return now === undefined || now === owner.started;
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, "pglite.lock");
}

/** "<pid>\n<start time>\n"; the first line alone is the format older versions wrote. */
function readOwner(file: string): { owner: LockOwner | null; text: string } | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const [pidLine, started] = text.split("\n");
  const pid = Number.parseInt(pidLine ?? "", 10);
  const owner = Number.isInteger(pid) && pid > 0 ? { pid, ...(started && { started }) } : null;
  return { owner, text };
}

function heldByOther(owner: LockOwner | null): number | null {
  return owner !== null && owner.pid !== process.pid && isAlive(owner) ? owner.pid : null;
}

/** The pid holding the data directory, or null when it is free (a stale lock counts as free). */
export function lockHolder(dataDir: string): number | null {
  const read = readOwner(lockPath(dataDir));
  return read && heldByOther(read.owner);
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = lockPath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const mine = `${process.pid}\n${startTime(process.pid) ?? ""}\n`;
  // Created exclusively, so two processes starting at once cannot both take it.
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: "wx", mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 5) throw err;
    }
    const read = readOwner(file);
    if (!read) continue; // released meanwhile
    const holder = heldByOther(read.owner);
    if (holder !== null) throw new DataDirLockedError(dataDir, holder);
    if (read.owner?.pid !== process.pid) {
      logger.warn(
        `recovered a stale lock on ${dataDir}: ` +
          (read.owner
            ? `process ${read.owner.pid} that held it is gone (stopped without releasing it, e.g. kill -9)`
            : `the lock file was unreadable`),
      );
    }
    removeIfUnchanged(file, read.text);
  }
  const release = () => {
    try {
      if (fs.readFileSync(file, "utf8") === mine) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

/**
 * Deletes the stale lock only if it still says what we judged stale: another process recovering
 * at the same moment may already have replaced it with its own, live lock.
 */
function removeIfUnchanged(file: string, staleText: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // gone already
  }
  if (fs.readFileSync(aside, "utf8") !== staleText) {
    try {
      fs.linkSync(aside, file); // put the live lock back (never over a newer one)
    } catch {
      // a newer lock is in place
    }
  }
  fs.rmSync(aside, { force: true });
}
