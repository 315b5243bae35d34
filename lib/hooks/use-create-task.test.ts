import { describe, expect, it } from "vitest";
import { describeError } from "@/components/generate/describe-error";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { readCreatedTask } from "./use-create-task";

describe("readCreatedTask", () => {
  it("reads the success envelope", () => {
    expect(
      readCreatedTask({
        code: 200,
        message: "success",
        data: { task_id: "t1", status: "IN_PROGRESS" },
      }),
    ).toEqual({ task_id: "t1", status: "IN_PROGRESS" });
  });

  it("treats a reply without a task id as a possible charge", () => {
    let caught: unknown;
    try {
      readCreatedTask({ code: 200, data: {} });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiRequestError);
    expect(describeError(caught).action?.href).toBe("/gallery");
  });
});
