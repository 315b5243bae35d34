// Extra Studio servers on data directories of their own, killed with kill -9 and started again on
// the same directory, and the task list read back from them: the tracker and crash specs' tools.
import fs from "node:fs";
import path from "node:path";
import { simOrigin } from "../../playwright.config";
import { taskListReplySchema, type TaskListItem } from "../../lib/schemas/tasks";
import { call, expect, type ApiUser } from "./api";
import { startStudio, stopStudio, type StudioServer } from "./server";

export interface Studio {
  /** kill -9, then a new server on the same data directory. */
  crashAndRestart(): Promise<void>;
  /** A graceful stop, then a new server on the same data directory. */
  restart(): Promise<void>;
}

/**
 * kill -9 of the whole server, no goodbye at all: the process that owns the database (next
 * start's server, named in the lock file), then start.mjs's process group.
 */
export async function crash(server: StudioServer, dataDir: string): Promise<void> {
  const lock = fs.readFileSync(path.join(dataDir, "pglite.lock"), "utf8");
  const owner = Number(lock.split("\n")[0]);
  const exited = new Promise((r) => server.proc.once("exit", r));
  process.kill(owner, "SIGKILL");
  try {
    process.kill(-(server.proc.pid ?? 0), "SIGKILL");
  } catch {
    // the group ended with its server
  }
  await exited;
  // The owner is gone before the next start looks at the lock.
  await expect.poll(() => isAlive(owner)).toBe(false);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Servers on `port` against the standalone simulator, each run on an emptied directory. */
export function studioOn(port: number) {
  /** An extra server on its own data directory; `env` adds to the standalone-simulator setup. */
  function serve(name: string, env: Record<string, string> = {}): Promise<StudioServer> {
    return startStudio(port, {
      DATA_DIR: path.resolve("tmp", name),
      AUTH_SECRET: "",
      AIO_API_KEY: "",
      AIO_BASE_URL: `${simOrigin}/api/v1`,
      DATABASE_URL: "",
      DEMO_SIM_SPEED: "50",
      TRACKER_SPEED: "50",
      ...env,
    });
  }

  /** Runs `body` against a server on an emptied data directory; stops whichever server is left. */
  async function withFreshStudio(
    name: string,
    env: Record<string, string>,
    body: (studio: Studio) => Promise<void>,
  ): Promise<void> {
    fs.rmSync(path.resolve("tmp", name), { recursive: true, force: true });
    let server = await serve(name, env);
    try {
      await body({
        async crashAndRestart() {
          await crash(server, path.resolve("tmp", name));
          server = await serve(name, env);
        },
        async restart() {
          await stopStudio(server.proc);
          server = await serve(name, env);
        },
      });
    } finally {
      await stopStudio(server.proc);
    }
  }

  async function listTasks(user: ApiUser): Promise<TaskListItem[]> {
    const answer = await call(user, "GET", "/api/v1/tasks?limit=100");
    expect(answer.status, answer.text).toBe(200);
    return taskListReplySchema.parse(answer.json).tasks;
  }

  /** Waits until every listed task is final, reading only our database (the API never polls). */
  async function allFinal(
    user: ApiUser,
    count: number,
    timeoutMs = 90_000,
  ): Promise<TaskListItem[]> {
    let tasks: TaskListItem[] = [];
    await expect
      .poll(
        async () => {
          tasks = await listTasks(user);
          return tasks.filter((t) => t.status !== "IN_PROGRESS").length;
        },
        { timeout: timeoutMs, intervals: [500] },
      )
      .toBe(count);
    return tasks;
  }

  return { serve, withFreshStudio, listTasks, allFinal };
}
