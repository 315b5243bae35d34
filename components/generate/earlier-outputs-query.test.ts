import { describe, expect, it } from "vitest";
import { readEarlierOutputs } from "./earlier-outputs-query";

describe("readEarlierOutputs", () => {
  const task = {
    task_id: "t1",
    route: "images",
    model: "flux-2",
    prompt_preview: "a red fox",
    status: "SUCCESS",
    created_at: "2025-01-01T00:00:00Z",
    response: ["https://x/1.png", "https://x/2.png"],
  };

  it("lists one entry per output file", () => {
    expect(readEarlierOutputs({ tasks: [task] }).map((o) => o.url)).toEqual([
      "https://x/1.png",
      "https://x/2.png",
    ]);
  });

  it("keeps the model and prompt for the thumbnail's label", () => {
    expect(readEarlierOutputs({ tasks: [task] })[0]).toMatchObject({
      taskId: "t1",
      model: "flux-2",
      label: "a red fox",
    });
  });

  it("reads the envelope too and skips junk", () => {
    const payload = { data: { tasks: [task, { task_id: "t2" }, null, { response: [3, ""] }] } };
    expect(readEarlierOutputs(payload)).toHaveLength(2);
    expect(readEarlierOutputs(null)).toEqual([]);
  });
});
