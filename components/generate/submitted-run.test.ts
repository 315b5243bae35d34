import { describe, expect, it } from "vitest";
import { models } from "@/lib/catalog";
import { taskListItemSchema } from "@/lib/schemas/tasks";
import { submittedRun } from "./submitted-run";

describe("submittedRun", () => {
  it("is a valid list item for the task just created", () => {
    const flux = models.find((m) => m.slug === "flux-2")!;
    const run = submittedRun(
      {
        task_id: "t1",
        status: "IN_PROGRESS",
        route: "images",
        model: flux,
        body: { model: "flux-2", prompt: "  a red\n fox " },
      },
      Date.parse("2026-01-01T00:00:00.000Z"),
    );
    expect(taskListItemSchema.parse(run)).toMatchObject({
      task_id: "t1",
      model: "flux-2",
      model_value: "flux-2",
      output: "image",
      status: "IN_PROGRESS",
      created_at: "2026-01-01T00:00:00.000Z",
      prompt_preview: "a red fox",
      tracking: { state: "scheduled" },
    });
  });

  it("takes a tool's immediate answer as final", () => {
    const tool = models.find((m) => m.route === "remove-bg")!;
    const run = submittedRun(
      { task_id: "local_1", status: "success", route: "remove-bg", model: tool, body: {} },
      0,
    );
    expect(run).toMatchObject({ status: "SUCCESS", prompt_preview: null, model_value: null });
    expect(run.tracking.state).toBe("done");
  });
});
