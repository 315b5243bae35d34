import { describe, expect, it } from "vitest";
import { taskListReplySchema, type TaskListItem } from "@/lib/schemas/tasks";
import { readEarlierOutputs } from "./earlier-outputs-query";

describe("readEarlierOutputs", () => {
  const task: TaskListItem = {
    task_id: "t1",
    route: "images",
    model: "flux-2",
    model_value: "flux-2",
    output: "image",
    kind: "image",
    favorite: false,
    title: null,
    prompt_preview: "a red fox",
    status: "SUCCESS",
    created_at: "2025-01-01T00:00:00Z",
    completed_at: "2025-01-01T00:00:12Z",
    response: ["https://x/1.png", "https://x/2.png"],
    consumed_credits: 5,
    error_message: null,
    original_response: ["https://x/1.png", "https://x/2.png"],
    tracking: { state: "done", next_check_at: null, note: null },
  };

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
