// A read that left before the stream's news arrives after it: the news must survive the answer.
// Real QueryClients and real fetches through TanStack; only the server's answers are held back.
import { QueryClient, type QueryKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { TaskListItem, TaskListReply } from "@/lib/schemas/tasks";
import { applyTaskItem, removeTask, trackTaskReads, type LibraryPages } from "./task-cache";
import { taskItem } from "./task-item-fixture";
import { taskKeys } from "./tasks";

const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, "0")}:00.000Z`;
const running = (id: string, minute: number, more: Partial<TaskListItem> = {}) =>
  taskItem({ task_id: id, created_at: at(minute), status: "IN_PROGRESS", ...more });
const done = (id: string, minute: number, more: Partial<TaskListItem> = {}) =>
  running(id, minute, { status: "SUCCESS", ...more });
const statuses = (reply: TaskListReply | undefined) =>
  reply?.tasks.map((t) => `${t.task_id}:${t.status}`);

/** A server answer the test releases when it chooses. */
function held<T>() {
  let release!: (value: T) => void;
  const answer = new Promise<T>((resolve) => {
    release = resolve;
  });
  return { answer, release };
}

/** Starts a read of `queryKey` that answers `reply` once released; returns the release. */
function startRead<T>(client: QueryClient, queryKey: QueryKey, reply: T) {
  const { answer, release } = held<T>();
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- the key names the view; the answer is the server's
  const done = client.fetchQuery({ queryKey, queryFn: () => answer, staleTime: 0 });
  return async () => {
    release(reply);
    await done;
  };
}

const list = taskKeys.list({ route: "images", limit: 3 });

/** A client as the signed-in pages have it while the live stream runs. */
function makeQueryClient(): QueryClient {
  const client = new QueryClient();
  trackTaskReads(client);
  return client;
}

describe("a task read in flight while the stream changes the same view", () => {
  it("keeps a task created and a task finished while the list was being read", async () => {
    const client = makeQueryClient();
    client.setQueryData<TaskListReply>(list, { next_cursor: null, tasks: [running("a", 1)] });
    // The page reads the list again; the database says what it held before the news below.
    const answer = startRead<TaskListReply>(client, list, {
      next_cursor: null,
      tasks: [running("a", 1)],
    });
    applyTaskItem(client, running("b", 2));
    applyTaskItem(client, done("a", 1));
    await answer();
    expect(statuses(client.getQueryData(list))).toEqual(["b:IN_PROGRESS", "a:SUCCESS"]);
  });

  it("a task's placeholder and then its created row, both pushed during the read: one row", async () => {
    const client = makeQueryClient();
    client.setQueryData<TaskListReply>(list, { next_cursor: null, tasks: [done("a", 1)] });
    // The read reached the database after the task was created: it lists the real row.
    const answer = startRead<TaskListReply>(client, list, {
      next_cursor: null,
      tasks: [running("b", 2), done("a", 1)],
    });
    applyTaskItem(
      client,
      running("pending_b", 2, {
        tracking: { state: "submitting", next_check_at: null, note: null },
      }),
    );
    applyTaskItem(client, running("b", 2));
    await answer();
    expect(statuses(client.getQueryData(list))).toEqual(["b:IN_PROGRESS", "a:SUCCESS"]);
  });

  it("keeps out a task deleted while the list was being read", async () => {
    const client = makeQueryClient();
    client.setQueryData<TaskListReply>(list, { next_cursor: null, tasks: [done("a", 1)] });
    const answer = startRead<TaskListReply>(client, list, {
      next_cursor: null,
      tasks: [done("b", 2), done("a", 1)],
    });
    removeTask(client, "b");
    await answer();
    expect(statuses(client.getQueryData(list))).toEqual(["a:SUCCESS"]);
  });

  it("does not replay what the cache knew before the read left: the answer is newer", async () => {
    const client = makeQueryClient();
    applyTaskItem(client, done("a", 1, { title: "Old name" }));
    client.setQueryData<TaskListReply>(list, {
      next_cursor: null,
      tasks: [done("a", 1, { title: "Old name" })],
    });
    const answer = startRead<TaskListReply>(client, list, {
      next_cursor: null,
      tasks: [done("a", 1, { title: "New name" })],
    });
    await answer();
    expect(client.getQueryData<TaskListReply>(list)?.tasks[0]?.title).toBe("New name");
    // And once no read is in flight, nothing is remembered: a later read's answer stands too.
    applyTaskItem(client, done("a", 1, { title: "Newest name" }));
    const later = startRead<TaskListReply>(client, list, {
      next_cursor: null,
      tasks: [done("a", 1, { title: "Renamed elsewhere" })],
    });
    await later();
    expect(client.getQueryData<TaskListReply>(list)?.tasks[0]?.title).toBe("Renamed elsewhere");
  });

  it("keeps the news in a task's own status and in the library's pages", async () => {
    const client = makeQueryClient();
    const detail = taskKeys.detail("a");
    const library = taskKeys.library({});
    const stale = running("a", 1);
    const detailAnswer = startRead(client, detail, {
      code: 200,
      data: { task_id: "a", status: "IN_PROGRESS", response: [] },
    });
    const libraryAnswer = startRead<LibraryPages>(client, library, {
      pages: [{ next_cursor: null, tasks: [stale] }],
      pageParams: [null],
    });
    applyTaskItem(client, running("b", 2));
    applyTaskItem(client, done("a", 1, { response: ["https://example.com/a.png"] }));
    await detailAnswer();
    await libraryAnswer();
    expect(
      client.getQueryData<{ data: { status: string; response: string[] } }>(detail)?.data,
    ).toMatchObject({ status: "SUCCESS", response: ["https://example.com/a.png"] });
    expect(statuses(client.getQueryData<LibraryPages>(library)?.pages[0])).toEqual([
      "b:IN_PROGRESS",
      "a:SUCCESS",
    ]);
  });

  it("without tracking (a bare client) the late answer wins: the case this guards", async () => {
    const client = new QueryClient();
    client.setQueryData<TaskListReply>(list, { next_cursor: null, tasks: [running("a", 1)] });
    const answer = startRead<TaskListReply>(client, list, {
      next_cursor: null,
      tasks: [running("a", 1)],
    });
    applyTaskItem(client, running("b", 2));
    await answer();
    expect(statuses(client.getQueryData(list))).toEqual(["a:IN_PROGRESS"]);
    // Tracking is per client and can be stopped.
    const stop = trackTaskReads(client);
    const again = startRead<TaskListReply>(client, list, {
      next_cursor: null,
      tasks: [running("a", 1)],
    });
    applyTaskItem(client, running("c", 3));
    await again();
    expect(statuses(client.getQueryData(list))).toEqual(["c:IN_PROGRESS", "a:IN_PROGRESS"]);
    stop();
  });
});
