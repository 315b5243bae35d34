import { describe, expect, it } from "vitest";
import { ApiRequestError, readApiFailure } from "@/lib/queries/api-fetch";
import { checkOutcome } from "./check-outcome";

const rateLimited = readApiFailure(
  429,
  {
    error: {
      code: 429,
      type: "rate_limit",
      message: "Too many status checks for this key",
      param: null,
      source: "studio",
      may_have_been_charged: false,
      request_id: "req_1",
    },
  },
  "75",
  "POST",
);

describe("checkOutcome", () => {
  it("says nothing before a press", () => {
    expect(checkOutcome(null, 0)).toBeNull();
  });

  it("turns a 429's Retry-After into a readable wait while it runs", () => {
    expect(rateLimited.retryAfterSeconds).toBe(75);
    expect(checkOutcome(rateLimited, 75)).toBe(
      "This key's status checks are used up for now — you can check again in 1 min 15 s.",
    );
    expect(checkOutcome(rateLimited, 0)).toBe(
      "This key's status checks were used up. Try again now.",
    );
  });

  it("names a task that is gone, and passes other failures on", () => {
    const gone = new ApiRequestError({ status: 404, type: "not_found", message: "Task not found" });
    expect(checkOutcome(gone, 0)).toBe("This task is no longer available.");
    expect(checkOutcome(new Error("Failed to fetch"), 0)).toBe(
      "Could not ask for a check: Failed to fetch",
    );
  });
});
