import { environmentManager, QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { TaskStatus } from "@/lib/schemas/api";
import type { TaskListItem, TaskListReply } from "@/lib/schemas/tasks";
import { taskListPath, taskListPollMs, taskListQuery } from "./tasks";

function item(taskId: string, status: TaskStatus): TaskListItem {
  return {
    task_id: taskId,
    route: "images",
    model: "flux-2",
    model_value: "flux-2",
    output: "image",
    status,
    created_at: "2026-01-01T00:00:00.000Z",
    response: status === "SUCCESS" ? ["https://cdn.example/1.png"] : [],
    consumed_credits: status === "SUCCESS" ? 5 : null,
    error_message: null,
    prompt_preview: "a red fox",
  };
}

/** A fetch that answers the task list with each reply in turn (the last one from then on). */
function listServer(replies: TaskListReply[]) {
  let calls = 0;
  const fetch = vi.fn((_url: string) => {
    const reply = replies[Math.min(calls++, replies.length - 1)];
    return Promise.resolve(new Response(JSON.stringify(reply), { status: 200 }));
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

const filter = { output: "image", limit: 10 } as const;

describe("taskListQuery", () => {
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

  /** Watches the list as a mounted component would, for `ms` of fake time. */
  async function watch(ms: number) {
    const observer = new QueryObserver(client, taskListQuery(filter));
    const stop = observer.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(ms);
    stop();
  }

  it(`polls every ${taskListPollMs} ms while a listed task is IN_PROGRESS, then stops`, async () => {
    const running = { tasks: [item("a", "IN_PROGRESS"), item("b", "SUCCESS")] };
    const done = { tasks: [item("a", "SUCCESS"), item("b", "SUCCESS")] };
    const fetch = listServer([running, running, done]);
    await watch(taskListPollMs - 100);
    expect(fetch).toHaveBeenCalledTimes(1);
    await watch(30_000);
    // Loaded, then read every 3 s until the reply had nothing left running.
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/v1/tasks?output=image&limit=10");
    expect(client.getQueryData(taskListQuery(filter).queryKey)).toEqual(done);
  });

  it("does not poll a list whose tasks are all final, nor an empty one", async () => {
    const fetch = listServer([{ tasks: [item("a", "SUCCESS"), item("b", "FAILED")] }]);
    await watch(30_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    client.clear();
    const empty = listServer([{ tasks: [] }]);
    await watch(30_000);
    expect(empty).toHaveBeenCalledTimes(1);
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
