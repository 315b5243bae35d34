// The library's infinite pages meet pushed tasks: replaced in place in whatever page holds them,
// new ones put into the first page when the filter takes them, gone when they stop matching or
// are deleted. (The flat lists' rules are in task-cache.test.ts.)
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { TaskListItem, TaskListReply } from "@/lib/schemas/tasks";
import {
  applyTaskItem,
  isUnsettled,
  matchesFilter,
  mergeIntoLibrary,
  removeFromLibrary,
  removeTask,
  type LibraryPages,
} from "./task-cache";
import { taskItem } from "./task-item-fixture";
import { taskKeys } from "./tasks";

const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, "0")}:00.000Z`;
const done = (id: string, minute: number, more: Partial<TaskListItem> = {}) =>
  taskItem({ task_id: id, created_at: at(minute), status: "SUCCESS", ...more });

function library(...pages: TaskListItem[][]): LibraryPages {
  return {
    pages: pages.map((tasks, i) => ({
      tasks,
      next_cursor: i < pages.length - 1 ? `c${i}` : null,
    })),
    pageParams: pages.map((_, i) => (i === 0 ? null : `c${i - 1}`)),
  };
}
const ids = (data: LibraryPages) => data.pages.map((p) => p.tasks.map((t) => t.task_id));

describe("matchesFilter (library filters)", () => {
  const fox = done("f", 30, { kind: "image", model: "flux-2", favorite: true });
  it("knows kind, model, favourite and the date range (a bare day is midnight UTC)", () => {
    expect(matchesFilter({ kind: "image" }, fox)).toBe(true);
    expect(matchesFilter({ kind: "video" }, fox)).toBe(false);
    expect(matchesFilter({ model: "flux-2" }, fox)).toBe(true);
    expect(matchesFilter({ model: "imagen-4" }, fox)).toBe(false);
    expect(matchesFilter({ favorite: "true" }, fox)).toBe(true);
    expect(matchesFilter({ favorite: "false" }, fox)).toBe(false);
    expect(matchesFilter({ since: "2026-01-01" }, fox)).toBe(true);
    expect(matchesFilter({ since: "2026-01-02" }, fox)).toBe(false);
    expect(matchesFilter({ until: "2026-01-01T00:30:00Z" }, fox)).toBe(false);
    expect(matchesFilter({ until: "2026-01-01T01:31:00+01:00" }, fox)).toBe(true);
  });
});

describe("mergeIntoLibrary", () => {
  const data = library([done("e", 50), done("d", 40)], [done("c", 30), done("b", 20)]);

  it("replaces a task in place in whatever page holds it", () => {
    const renamed = done("c", 30, { title: "Named" });
    const next = mergeIntoLibrary(data, {}, renamed);
    expect(ids(next)).toEqual(ids(data));
    expect(next.pages[1]?.tasks[0]?.title).toBe("Named");
    expect(next.pages[0]).toBe(data.pages[0]);
    expect(next.pageParams).toBe(data.pageParams);
  });

  it("puts a new matching task at its place in the first page, cutting nothing", () => {
    expect(ids(mergeIntoLibrary(data, {}, done("n", 59)))).toEqual([
      ["n", "e", "d"],
      ["c", "b"],
    ]);
    expect(ids(mergeIntoLibrary(data, {}, done("m", 45)))).toEqual([
      ["e", "m", "d"],
      ["c", "b"],
    ]);
    expect(mergeIntoLibrary(data, {}, done("n", 59)).pages[0]?.next_cursor).toBe("c0");
  });

  it("leaves out a new task the filter does not take, or older than a first page with more after it", () => {
    expect(mergeIntoLibrary(data, { kind: "video" }, done("n", 59))).toBe(data);
    expect(mergeIntoLibrary(data, {}, done("old", 35))).toBe(data);
    const onePage = library([done("e", 50)]);
    expect(ids(mergeIntoLibrary(onePage, {}, done("old", 35)))).toEqual([["e", "old"]]);
  });

  it("with search words only replaces: only the server knows whether new tasks match", () => {
    expect(mergeIntoLibrary(data, { q: "fox" }, done("n", 59))).toBe(data);
    const next = mergeIntoLibrary(data, { q: "fox" }, done("d", 40, { favorite: true }));
    expect(next.pages[0]?.tasks[1]?.favorite).toBe(true);
  });

  it("drops a task that stops matching (unstarred under favourites)", () => {
    const starred = library([done("e", 50, { favorite: true }), done("d", 40, { favorite: true })]);
    const next = mergeIntoLibrary(starred, { favorite: "true" }, done("d", 40));
    expect(ids(next)).toEqual([["e"]]);
  });

  it("never takes a final task back to running, and onlyIfAbsent keeps a listed one", () => {
    expect(mergeIntoLibrary(data, {}, taskItem({ task_id: "c", created_at: at(30) }))).toBe(data);
    expect(mergeIntoLibrary(data, {}, done("c", 30, { title: "x" }), { onlyIfAbsent: true })).toBe(
      data,
    );
  });

  it("replaces the placeholder row of a task being created", () => {
    const placeholder = taskItem({
      task_id: "pending_1",
      created_at: at(55),
      tracking: { state: "submitting", next_check_at: null, note: null },
    });
    const withPlaceholder = library([placeholder, done("e", 50)]);
    const created = taskItem({ task_id: "real", created_at: at(55) });
    expect(ids(mergeIntoLibrary(withPlaceholder, {}, created))).toEqual([["real", "e"]]);
    // The placeholder arriving after its created task (a read's answer overtook it) stays out.
    const withCreated = library([created, done("e", 50)]);
    expect(mergeIntoLibrary(withCreated, {}, placeholder)).toBe(withCreated);
  });
});

describe("removing a deleted task", () => {
  it("takes it out of the page that holds it", () => {
    const data = library([done("e", 50)], [done("c", 30), done("b", 20)]);
    expect(ids(removeFromLibrary(data, "c"))).toEqual([["e"], ["b"]]);
    expect(removeFromLibrary(data, "zzz")).toBe(data);
  });

  it("leaves every cached list and library and drops its status query", () => {
    const client = new QueryClient();
    const lib = taskKeys.library({ kind: "image" });
    const list = taskKeys.list({ route: "images" });
    client.setQueryData(lib, library([done("a", 10), done("b", 5)]));
    client.setQueryData<TaskListReply>(list, { next_cursor: null, tasks: [done("a", 10)] });
    client.setQueryData(taskKeys.detail("a"), { code: 200, message: "success", data: {} });
    removeTask(client, "a");
    expect(ids(client.getQueryData<LibraryPages>(lib)!)).toEqual([["b"]]);
    expect(client.getQueryData<TaskListReply>(list)?.tasks).toEqual([]);
    expect(client.getQueryData(taskKeys.detail("a"))).toBeUndefined();
  });
});

describe("applyTaskItem with libraries", () => {
  it("updates and fills each library by its own filter", () => {
    const client = new QueryClient();
    const all = taskKeys.library({});
    const favourites = taskKeys.library({ favorite: "true" });
    const videos = taskKeys.library({ kind: "video" });
    client.setQueryData(all, library([done("a", 10)]));
    client.setQueryData(favourites, library([done("a", 10, { favorite: true })]));
    client.setQueryData(videos, library([]));
    applyTaskItem(client, done("a", 10, { favorite: false, title: "Renamed" }));
    applyTaskItem(client, done("n", 20));
    expect(ids(client.getQueryData<LibraryPages>(all)!)).toEqual([["n", "a"]]);
    expect(client.getQueryData<LibraryPages>(all)?.pages[0]?.tasks[1]?.title).toBe("Renamed");
    expect(ids(client.getQueryData<LibraryPages>(favourites)!)).toEqual([[]]);
    expect(ids(client.getQueryData<LibraryPages>(videos)!)).toEqual([[]]);
  });

  it("counts a library with a running task on any page as unsettled", () => {
    expect(isUnsettled(library([done("a", 10)], [taskItem({ task_id: "b" })]))).toBe(true);
    expect(isUnsettled(library([done("a", 10)], [done("b", 5)]))).toBe(false);
  });
});
