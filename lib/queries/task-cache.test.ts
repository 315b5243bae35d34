import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import type { TaskListReply } from "@/lib/schemas/tasks";
import {
  applyTaskItem,
  catchUpTasks,
  isUnsettled,
  matchesFilter,
  mergeIntoDetail,
  mergeIntoLibrary,
  mergeIntoList,
  newestRuns,
  type LibraryPages,
} from "./task-cache";
import {
  addPendingDeletion,
  pendingDeletions,
  removePendingDeletion,
  subscribePendingDeletions,
  withoutPendingDeletions,
} from "./pending-deletions";
import { taskItem } from "./task-item-fixture";
import { taskKeys } from "./tasks";

const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, "0")}:00.000Z`;
const ids = (reply: TaskListReply) => reply.tasks.map((t) => t.task_id);

describe("mergeIntoList", () => {
  const list: TaskListReply = {
    next_cursor: null,
    tasks: [
      taskItem({ task_id: "c", created_at: at(30) }),
      taskItem({ task_id: "b", created_at: at(20), status: "SUCCESS" }),
      taskItem({ task_id: "a", created_at: at(10) }),
    ],
  };

  it("replaces a listed task where it is", () => {
    const next = mergeIntoList(
      list,
      {},
      taskItem({ task_id: "a", created_at: at(10), status: "SUCCESS" }),
    );
    expect(ids(next)).toEqual(["c", "b", "a"]);
    expect(next.tasks[2]?.status).toBe("SUCCESS");
    expect(next.tasks[0]).toBe(list.tasks[0]);
  });

  it("inserts a new task newest first and keeps to the page size", () => {
    const newest = taskItem({ task_id: "d", created_at: at(40) });
    expect(ids(mergeIntoList(list, {}, newest))).toEqual(["d", "c", "b", "a"]);
    expect(ids(mergeIntoList(list, { limit: 3 }, newest))).toEqual(["d", "c", "b"]);
    const middle = taskItem({ task_id: "m", created_at: at(25) });
    expect(ids(mergeIntoList(list, {}, middle))).toEqual(["c", "m", "b", "a"]);
  });

  it("adds an older task at the end only while the page has room", () => {
    const oldest = taskItem({ task_id: "z", created_at: at(1) });
    expect(ids(mergeIntoList(list, {}, oldest))).toEqual(["c", "b", "a", "z"]);
    expect(mergeIntoList(list, { limit: 3 }, oldest)).toBe(list);
  });

  it("keeps to the filter: other routes stay out, a task that stops matching leaves", () => {
    const video = taskItem({ task_id: "v", route: "videos", output: "video", created_at: at(50) });
    expect(mergeIntoList(list, { route: "images" }, video)).toBe(list);
    expect(mergeIntoList(list, { output: "image" }, video)).toBe(list);
    const running = {
      next_cursor: null,
      tasks: list.tasks.filter((t) => t.status === "IN_PROGRESS"),
    };
    const finished = taskItem({ task_id: "c", created_at: at(30), status: "FAILED" });
    expect(ids(mergeIntoList(running, { status: "IN_PROGRESS" }, finished))).toEqual(["a"]);
    expect(matchesFilter({ route: "images", output: "image", status: "FAILED" }, finished)).toBe(
      true,
    );
  });

  it("never takes a final task back to running (an older read arriving late)", () => {
    const stale = taskItem({ task_id: "b", created_at: at(20), status: "IN_PROGRESS" });
    expect(mergeIntoList(list, {}, stale)).toBe(list);
  });

  it("puts the created task in place of its placeholder row", () => {
    const placeholder = taskItem({
      task_id: "pending_1",
      created_at: at(45),
      tracking: { state: "submitting", next_check_at: null, note: null },
    });
    const withPlaceholder = { next_cursor: null, tasks: [placeholder, ...list.tasks] };
    const created = taskItem({ task_id: "real", created_at: at(45) });
    expect(ids(mergeIntoList(withPlaceholder, {}, created))).toEqual(["real", "c", "b", "a"]);
    const unrelated = taskItem({ task_id: "other", created_at: at(45), model: "imagen-4" });
    expect(ids(mergeIntoList(withPlaceholder, {}, unrelated))).toEqual([
      "pending_1",
      "other",
      "c",
      "b",
      "a",
    ]);
  });

  it("leaves out a placeholder row whose created task is listed already (old news)", () => {
    const placeholder = taskItem({
      task_id: "pending_1",
      created_at: at(45),
      tracking: { state: "submitting", next_check_at: null, note: null },
    });
    const withCreated = mergeIntoList(list, {}, taskItem({ task_id: "real", created_at: at(45) }));
    expect(mergeIntoList(withCreated, {}, placeholder)).toBe(withCreated);
    // Another task's placeholder at the same moment still goes in.
    const other = { ...placeholder, task_id: "pending_2", model: "imagen-4" };
    expect(ids(mergeIntoList(withCreated, {}, other))).toContain("pending_2");
  });

  it("with onlyIfAbsent, adds a guess but never overwrites what the server said", () => {
    const guess = taskItem({ task_id: "c", created_at: at(59) });
    expect(mergeIntoList(list, {}, guess, { onlyIfAbsent: true })).toBe(list);
    const fresh = taskItem({ task_id: "n", created_at: at(59) });
    expect(ids(mergeIntoList(list, {}, fresh, { onlyIfAbsent: true }))[0]).toBe("n");
  });
});

describe("mergeIntoDetail", () => {
  const reply = {
    code: 200 as const,
    message: "success" as const,
    data: {
      task_id: "a",
      status: "IN_PROGRESS" as const,
      consumed_credits: null,
      error_message: null,
      created_at: at(10),
      request: { model: "flux-2", prompt: "a red fox" },
      response: [],
    },
  };

  it("takes status, outputs, credits and error from the item, keeping the request", () => {
    const next = mergeIntoDetail(reply, taskItem({ task_id: "a", status: "SUCCESS" }));
    expect(next.data).toEqual({
      ...reply.data,
      status: "SUCCESS",
      response: ["https://cdn.example/1.png"],
      consumed_credits: 5,
    });
    expect(mergeIntoDetail(next, taskItem({ task_id: "a" }))).toBe(next);
  });
});

describe("applyTaskItem", () => {
  it("updates every cached list it belongs in and its status query, and creates none", () => {
    const client = new QueryClient();
    const images = taskKeys.list({ route: "images", limit: 10 });
    const videos = taskKeys.list({ route: "videos", limit: 10 });
    client.setQueryData(images, { next_cursor: null, tasks: [taskItem({ task_id: "a" })] });
    client.setQueryData(videos, { next_cursor: null, tasks: [] });
    client.setQueryData(taskKeys.detail("a"), {
      code: 200,
      message: "success",
      data: {
        task_id: "a",
        status: "IN_PROGRESS",
        consumed_credits: null,
        error_message: null,
        created_at: at(0),
        request: {},
        response: [],
      },
    });
    // A reshaped list over the same endpoint (the "earlier results" picker) is left alone.
    const picker = ["tasks", "list", { output: "image", status: "SUCCESS" }];
    client.setQueryData(picker, [{ url: "x" }]);

    applyTaskItem(client, taskItem({ task_id: "a", status: "SUCCESS" }));
    expect(client.getQueryData<TaskListReply>(images)?.tasks[0]?.status).toBe("SUCCESS");
    expect(client.getQueryData<TaskListReply>(videos)?.tasks).toEqual([]);
    expect(
      client.getQueryData<{ data: { status: string } }>(taskKeys.detail("a"))?.data.status,
    ).toBe("SUCCESS");
    expect(client.getQueryData(picker)).toEqual([{ url: "x" }]);
    applyTaskItem(client, taskItem({ task_id: "b" }));
    expect(client.getQueryData(taskKeys.detail("b"))).toBeUndefined();
    expect(client.getQueryData(taskKeys.list({ route: "music" }))).toBeUndefined();
  });
});

describe("catching up after the stream opens", () => {
  it("knows which cached task views can still change", () => {
    expect(isUnsettled(undefined)).toBe(true);
    expect(
      isUnsettled({ next_cursor: null, tasks: [taskItem({ task_id: "a", status: "SUCCESS" })] }),
    ).toBe(false);
    expect(isUnsettled({ next_cursor: null, tasks: [taskItem({ task_id: "a" })] })).toBe(true);
    expect(isUnsettled({ data: { status: "IN_PROGRESS" } })).toBe(true);
    expect(isUnsettled({ data: { status: "FAILED" } })).toBe(false);
    expect(isUnsettled([{ url: "x" }])).toBe(false);
  });

  it("first open: lists (a task may have been created since they were read) and running tasks go stale; a finished task's own view does not; after an outage: all of them", async () => {
    const client = new QueryClient();
    const emptyList = taskKeys.list({ route: "images" });
    const finishedList = taskKeys.list({ route: "music" });
    const finishedLibrary = taskKeys.library({});
    const finished = taskKeys.detail("a");
    const running = taskKeys.detail("b");
    client.setQueryData(emptyList, { next_cursor: null, tasks: [] });
    client.setQueryData(finishedList, {
      next_cursor: null,
      tasks: [taskItem({ task_id: "a", status: "SUCCESS" })],
    });
    client.setQueryData(finishedLibrary, {
      pages: [{ next_cursor: null, tasks: [taskItem({ task_id: "a", status: "SUCCESS" })] }],
      pageParams: [null],
    });
    client.setQueryData(finished, { data: { status: "SUCCESS" } });
    client.setQueryData(running, { data: { status: "IN_PROGRESS" } });
    await catchUpTasks(client, "first-open");
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(stale(emptyList)).toBe(true);
    expect(stale(finishedList)).toBe(true);
    expect(stale(finishedLibrary)).toBe(true);
    expect(stale(running)).toBe(true);
    expect(stale(finished)).toBe(false);
    await catchUpTasks(client, "all");
    expect(stale(finished)).toBe(true);
  });
});

describe("newestRuns", () => {
  it("merges a page's route lists newest first, each task once, to the limit", () => {
    const upscale = {
      next_cursor: null,
      tasks: [taskItem({ task_id: "u", route: "upscale", created_at: at(20) })],
    };
    const removeBg = {
      next_cursor: null,
      tasks: [
        taskItem({ task_id: "r2", route: "remove-bg", created_at: at(30) }),
        taskItem({ task_id: "r1", route: "remove-bg", created_at: at(10) }),
      ],
    };
    expect(newestRuns([upscale, removeBg], 10).map((t) => t.task_id)).toEqual(["r2", "u", "r1"]);
    expect(newestRuns([upscale, removeBg, upscale], 2).map((t) => t.task_id)).toEqual(["r2", "u"]);
  });
});

describe("a task deleted with undo (its DELETE not sent yet)", () => {
  const list: TaskListReply = {
    next_cursor: null,
    tasks: [
      taskItem({ task_id: "b", created_at: at(20) }),
      taskItem({ task_id: "a", created_at: at(10) }),
    ],
  };
  const hidden = taskItem({ task_id: "gone", created_at: at(15), status: "SUCCESS" });
  afterEach(() => removePendingDeletion("gone"));

  it("is not put back into a list or the library by an update, and shows again after Undo", () => {
    const pages: LibraryPages = { pages: [list], pageParams: [undefined] };
    addPendingDeletion("gone");
    expect(mergeIntoList(list, {}, hidden)).toBe(list);
    expect(mergeIntoLibrary(pages, {}, hidden)).toBe(pages);
    removePendingDeletion("gone");
    expect(ids(mergeIntoList(list, {}, hidden))).toEqual(["b", "gone", "a"]);
    expect(mergeIntoLibrary(pages, {}, hidden).pages[0]?.tasks.map((t) => t.task_id)).toEqual([
      "b",
      "gone",
      "a",
    ]);
  });

  it("is left out of the recent runs even when a list read still has it", () => {
    const read: TaskListReply = { next_cursor: null, tasks: [...list.tasks, hidden] };
    addPendingDeletion("gone");
    expect(newestRuns([read], 8).map((t) => t.task_id)).toEqual(["b", "a"]);
  });

  it("notifies subscribers and filters a list without copying it when nothing is hidden", () => {
    const seen: number[] = [];
    const stop = subscribePendingDeletions(() => seen.push(pendingDeletions().size));
    addPendingDeletion("gone");
    addPendingDeletion("gone");
    removePendingDeletion("gone");
    stop();
    expect(seen).toEqual([1, 0]);
    expect(withoutPendingDeletions(list.tasks)).toBe(list.tasks);
  });
});
