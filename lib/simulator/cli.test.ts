// The CLI: argument parsing, in-process main(), and the real `tsx lib/simulator/cli.ts` process.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main, parseCliArgs } from "./cli";
import { client, json, uniqueKey } from "./test-support";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

describe("parseCliArgs", () => {
  it("reads every option and defaults the port to 4010", () => {
    expect(parseCliArgs([])).toMatchObject({ port: 4010, quiet: false });
    expect(
      parseCliArgs([
        "--port",
        "0",
        "--speed",
        "20",
        "--rate-limit",
        "5",
        "--host",
        "0.0.0.0",
        "--credits",
        "7",
        "--quiet",
      ]),
    ).toEqual({
      port: 0,
      speed: 20,
      rateLimitPerMinute: 5,
      host: "0.0.0.0",
      initialCredits: 7,
      quiet: true,
    });
  });

  it("takes a state directory", () => {
    expect(parseCliArgs(["--state-dir", "./.sim-state"])).toMatchObject({
      stateDir: "./.sim-state",
    });
  });

  it("refuses nonsense", () => {
    expect(() => parseCliArgs(["--speed", "fast"])).toThrow(/--speed must be a number/);
    expect(() => parseCliArgs(["--port", "-1"])).toThrow(/--port/);
    expect(() => parseCliArgs(["--bogus"])).toThrow();
  });
});

describe("main", () => {
  it("starts a simulator that answers and prints its base URL", async () => {
    const printed: string[] = [];
    const sim = await main(["--port", "0", "--speed", "50", "--quiet"], (line) =>
      printed.push(line),
    );
    try {
      expect(printed[0]).toContain(`listening on http://127.0.0.1:${sim.port}/api/v1`);
      const res = await client(sim, uniqueKey()).post("/images/generations", {
        model: "flux-2",
        prompt: "from main",
      });
      expect(res.status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});

describe("npm run sim", () => {
  it("runs as a process, answers over HTTP and stops on SIGTERM", async () => {
    const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
    const child = spawn(tsx, ["lib/simulator/cli.ts", "--port", "0", "--speed", "100"], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v1)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", (code) =>
          reject(new Error(`cli exited early with ${code ?? "signal"}: ${out}`)),
        );
      });
      const res = await fetch(`${baseUrl}/tasks/none`, {
        headers: { Authorization: `Bearer ${uniqueKey()}` },
      });
      expect(res.status).toBe(404);
      expect(await json(res)).toMatchObject({ error: { type: "not_found" } });
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
