// Task creations under load must not die of a keep-alive race: a POST answered ECONNRESET is
// reported "may have been charged" and is never re-sent, so a reset caused by reusing a connection
// the upstream has just dropped is a lost task for the user.
//
// The race needs two event loops, hence the simulator as a process of its own (`npm run sim`, as
// Playwright starts it). Downloading freshly rendered images keeps its event loop busy past its
// keep-alive timeout (Node's 5 s); when it comes back it drops the connections idle since before
// the stall, unread requests on them included. Before POSTs got connections of their own, the
// creations sent on such connections during the stall failed with ECONNRESET.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isFinalStatus } from "@/lib/schemas/api";
import { createUpstreamClient, UpstreamError, type UpstreamClient } from "./index";

const repoRoot = path.resolve(import.meta.dirname, "..", "..", "..");
// Node's default server.keepAliveTimeout, which the simulator keeps.
const serverKeepAliveMs = 5_000;
// How long the simulator is kept busy: well past its keep-alive timeout.
const stallTargetMs = 9_000;

let child: ChildProcess;
let origin: string;
let baseUrl: string;

beforeAll(async () => {
  const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
  const args = ["lib/simulator/cli.ts", "--port", "0", "--speed", "50", "--rate-limit", "100000"];
  child = spawn(tsx, [...args, "--quiet"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v1)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code ?? "signal"}`)));
  });
  origin = new URL(baseUrl).origin;
});

afterAll(async () => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createdCount(key: string): Promise<number> {
  const res = await undiciFetch(`${origin}/__sim/stats`);
  const stats = (await res.json()) as { requests: Record<string, Record<string, number>> };
  const perKey = stats.requests["POST /images/generations"] ?? {};
  return Object.entries(perKey)
    .filter(
      ([label]) => label === key || (label.startsWith("aio_…") && key.endsWith(label.slice(5))),
    )
    .reduce((sum, [, n]) => sum + n, 0);
}

function createMany(client: UpstreamClient, count: number, label: string) {
  return Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      client.images.generate({ model: "flux-2", prompt: `A quiet harbour, ${label} ${i}` }),
    ),
  );
}

async function finishedOutputs(client: UpstreamClient, taskIds: string[]): Promise<string[]> {
  const urls: string[] = [];
  for (const id of taskIds) {
    for (;;) {
      const info = await client.tasks.get(id);
      if (isFinalStatus(info.status)) {
        urls.push(...info.response);
        break;
      }
      await sleep(50);
    }
  }
  return urls;
}

/** Downloads files the simulator renders on first request, synchronously: its loop stalls. */
async function download(urls: string[]): Promise<number> {
  const started = Date.now();
  await Promise.all(
    urls.map(async (url) => {
      const res = await undiciFetch(url);
      await res.arrayBuffer();
    }),
  );
  return Date.now() - started;
}

function reasons(results: PromiseSettledResult<unknown>[]): string[] {
  return results.flatMap((result) =>
    result.status === "fulfilled"
      ? []
      : [result.reason instanceof UpstreamError ? result.reason.message : String(result.reason)],
  );
}

describe("task creations while the upstream stalls past its keep-alive timeout", () => {
  it("all succeed, each sent exactly once", async () => {
    const key = `aio_keepalive_${randomUUID().replaceAll("-", "")}`;
    const client = createUpstreamClient({ baseUrl, apiKey: key, timeoutMs: 30_000 });
    let sent = 0;

    // How long one render takes here decides how many renders make the stall long enough
    // (the first render also warms the renderer up, so it is not timed).
    const probes = await createMany(client, 5, "probe");
    sent += 5;
    const [warmUp, ...timed] = await finishedOutputs(
      client,
      probes.flatMap((r) => (r.status === "fulfilled" ? [r.value.task_id] : [])),
    );
    await download([warmUp ?? ""]);
    const renderMs = (await download(timed)) / timed.length;
    let renders = Math.min(60, Math.ceil(stallTargetMs / Math.max(renderMs, 50)));

    // Two rounds in which the stall really outlasted the keep-alive timeout. Renders slow down
    // and speed up with whatever else the machine runs: a stall too short is tried again with
    // more renders (its creations still count, and must still all succeed).
    let stalls = 0;
    for (let attempt = 0; stalls < 2 && attempt < 6; attempt++) {
      const toRender = await createMany(client, renders, `render ${attempt}`);
      sent += renders;
      expect(reasons(toRender)).toEqual([]);
      const taskIds = toRender.flatMap((r) => (r.status === "fulfilled" ? [r.value.task_id] : []));
      const urls = await finishedOutputs(client, taskIds);

      // A burst leaves idle keep-alive connections behind (on the old client: POSTs included)…
      const before = await createMany(client, 10, `before ${attempt}`);
      sent += 10;
      // …the simulator stalls rendering, and the Studio's next burst goes out meanwhile.
      const stall = download(urls);
      await sleep(300);
      const during = await createMany(client, 10, `during ${attempt}`);
      sent += 10;
      const stalledMs = await stall;
      expect(reasons(before)).toEqual([]);
      expect(reasons(during)).toEqual([]);
      if (stalledMs > serverKeepAliveMs + 1_000) stalls++;
      else renders = Math.min(240, renders * 2);
      await sleep(1_000);
    }
    // The scenario happened: otherwise this test would pass whatever the client does.
    expect(stalls).toBe(2);
    // Nothing was lost and nothing was re-sent.
    expect(await createdCount(key)).toBe(sent);
  }, 180_000);
});
