// The peer for the comparisons: the Portkey AI gateway (@portkey-ai/gateway from npm, its
// @hono/node-server overridden to 2.1.x so that it streams), started as its own process on
// 127.0.0.1 (bench/portkey-launch.mjs) and pointed at the simulator as an OpenAI-compatible host.
import { spawn } from "node:child_process";
import path from "node:path";
import { cleanEnv, forwardLines, freePort, root } from "./app-server";

export interface Portkey {
  /** Base URL of its OpenAI-style routes, e.g. http://127.0.0.1:8787/v1 */
  baseUrl: string;
  /** The headers that send a request on to `upstream` (plus the caller's Authorization). */
  headers: Record<string, string>;
  stop(): void;
}

export async function startPortkey(upstream: string): Promise<Portkey> {
  const port = await freePort();
  const proc = spawn(process.execPath, [path.join("bench", "portkey-launch.mjs"), String(port)], {
    cwd: root,
    env: cleanEnv(),
    stdio: ["ignore", "ignore", "pipe"],
  });
  forwardLines(proc.stderr, "portkey");
  const stop = () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the Portkey gateway exited with ${proc.exitCode}`);
    const up = await fetch(`${origin}/`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      stop();
      throw new Error("the Portkey gateway did not start within 60 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl: `${origin}/v1`,
    headers: { "x-portkey-provider": "openai", "x-portkey-custom-host": upstream },
    stop,
  };
}
