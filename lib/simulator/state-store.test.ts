// stateDir: a simulator started again on the same directory carries on where the last one stopped,
// whether it was closed or killed; and the store under it writes little, atomically and boundedly.
import { spawn } from "node:child_process";
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { taskInfoSchema } from "../schemas/api";
import { StateStore, type StoredState } from "./state-store";
import type { TaskRecord } from "./tasks";
import {
  adminGet,
  asRecord,
  bytesOf,
  client,
  createTask,
  dataOf,
  json,
  pollFinal,
  receiver,
  startTestSimulator,
  uniqueKey,
  waitFor,
} from "./test-support";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sim-state-"));
  dirs.push(dir);
  return dir;
}

function snapshotOf(dir: string): { journal: number; tasks: TaskRecord[]; accounts: unknown[] } {
  return JSON.parse(readFileSync(path.join(dir, "snapshot.json"), "utf8")) as {
    journal: number;
    tasks: TaskRecord[];
    accounts: unknown[];
  };
}

function storedTask(dir: string, id: string): TaskRecord {
  const task = snapshotOf(dir).tasks.find((t) => t.id === id);
  if (!task) throw new Error(`task ${id} is not in the snapshot`);
  return task;
}

describe("a simulator restarted on its stateDir", () => {
  it("still answers finished tasks, serves their files byte for byte and keeps balances", async () => {
    const dir = tempDir();
    const key = uniqueKey();
    const options = { stateDir: dir, filesOrigin: "https://studio.test/demo" };
    const first = await startTestSimulator(options);
    let ids: string[];
    let replies: unknown[];
    let files: Buffer[];
    let balance: unknown;
    try {
      const api = client(first, key);
      ids = await Promise.all([
        createTask(api, "/images/generations", { model: "imagen4", prompt: "kept", seed: 7 }),
        createTask(api, "/audio/speech", { model: "elevenlabs-v3", dialogue: [{ text: "Hi." }] }),
        createTask(api, "/videos/generations", { model: "kling-3", prompt: "a fox", duration: 4 }),
        createTask(api, "/images/generations", { model: "flux-2", prompt: "fails [sim:fail]" }),
      ]);
      await Promise.all(ids.map((id) => pollFinal(api, id)));
      replies = await Promise.all(ids.map(async (id) => json(await api.get(`/tasks/${id}`))));
      files = await Promise.all(
        ids.slice(0, 3).map(async (id, i) => {
          const ext = ["png", "wav", "webm"][i] ?? "";
          return bytesOf(await fetch(`${first.origin}/files/${id}/0.${ext}`));
        }),
      );
      balance = (await adminGet(first, `/keys/${key}`)).balance;
    } finally {
      await first.close();
    }

    const second = await startTestSimulator(options);
    try {
      const api = client(second, key);
      // With a stable filesOrigin the replies are identical, URLs included.
      for (const [i, id] of ids.entries()) {
        expect(await json(await api.get(`/tasks/${id}`))).toEqual(replies[i]);
      }
      // A fresh process renders them anew: the bytes are the same.
      for (const [i, id] of ids.slice(0, 3).entries()) {
        const ext = ["png", "wav", "webm"][i] ?? "";
        const again = await bytesOf(await fetch(`${second.origin}/files/${id}/0.${ext}`));
        expect(again.equals(files[i] ?? Buffer.alloc(0)), ext).toBe(true);
      }
      expect((await adminGet(second, `/keys/${key}`)).balance).toBe(balance);
      // Still nobody else's: another key sees nothing.
      expect((await client(second, uniqueKey()).get(`/tasks/${ids[0] ?? ""}`)).status).toBe(404);
    } finally {
      await second.close();
    }
  });

  it("finishes an unfinished task at its original time and delivers its callback then", async () => {
    const dir = tempDir();
    const hook = await receiver();
    const key = uniqueKey();
    try {
      // kling-3 takes 60–180 s, so 0.6–1.8 s at speed 100.
      const first = await startTestSimulator({ stateDir: dir, speed: 100 });
      const firstOrigin = first.origin;
      const id = await createTask(client(first, key), "/videos/generations", {
        model: "kling-3",
        prompt: "finish me later",
        callback_url: hook.url,
      });
      await first.close();
      const { finishesAt, settled } = storedTask(dir, id);
      expect(settled).toBe(false);
      expect(finishesAt - Date.now()).toBeGreaterThan(200);

      const second = await startTestSimulator({ stateDir: dir, speed: 100 });
      try {
        const api = client(second, key);
        expect(dataOf(await json(await api.get(`/tasks/${id}`))).status).toBe("IN_PROGRESS");
        await waitFor(() => hook.received.length > 0);
        const got = hook.received[0];
        expect(got?.at).toBeGreaterThanOrEqual(finishesAt);
        expect((got?.at ?? 0) - finishesAt).toBeLessThan(500);
        expect(asRecord(got?.body.data)).toMatchObject({ task_id: id, status: "SUCCESS" });
        // The status reply, with URLs on the origin the task was created through (a stable one
        // needs filesOrigin or a fixed port).
        const reply = JSON.stringify(await json(await api.get(`/tasks/${id}`)));
        expect(got?.body).toEqual(JSON.parse(reply.replaceAll(second.origin, firstOrigin)));
        await new Promise((r) => setTimeout(r, 100));
        expect(hook.received).toHaveLength(1);
      } finally {
        await second.close();
      }
      // Delivered once: a third start owes nothing.
      const third = await startTestSimulator({ stateDir: dir, speed: 100 });
      await new Promise((r) => setTimeout(r, 100));
      await third.close();
      expect(hook.received).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it("settles at once what came due while it was down: refunds a failure and calls back", async () => {
    const dir = tempDir();
    const hook = await receiver();
    const key = uniqueKey();
    try {
      // Images take 3–15 s: 30–150 ms at speed 100.
      const first = await startTestSimulator({ stateDir: dir, speed: 100 });
      const id = await createTask(client(first, key), "/images/generations", {
        model: "flux-2",
        prompt: "fail while down [sim:fail]",
        callback_url: hook.url,
      });
      await first.close();
      const { finishesAt, settled, price } = storedTask(dir, id);
      expect(settled).toBe(false);
      await new Promise((r) => setTimeout(r, Math.max(0, finishesAt - Date.now()) + 50));

      const started = Date.now();
      const second = await startTestSimulator({
        stateDir: dir,
        speed: 100,
        resumeCallbackDelayMs: 200,
      });
      try {
        // Settled as soon as it is loaded…
        const reply = await client(second, key).get(`/tasks/${id}`);
        expect(dataOf(await json(reply)).status).toBe("FAILED");
        // …and called back once the receiver had a moment to come up.
        await waitFor(() => hook.received.length > 0);
        const delay = (hook.received[0]?.at ?? 0) - started;
        expect(delay).toBeGreaterThanOrEqual(200);
        expect(delay).toBeLessThan(1200);
        expect(asRecord(hook.received[0]?.body.data)).toMatchObject({
          task_id: id,
          status: "FAILED",
          consumed_credits: 0,
        });
        expect(price).toBeGreaterThan(0);
        expect((await adminGet(second, `/keys/${key}`)).balance).toBe(10_000);
      } finally {
        await second.close();
      }
    } finally {
      await hook.close();
    }
  });

  it("delivers again a callback that close() cut short", async () => {
    const dir = tempDir();
    // The first POST is never answered: close() aborts it mid-flight.
    const hook = await receiver([0]);
    const key = uniqueKey();
    try {
      const first = await startTestSimulator({ stateDir: dir });
      const id = await createTask(client(first, key), "/images/tools/remove-bg", {
        image: "https://x.test/a.png",
        callback_url: hook.url,
      });
      await waitFor(() => hook.received.length === 1);
      await first.close();
      expect(storedTask(dir, id)).toMatchObject({ settled: true, callbackDone: false });

      const second = await startTestSimulator({ stateDir: dir });
      try {
        await waitFor(() => hook.received.length === 2);
        expect(asRecord(hook.received[1]?.body.data)).toMatchObject({ task_id: id });
        // The receiver has the body; the simulator marks the delivery done only once the answer
        // is back, which on a loaded machine can lag the body by tens of milliseconds.
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        await second.close();
      }
      expect(storedTask(dir, id).callbackDone).toBe(true);
    } finally {
      await hook.close();
    }
  });

  it("keeps a task whose creation was answered even when the process is killed (kill -9)", async () => {
    const dir = tempDir();
    const key = uniqueKey();
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "lib/simulator/cli.ts",
        "--port",
        "0",
        "--speed",
        "1000",
        "--quiet",
        "--state-dir",
        dir,
      ],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let id: string;
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v1)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", (code) => reject(new Error(`cli exited early (${code}): ${out}`)));
      });
      const res = await fetch(`${baseUrl}/images/generations`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ model: "flux-2", prompt: "survive a crash" }),
      });
      id = String(asRecord((await json(res)).data).task_id);
      const exited = new Promise((r) => child.once("exit", r));
      // At once: no close(), no snapshot, only what was written before the reply.
      child.kill("SIGKILL");
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }

    // Only the journal has it: the process never got to write a snapshot with it.
    expect(snapshotOf(dir).tasks).toEqual([]);
    const sim = await startTestSimulator({ stateDir: dir });
    try {
      const api = client(sim, key);
      expect(taskInfoSchema.parse(await pollFinal(api, id))).toMatchObject({
        task_id: id,
        status: "SUCCESS",
      });
      expect((await adminGet(sim, `/keys/${key}`)).balance).toBe(10_000 - 5);
    } finally {
      await sim.close();
    }
  });

  it("keeps only the newest maxTasks tasks, in memory and on disk", async () => {
    const dir = tempDir();
    const key = uniqueKey();
    const first = await startTestSimulator({ stateDir: dir, maxTasks: 3 });
    const ids: string[] = [];
    try {
      const api = client(first, key);
      for (let i = 0; i < 5; i++) {
        ids.push(
          await createTask(api, "/images/tools/remove-bg", { image: `https://x.test/${i}` }),
        );
      }
      expect((await adminGet(first, "/stats")).tasks).toBe(3);
      expect((await api.get(`/tasks/${ids[0] ?? ""}`)).status).toBe(404);
    } finally {
      await first.close();
    }
    expect(snapshotOf(dir).tasks.map((t) => t.id)).toEqual(ids.slice(2));
    const second = await startTestSimulator({ stateDir: dir, maxTasks: 3 });
    try {
      const api = client(second, key);
      expect((await api.get(`/tasks/${ids[1] ?? ""}`)).status).toBe(404);
      expect((await api.get(`/tasks/${ids[4] ?? ""}`)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

function record(id: string, createdAt = Date.now()): TaskRecord {
  return {
    id,
    key: "aio_store",
    route: "remove-bg",
    modelSlug: "bg-remover",
    modelValue: "bg-remover",
    request: { image: "https://x.test/a.png" },
    params: { image: "https://x.test/a.png" },
    origin: "http://127.0.0.1:1",
    createdAt,
    finishesAt: createdAt + 1000,
    outcome: "SUCCESS",
    errorMessage: null,
    price: 1,
    shape: null,
    callbackUrl: null,
    outputs: { count: 1, ext: "png" },
    settled: false,
    callbackDone: false,
    filesExpired: false,
    checkFault: null,
    slowBody: false,
  };
}

function journalFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith("journal-"));
}

describe("StateStore", () => {
  it("journals every change at once and rewrites the snapshot only after a quiet delay", async () => {
    const dir = tempDir();
    const state: StoredState = { tasks: [], accounts: [] };
    const store = new StateStore(dir, { maxTasks: 1000, snapshotDelayMs: 150, log: () => {} });
    expect(store.load()).toEqual({ tasks: [], accounts: [] });
    store.start(() => state);
    for (let i = 0; i < 100; i++) {
      const task = record(`t${i}`);
      state.tasks.push(task);
      store.save({ task, account: { key: "aio_store", balance: 1000 - i, taskCount: i + 1 } });
    }
    // 100 changes: 100 journal lines, and the snapshot not yet rewritten.
    expect(snapshotOf(dir).tasks).toEqual([]);
    const [journal] = journalFiles(dir);
    expect(
      readFileSync(path.join(dir, journal ?? ""), "utf8")
        .trim()
        .split("\n"),
    ).toHaveLength(100);
    // What a crash now would leave is already complete.
    const early = new StateStore(dir, { maxTasks: 1000, log: () => {} }).load();
    expect(early.tasks).toHaveLength(100);
    expect(early.accounts).toEqual([{ key: "aio_store", balance: 901, taskCount: 100 }]);

    await waitFor(() => snapshotOf(dir).tasks.length === 100);
    await waitFor(() => journalFiles(dir).length === 0);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    await store.close();
  });

  it("writes what is pending on close", async () => {
    const dir = tempDir();
    const state: StoredState = { tasks: [], accounts: [] };
    const store = new StateStore(dir, { maxTasks: 10, snapshotDelayMs: 60_000, log: () => {} });
    store.load();
    store.start(() => state);
    state.tasks.push(record("closing"));
    store.save({ task: record("closing") });
    await store.close();
    expect(snapshotOf(dir).tasks.map((t) => t.id)).toEqual(["closing"]);
    expect(journalFiles(dir)).toEqual([]);
    // Nothing is written after close.
    store.save({ task: record("late") });
    expect(journalFiles(dir)).toEqual([]);
  });

  it("skips unreadable journal lines and sets an unreadable snapshot aside", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "snapshot.json"), "{not json");
    const journal = path.join(dir, "journal-3.jsonl");
    appendFileSync(journal, `${JSON.stringify({ task: record("good") })}\n`);
    appendFileSync(journal, `${JSON.stringify({ task: { id: "bad" } })}\n`);
    appendFileSync(journal, `{"task":{"id":"torn`); // a write cut short by a crash
    const lines: string[] = [];
    const loaded = new StateStore(dir, { maxTasks: 10, log: (l) => lines.push(l) }).load();
    expect(loaded.tasks.map((t) => t.id)).toEqual(["good"]);
    expect(
      lines.some((l) => /snapshot\.json unreadable .* moved to .*unreadable-\d+/.test(l)),
    ).toBe(true);
    expect(lines).toContain("state: skipped 2 unreadable journal line(s)");
    expect(readdirSync(dir).some((n) => n.startsWith("snapshot.json.unreadable-"))).toBe(true);
  });

  it("applies the journal over the snapshot: a later line of a task replaces the earlier one", () => {
    const dir = tempDir();
    const older = record("a", 1);
    writeFileSync(
      path.join(dir, "snapshot.json"),
      JSON.stringify({ version: 1, journal: 5, tasks: [older, record("b", 2)], accounts: [] }),
    );
    // Journal 4 is older than the snapshot: already in it, and not applied again.
    writeFileSync(
      path.join(dir, "journal-4.jsonl"),
      `${JSON.stringify({ task: { ...older, price: 99 } })}\n`,
    );
    writeFileSync(
      path.join(dir, "journal-5.jsonl"),
      `${JSON.stringify({ task: { ...older, settled: true } })}\n${JSON.stringify({ task: record("c", 3) })}\n`,
    );
    const loaded = new StateStore(dir, { maxTasks: 3, log: () => {} }).load();
    // Creation order is kept: a change does not make a task newer.
    expect(loaded.tasks.map((t) => [t.id, t.settled, t.price])).toEqual([
      ["a", true, 1],
      ["b", false, 1],
      ["c", false, 1],
    ]);
    expect(
      new StateStore(dir, { maxTasks: 2, log: () => {} }).load().tasks.map((t) => t.id),
    ).toEqual(["b", "c"]);
  });
});
