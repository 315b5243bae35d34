import {
  environmentManager,
  QueryClient,
  QueryObserver,
  type QueryKey,
  type QueryObserverOptions,
} from "@tanstack/react-query";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { TaskListReply } from "@/lib/schemas/tasks";
import { taskItem } from "./task-item-fixture";
import { taskFallbackPollMs, taskListPath, taskListQuery, taskQuery } from "./tasks";

/** A fetch that answers with each reply in turn (the last one from then on). */
function server(replies: unknown[]) {
  let calls = 0;
  const fetch = vi.fn((_url: string) => {
    const reply = replies[Math.min(calls++, replies.length - 1)];
    return Promise.resolve(new Response(JSON.stringify(reply), { status: 200 }));
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

const filter = { output: "image", limit: 10 } as const;

describe("task queries", () => {
  let client: QueryClient;
  // React Query runs no refetch timers where it thinks it is on a server, as in Node by default.
  beforeAll(() => environmentManager.setIsServer(() => false));
  afterAll(() => environmentManager.setIsServer(() => true));
  beforeEach(() => {
    vi.useFakeTimers();
    client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });
  afterEach(() => {
    client.clear();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** Watches a query as a mounted component would, for `ms` of fake time. */
  async function watch<TData, TKey extends QueryKey>(
    options: QueryObserverOptions<TData, Error, TData, TData, TKey>,
    ms: number,
  ) {
    const observer = new QueryObserver(client, options);
    const stop = observer.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(ms);
    stop();
  }

  const running: TaskListReply = {
    next_cursor: null,
    tasks: [taskItem({ task_id: "a" }), taskItem({ task_id: "b", status: "SUCCESS" })],
  };
  const done: TaskListReply = {
    next_cursor: null,
    tasks: [
      taskItem({ task_id: "a", status: "SUCCESS" }),
      taskItem({ task_id: "b", status: "SUCCESS" }),
    ],
  };

  it("never polls a list while the live stream is open", async () => {
    const fetch = server([running]);
    await watch(taskListQuery(filter, true), 60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/v1/tasks?output=image&limit=10");
  });

  it(`without the stream, reads a list with unfinished tasks every ${taskFallbackPollMs} ms until none is left`, async () => {
    const fetch = server([running, running, done]);
    await watch(taskListQuery(filter), taskFallbackPollMs - 100);
    expect(fetch).toHaveBeenCalledTimes(1);
    await watch(taskListQuery(filter), 60_000);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(client.getQueryData(taskListQuery(filter).queryKey)).toEqual(done);
  });

  it("does not poll a list whose tasks are all final, nor an empty one", async () => {
    const fetch = server([
      { next_cursor: null, tasks: [taskItem({ task_id: "a", status: "FAILED" })] },
    ]);
    await watch(taskListQuery(filter), 60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    client.clear();
    const empty = server([{ next_cursor: null, tasks: [] }]);
    await watch(taskListQuery(filter), 60_000);
    expect(empty).toHaveBeenCalledTimes(1);
  });

  it("reads one unfinished task slowly without the stream, and not at all with it", async () => {
    const info = (status: string) => ({
      code: 200,
      message: "success",
      data: {
        task_id: "a",
        status,
        consumed_credits: null,
        error_message: null,
        created_at: "2026-01-01T00:00:00.000Z",
        request: {},
        response: [],
      },
    });
    const fetch = server([info("IN_PROGRESS"), info("SUCCESS")]);
    await watch(taskQuery("a", true), 60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    client.clear();
    const polled = server([info("IN_PROGRESS"), info("SUCCESS")]);
    await watch(taskQuery("a"), 60_000);
    expect(polled).toHaveBeenCalledTimes(2);
  });
});

describe("taskListPath", () => {
  it("sends only the filters that are set", () => {
    expect(taskListPath({})).toBe("/api/v1/tasks");
    expect(taskListPath({ route: "videos", status: "IN_PROGRESS", limit: 5 })).toBe(
      "/api/v1/tasks?route=videos&status=IN_PROGRESS&limit=5",
    );
    expect(taskListPath({ output: "audio", route: undefined })).toBe("/api/v1/tasks?output=audio");
  });
});
