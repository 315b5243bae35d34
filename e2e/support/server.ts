// Starts an extra Studio server from the existing build, for specs that stop and restart one.
import { spawn, type ChildProcess } from "node:child_process";

export interface StudioServer {
  proc: ChildProcess;
  /** Everything it printed so far. */
  output: () => string;
}

export interface StudioProcess extends StudioServer {
  /** Resolves with the exit code (or 1 for a signal) once the process has ended. */
  exited: Promise<number>;
}

/** Starts `scripts/start.mjs` on `port` with `env` from the existing build, without waiting. */
export function spawnStudio(port: number, env: Record<string, string>): StudioProcess {
  let output = "";
  const proc = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, ...env, PORT: String(port), STUDIO_SKIP_BUILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: stopStudio can end start.mjs and the Next server under it together.
    detached: true,
  });
  proc.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number>((resolve) => proc.once("exit", (code) => resolve(code ?? 1)));
  return { proc, output: () => output, exited };
}

/** Starts a server and waits until /api/health answers. */
export async function startStudio(
  port: number,
  env: Record<string, string>,
): Promise<StudioServer> {
  const { proc, output } = spawnStudio(port, env);
  // A first start on a new data directory runs initdb: slow on a busy 2-core machine.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      // Bounded: a server that accepts but never answers must not stall the poll.
      const res = await fetch(`http://localhost:${port}/api/health`, {
        signal: AbortSignal.timeout(2000),
      });
      if (res.ok) return { proc, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  proc.kill("SIGTERM");
  throw new Error(`server did not become healthy:\n${output()}`);
}

/**
 * Stops a server: SIGTERM to its process group, SIGKILL if it has not exited within 20 s (a busy
 * machine), so a server never outlives its test holding the port or the data directory.
 */
export async function stopStudio(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(proc.pid ?? 0), signal);
    } catch {
      proc.kill(signal); // the group is gone already, or there is none
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
  // The Next server under start.mjs may still be finishing: make sure the group is gone.
  signalGroup("SIGKILL");
}
