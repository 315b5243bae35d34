// GET /demo/files/…: after a restart of the Studio the first request may be for a file; it starts
// the demo simulator, which reloads its tasks from DATA_DIR/demo-simulator, and serves the bytes.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getEnv, setEnvForTests } from "@/lib/env";
import { getDemoSimulator, runningDemoSimulator } from "@/lib/server/upstream-target";
import type { RunningSimulator } from "@/lib/simulator";
import { bytesOf, client, createTask, dataOf, json, pollFinal } from "@/lib/simulator/test-support";
import { GET, HEAD } from "./route";

const globals = globalThis as unknown as { studioDemoSim?: Promise<RunningSimulator> };
const dataDir = mkdtempSync(path.join(os.tmpdir(), "studio-demo-files-"));
const demoKey = "aio_demo_studio";

beforeAll(() => {
  vi.stubEnv("LOG_LEVEL", "silent");
  setEnvForTests(
    getEnv({
      NODE_ENV: "test",
      DATA_DIR: dataDir,
      PORT: "3123",
      LOG_LEVEL: "silent",
      DEMO_SIM_SPEED: "500",
    }),
  );
});
afterEach(async () => {
  const running = runningDemoSimulator();
  delete globals.studioDemoSim;
  await (await running)?.close();
});
afterAll(() => {
  setEnvForTests(undefined);
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

function get(taskId: string, file: string, init: RequestInit = {}): Promise<Response> {
  const req = new Request(`http://localhost:3123/demo/files/${taskId}/${file}`, init);
  const handler = init.method === "HEAD" ? HEAD : GET;
  return handler(req, { params: Promise.resolve({ path: [taskId, file] }) });
}

describe("/demo/files after a restart", () => {
  it("starts the demo simulator on a file request and serves what it made before", async () => {
    // The Studio before its restart: demo mode made an image.
    const before = await getDemoSimulator();
    const api = client(before, demoKey);
    const id = await createTask(api, "/images/generations", { model: "flux-2", prompt: "a fox" });
    const info = await pollFinal(api, id);
    // Stored links name the Studio, never the simulator's own (ephemeral) port.
    expect(info.response).toEqual([`http://localhost:3123/demo/files/${id}/0.png`]);
    const original = await bytesOf(await fetch(`${before.origin}/files/${id}/0.png`));
    delete globals.studioDemoSim;
    await before.close();

    // After it: nothing has started the simulator yet when the browser asks for the file.
    expect(runningDemoSimulator()).toBeUndefined();
    const res = await get(id, "0.png");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect((await bytesOf(res)).equals(original)).toBe(true);
    expect(runningDemoSimulator()).toBeDefined();

    const partial = await get(id, "0.png", { headers: { Range: "bytes=0-7" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 0-7/${original.length}`);
    const head = await get(id, "0.png", { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(original.length));

    // The restarted simulator still answers the task's status, with the same links.
    const after = await getDemoSimulator();
    const reply = dataOf(await json(await client(after, demoKey).get(`/tasks/${id}`)));
    expect(reply.response).toEqual(info.response);
  });

  it("answers 404 for a file it does not have", async () => {
    const res = await get("simunknown_task", "0.png");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: "not_found" } });
  });

  it("points stored links at PUBLIC_URL when it is set", async () => {
    const env = getEnv();
    setEnvForTests({ ...env, PUBLIC_URL: "https://studio.example/" });
    try {
      const sim = await getDemoSimulator();
      const api = client(sim, demoKey);
      const id = await createTask(api, "/audio/speech", {
        model: "elevenlabs-v3",
        dialogue: [{ text: "Hello." }],
      });
      expect((await pollFinal(api, id)).response).toEqual([
        `https://studio.example/demo/files/${id}/0.wav`,
      ]);
    } finally {
      setEnvForTests(env);
    }
  });
});
