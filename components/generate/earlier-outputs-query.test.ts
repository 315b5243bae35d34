import { describe, expect, it } from "vitest";
import { taskItem } from "@/lib/queries/task-item-fixture";
import { taskListReplySchema } from "@/lib/schemas/tasks";
import { readEarlierOutputs } from "./earlier-outputs-query";

describe("readEarlierOutputs", () => {
  const task = taskItem({
    task_id: "t1",
    status: "SUCCESS",
    response: ["https://x/1.png", "https://x/2.png"],
    original_response: ["https://x/1.png", "https://x/2.png"],
  });

  it("lists one entry per output file", () => {
    expect(readEarlierOutputs({ next_cursor: null, tasks: [task] }).map((o) => o.url)).toEqual([
      "https://x/1.png",
      "https://x/2.png",
    ]);
  });

  it("keeps the model and prompt for the thumbnail's label", () => {
    expect(readEarlierOutputs({ next_cursor: null, tasks: [task] })[0]).toMatchObject({
      taskId: "t1",
      model: "flux-2",
      label: "a red fox",
    });
  });

  it("takes only answers in the list's shape (the route's own schema)", () => {
    expect(taskListReplySchema.safeParse({ next_cursor: null, tasks: [task] }).success).toBe(true);
    expect(
      taskListReplySchema.safeParse({ data: { next_cursor: null, tasks: [task] } }).success,
    ).toBe(false);
    expect(
      taskListReplySchema.safeParse({ next_cursor: null, tasks: [{ task_id: "t2" }] }).success,
    ).toBe(false);
  });
});
