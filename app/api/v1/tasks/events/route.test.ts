// GET /api/v1/tasks/events, called as Next would call it: the stream's wire format, that it carries
// the signed-in user's changes only, and that it lets go of everything when the client leaves.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { taskListItemSchema } from "@/lib/schemas/tasks";
import { publishTaskChange, taskFeedStats } from "@/lib/server/events/task-feed";
import { pingEveryMs } from "@/lib/server/events/task-event-stream";
import { storeTask } from "@/lib/server/tasks/task-fixtures";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { DELETE as deleteTask, PATCH as patchTask } from "../[task_id]/route";
import { GET, HEAD } from "./route";

const h = setupTaskHarness();

const url = "http://localhost:3000/api/v1/tasks/events";
const noParams = { params: Promise.resolve({}) };

function open(u: TestUser) {
  const abort = new AbortController();
  const req = new Request(url, {
    headers: { authorization: `Bearer ${u.token}` },
    signal: abort.signal,
  });
  return { abort, response: GET(req, noParams) };
}

/** Reads the body until `text` has arrived; returns everything read so far. */
function reader(res: Response) {
  const stream = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  return {
    async until(text: string, timeoutMs = 5_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!buffered.includes(text)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${text}" in ${JSON.stringify(buffered)}`);
        const chunk = await Promise.race([
          stream.read(),
          new Promise<"late">((r) => setTimeout(() => r("late"), left)),
        ]);
        if (chunk === "late") continue;
        if (chunk.done) throw new Error(`stream ended before "${text}"`);
        buffered += decoder.decode(chunk.value, { stream: true });
      }
      return buffered;
    },
    read: () => stream.read(),
  };
}

async function storedTask(u: TestUser) {
  return storeTask(h().opened.db, {
    userId: u.user.id,
    taskId: `events_${randomUUID()}`,
    target: { mode: "user-key", apiKey: u.upstreamKey },
  });
}

/** The `task` events in what was read, parsed with the list item's schema. */
function taskEvents(text: string) {
  return [...text.matchAll(/^event: task\ndata: (.*)$/gm)].map((m) =>
    taskListItemSchema.parse(JSON.parse(m[1]!)),
  );
}

describe("GET /api/v1/tasks/events", () => {
  it("refuses a caller without a session", async () => {
    const res = await GET(new Request(url), noParams);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/json");
  });

  it("streams the user's task changes as `task` events with list items", async () => {
    const [u, other] = [await h().makeUser(), await h().makeUser()];
    const { abort, response } = open(u);
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    const body = reader(res);
    expect(await body.until("\n\n")).toMatch(/^retry: 3000\n/);

    const theirs = await storedTask(other);
    publishTaskChange({ ...theirs, status: "SUCCESS", updatedAt: new Date() });
    const mine = await storedTask(u);
    const done = { status: "SUCCESS", response: ["https://cdn.example/a.png"] };
    publishTaskChange({ ...mine, ...done, updatedAt: new Date(mine.updatedAt.getTime() + 1) });
    const read = await body.until(mine.taskId);
    const events = taskEvents(read);
    expect(events.map((e) => e.task_id)).not.toContain(theirs.taskId);
    expect(events.filter((e) => e.task_id === mine.taskId).at(-1)).toMatchObject({
      status: "SUCCESS",
      response: ["https://cdn.example/a.png"],
      tracking: { state: "done" },
    });
    abort.abort();
  });

  it("pings every 15 s so idle connections stay open", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const u = await h().makeUser();
      const { abort, response } = open(u);
      const body = reader(await response);
      await body.until("connected");
      vi.advanceTimersByTime(pingEveryMs);
      expect(await body.until(": ping\n\n")).toContain(": ping\n\n");
      abort.abort();
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets go of its subscription when the client goes away or stops reading", async () => {
    const u = await h().makeUser();
    const before = taskFeedStats().subscribers;
    const first = open(u);
    const firstBody = reader(await first.response);
    await firstBody.until("connected");
    const second = open(u);
    const secondRes = await second.response;
    expect(taskFeedStats().subscribers).toBe(before + 2);

    first.abort.abort();
    expect(await firstBody.read()).toMatchObject({ done: true });
    expect(taskFeedStats().subscribers).toBe(before + 1);
    await secondRes.body!.cancel();
    expect(taskFeedStats().subscribers).toBe(before);
  });

  it("carries a rename as a `task` event and a deletion as `task-deleted`, to the owner only", async () => {
    const [u, other] = [await h().makeUser(), await h().makeUser()];
    const row = await storedTask(u);
    const mine = open(u);
    const theirs = open(other);
    const [res, otherRes] = [await mine.response, await theirs.response];
    const read = reader(res);
    const otherRead = reader(otherRes);
    await read.until(": connected");
    await otherRead.until(": connected");
    const call = (handler: typeof patchTask, method: string, body?: unknown) =>
      handler(
        new Request(`http://localhost:3000/api/v1/tasks/${row.taskId}`, {
          method,
          headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        }),
        { params: Promise.resolve({ task_id: row.taskId }) },
      );
    expect((await call(patchTask, "PATCH", { title: "Renamed" })).status).toBe(200);
    const renamed = await read.until('"title":"Renamed"');
    expect(taskEvents(renamed).at(-1)).toMatchObject({ task_id: row.taskId, title: "Renamed" });
    expect((await call(deleteTask, "DELETE")).status).toBe(200);
    const text = await read.until("event: task-deleted");
    expect(text).toContain(`event: task-deleted\ndata: {"task_id":"${row.taskId}"}\n\n`);
    await expect(otherRead.until("event: task", 300)).rejects.toThrow();
    mine.abort.abort();
    theirs.abort.abort();
  });

  it("drops open and new streams once the server is told to stop, so its shutdown can finish", async () => {
    const u = await h().makeUser();
    const first = reader(await open(u).response);
    const second = reader(await open(u).response);
    await first.until("connected");
    await second.until("connected");
    // Someone else (Next's own handler) also listens, as in a real server: nothing exits here.
    const nextsOwn = () => undefined;
    process.on("SIGTERM", nextsOwn);
    try {
      process.emit("SIGTERM");
    } finally {
      process.off("SIGTERM", nextsOwn);
    }
    // Aborted, not ended: Next drops the connection instead of keeping it alive for a reconnect.
    await expect(first.read()).rejects.toMatchObject({ name: "AbortError" });
    await expect(second.read()).rejects.toMatchObject({ name: "AbortError" });
    expect(taskFeedStats().subscribers).toBe(0);
    const late = await open(u).response;
    await expect(late.body!.getReader().read()).rejects.toMatchObject({ name: "AbortError" });
    expect(taskFeedStats().subscribers).toBe(0);
  });

  it("answers HEAD with the stream's headers and no lingering subscription", async () => {
    const u = await h().makeUser();
    const req = new Request(url, {
      method: "HEAD",
      headers: { authorization: `Bearer ${u.token}` },
    });
    const res = await HEAD(req, noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(taskFeedStats().subscribers).toBe(0);
  });
});
