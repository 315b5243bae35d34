import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { TaskListReply } from "@/lib/schemas/tasks";
import { applyTaskItem } from "./task-cache";
import { taskItem } from "./task-item-fixture";
import { reconcileDetail, reconcileList } from "./task-reconcile";
import { taskKeys, taskListQuery } from "./tasks";

const running = taskItem({ task_id: "a" });
const failed = taskItem({ task_id: "a", status: "FAILED" });
const other = taskItem({ task_id: "b", created_at: "2026-01-01T00:01:00.000Z" });

describe("reconcileList", () => {
  it("keeps a task the cache has final when a read still lists it running", () => {
    const fresh = { next_cursor: null, tasks: [other, running] };
    const next = reconcileList({ next_cursor: null, tasks: [failed] }, fresh);
    expect(next.tasks.map((t) => [t.task_id, t.status])).toEqual([
      ["b", "IN_PROGRESS"],
      ["a", "FAILED"],
    ]);
  });

  it("takes the read as it is otherwise (first load, newer news, tasks gone)", () => {
    const fresh = { next_cursor: null, tasks: [failed] };
    expect(reconcileList(undefined, fresh)).toBe(fresh);
    expect(reconcileList({ next_cursor: null, tasks: [running, other] }, fresh)).toBe(fresh);
  });
});

describe("reconcileDetail", () => {
  const reply = (status: "IN_PROGRESS" | "FAILED") => ({
    code: 200,
    message: "success",
    data: {
      task_id: "a",
      status,
      request: {},
      response: [],
      consumed_credits: null,
      error_message: null,
    },
  });

  it("keeps a final status over an older running read, and takes newer reads", () => {
    const final = reply("FAILED");
    expect(reconcileDetail(final, reply("IN_PROGRESS") as never)).toBe(final);
    const fresh = reply("FAILED");
    expect(reconcileDetail(reply("IN_PROGRESS"), fresh as never)).toBe(fresh);
    expect(reconcileDetail(undefined, fresh as never)).toBe(fresh);
  });
});

describe("a list read that left before the stream's news", () => {
  it("does not bring a finished task back to running", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let answer!: (reply: TaskListReply) => void;
    const query = {
      ...taskListQuery({}, true),
      queryFn: () => new Promise<TaskListReply>((resolve) => (answer = resolve)),
    };
    client.setQueryData(taskKeys.list({}), { next_cursor: null, tasks: [running] });
    const read = client.fetchQuery({ ...query, staleTime: 0 });
    // The stream announces the failure while the read (made before it) is on its way.
    applyTaskItem(client, failed);
    answer({ next_cursor: null, tasks: [running, other] });
    await read;
    const cached = client.getQueryData<TaskListReply>(taskKeys.list({}));
    expect(cached?.tasks.find((t) => t.task_id === "a")?.status).toBe("FAILED");
    expect(cached?.tasks).toHaveLength(2);
  });
});
