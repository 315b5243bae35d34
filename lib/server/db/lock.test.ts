// The embedded database's data-directory lock, with real processes: one that holds it, one whose pid
// is gone, one that was killed with kill -9 while it had the database open.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { acquireDataDirLock, DataDirLockedError, lockHolder, lockPath } from "./lock";
import { openDatabase } from "./open";
import { appMeta } from "./schema";

const dirs: string[] = [];
const tmpDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "studio-lock-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
afterEach(() => {
  vi.restoreAllMocks();
});

/** A pid no process has any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], {
    encoding: "utf8",
  });
  return Number(child.stdout.trim());
}

/** A live process that writes the lock file the way a server does (pid and start time). */
async function liveHolder(file: string, startTime?: string) {
  const script = `
    const fs = require("fs");
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const started = ${JSON.stringify(startTime ?? null)} ?? stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    fs.writeFileSync(${JSON.stringify(file)}, process.pid + "\\n" + started + "\\n");
    console.log("ready");
    setTimeout(() => {}, 60000);`;
  const proc = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => proc.stdout.once("data", () => resolve()));
  return proc;
}

const hasProc = fs.existsSync("/proc/self/stat");

describe("the data-directory lock", { timeout: 90_000 }, () => {
  it("recovers a lock whose process is gone, and says so", () => {
    const dataDir = tmpDir();
    const pid = deadPid();
    fs.writeFileSync(lockPath(dataDir), `${pid}\n`);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(lockHolder(dataDir)).toBeNull();
    const release = acquireDataDirLock(dataDir);
    try {
      expect(fs.readFileSync(lockPath(dataDir), "utf8").split("\n")[0]).toBe(String(process.pid));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(
        new RegExp(`recovered a stale lock on .*: process ${pid} that held it is gone`),
      );
    } finally {
      release();
    }
    expect(fs.existsSync(lockPath(dataDir))).toBe(false);
  });

  it("refuses a live holder, naming its pid", async () => {
    const dataDir = tmpDir();
    const holder = await liveHolder(lockPath(dataDir));
    try {
      expect(lockHolder(dataDir)).toBe(holder.pid);
      expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dataDir)).toThrow(
        `is in use by process ${holder.pid} (a running Studio server)`,
      );
      // The refused attempt left the holder's lock alone.
      expect(lockHolder(dataDir)).toBe(holder.pid);
    } finally {
      holder.kill();
    }
  });

  it.skipIf(!hasProc)("recovers a lock whose pid now belongs to another process", async () => {
    const dataDir = tmpDir();
    // The pid is alive, but it started at another time than the lock's owner did: pid reuse.
    const other = await liveHolder(lockPath(dataDir), "12345");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(lockHolder(dataDir)).toBeNull();
      acquireDataDirLock(dataDir)();
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/recovered a stale lock/);
    } finally {
      other.kill();
    }
  });

  it("opens a database whose server was killed with kill -9, data intact", async () => {
    const dataDir = tmpDir();
    // A real server-like process: opens the directory, writes a row, then waits to be killed.
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "-e",
        `import(${JSON.stringify(path.resolve("lib/server/db/open.ts"))}).then(async ({ openDatabase }) => {
          const opened = await openDatabase({ kind: "pglite", dataDir: ${JSON.stringify(dataDir)} });
          await opened.db.execute("insert into app_meta (key, value) values ('before-kill', 'kept')");
          console.log("ready");
          setInterval(() => {}, 1000);
        })`,
      ],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      child.once("exit", (code) => reject(new Error(`the holder exited early (${code})`)));
    });
    expect(lockHolder(dataDir)).toBe(child.pid);
    await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const opened = await openDatabase({ kind: "pglite", dataDir });
    try {
      expect(String(warn.mock.calls[0]?.[0])).toMatch(
        new RegExp(`recovered a stale lock .*process ${child.pid} that held it is gone`),
      );
      const rows = await opened.db
        .select()
        .from(appMeta)
        .where(sql`${appMeta.key} = 'before-kill'`);
      expect(rows[0]?.value).toBe("kept");
    } finally {
      await opened.close();
    }
  });
});
