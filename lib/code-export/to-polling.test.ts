import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "@/lib/catalog";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import {
  studioTarget,
  toCurlPolling,
  toPythonPolling,
  toTypeScriptPolling,
  upstreamTarget,
} from ".";

const run = promisify(execFile);
const makers = [toCurlPolling, toTypeScriptPolling, toPythonPolling];
const body = { model: "flux-2", prompt: `It's a "fox" — $(whoami) 🦊`, aspect_ratio: "1:1" };

describe("polling snippets", () => {
  it("default to apiin.one with AIO_API_KEY, overridable by AIO_BASE_URL", () => {
    for (const make of makers) {
      const code = make(routes.images.path, body, upstreamTarget);
      expect(code).toContain("https://apiin.one/api/v1");
      expect(code).toContain("AIO_API_KEY");
      expect(code).toContain("AIO_BASE_URL");
      expect(code).toContain("/tasks/");
      expect(code).not.toMatch(/aio_[A-Za-z0-9]/);
    }
  });

  it("target the Studio's own API with an app token", () => {
    const target = studioTarget("https://studio.example.com/");
    for (const make of makers) {
      const code = make(routes.images.path, body, target);
      expect(code).toContain("https://studio.example.com/api/v1");
      expect(code).toContain("STUDIO_TOKEN");
      expect(code).not.toContain("AIO_API_KEY");
    }
  });

  it("stay short enough to paste", () => {
    for (const make of makers) {
      const lines = make(routes.images.path, body, upstreamTarget).split("\n");
      expect(lines.length).toBeLessThan(32);
    }
  });
});

/** An API that creates a task and then answers 404 for it (deleted in the meantime). */
async function startStub(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const created = req.method === "POST";
    res.writeHead(created ? 200 : 404, { "Content-Type": "application/json" });
    res.end(
      JSON.stringify(
        created
          ? { code: 200, message: "success", data: { task_id: "task_gone" } }
          : { error: { code: 404, type: "not_found", message: "no such task" } },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

describe("polling snippets against the simulator (real HTTP)", () => {
  let sim: RunningSimulator;
  let dir: string;
  const key = `aio_polling_${randomBytes(6).toString("hex")}`;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, speed: 1000, rateLimitPerMinute: 10_000 });
    dir = await mkdtemp(path.join(tmpdir(), "code-polling-"));
    env = { ...process.env, AIO_API_KEY: key, AIO_BASE_URL: sim.baseUrl };
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** stdout as [status, ...output URLs]: the outputs must be the simulator's files. */
  function expectFinished(stdout: string, status = "SUCCESS") {
    const lines = stdout.trim().split("\n");
    expect(lines[0]?.trim()).toBe(status);
    return lines.slice(1).map((l) => l.trim());
  }

  it("curl waits for the task and prints its output URL", async () => {
    const code = toCurlPolling(routes.images.path, body, upstreamTarget);
    const { stdout } = await run("bash", ["-c", code], { env, timeout: 30_000 });
    const urls = expectFinished(stdout);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/^https?:\/\//);
    expect((await fetch(urls[0]!)).ok).toBe(true);
  });

  it("curl prints FAILED and the reason for a failing task", async () => {
    const failing = { ...body, prompt: "a storm [sim:fail]" };
    const code = toCurlPolling(routes.images.path, failing, upstreamTarget);
    const { stdout } = await run("bash", ["-c", code], { env, timeout: 30_000 });
    const [reason] = expectFinished(stdout, "FAILED");
    expect(reason).toBeTruthy();
  });

  it("curl stops with the error when the create call is refused", async () => {
    const code = toCurlPolling(routes.images.path, { model: "flux-2" }, upstreamTarget);
    const failure = await run("bash", ["-c", code], { env, timeout: 30_000 }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain("invalid_request");
  });

  it("curl stops with the error when the task can no longer be read (404), not polling forever", async () => {
    const gone = await startStub();
    try {
      const code = toCurlPolling(routes.images.path, body, upstreamTarget);
      const failure = await run("bash", ["-c", code], {
        env: { ...env, AIO_BASE_URL: gone.url },
        timeout: 20_000,
      }).catch((error: { code: number | null; stderr: string }) => error);
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr).toContain("not_found");
    } finally {
      gone.server.close();
    }
  });

  it("curl takes the default base URL literally: nothing in it runs", async () => {
    const marker = path.join(dir, "ran");
    const target = { ...upstreamTarget, baseUrl: `http://127.0.0.1:9/$(touch ${marker})` };
    const code = toCurlPolling(routes.images.path, body, target);
    const { AIO_BASE_URL: _unset, ...withoutBase } = env;
    await run("bash", ["-c", code], { env: withoutBase, timeout: 20_000 }).catch(() => undefined);
    await expect(stat(marker)).rejects.toThrow();
  });

  it("TypeScript (through tsx) waits and prints every output URL", async () => {
    const file = path.join(dir, "poll.mts");
    const song = { model: "chirp-v3-5", gpt_description_prompt: "a calm song about rain" };
    await writeFile(file, toTypeScriptPolling(routes.music.path, song, upstreamTarget));
    const tsx = path.resolve("node_modules/.bin/tsx");
    const { stdout } = await run(tsx, [file], { env, timeout: 30_000 });
    expect(expectFinished(stdout)).toHaveLength(2);
  });

  it("Python waits and prints the output URL", async () => {
    const probe = await run("python3", ["-c", "import requests"]).catch(() => null);
    const pyEnv = probe
      ? env
      : { ...env, PYTHONPATH: path.resolve("lib/code-export/testing/requests-shim") };
    const file = path.join(dir, "poll.py");
    await writeFile(file, toPythonPolling(routes.images.path, body, upstreamTarget));
    const { stdout } = await run("python3", [file], { env: pyEnv, timeout: 30_000 });
    expect(expectFinished(stdout)).toHaveLength(1);
  });
});
