import { describe, expect, it } from "vitest";
import { ApiRequestError, type ApiFailure } from "@/lib/queries/api-fetch";
import { describeError, rateLimitMessage, topLevelField } from "./describe-error";

const fieldNames = ["prompt", "dialogue", "aspect_ratio"];

// Every decision reads the error body's fields; the messages are deliberately unhelpful English
// where the outcome must not depend on them.
const err = (failure: Partial<ApiFailure> & Pick<ApiFailure, "status" | "type">) =>
  new ApiRequestError({ message: "", ...failure });

describe("describeError", () => {
  it("puts a 400 naming a shown field under that field, without the field prefix", () => {
    const d = describeError(
      err({
        status: 400,
        type: "invalid_request",
        param: "prompt",
        message: "prompt: must be at least 3 characters",
      }),
      { fieldNames },
    );
    expect(d).toEqual({ field: "prompt", message: "Must be at least 3 characters" });
    const nested = describeError(
      err({
        status: 400,
        type: "invalid_request",
        param: "dialogue[1].text",
        message: "dialogue[1].text: must not be empty",
      }),
      { fieldNames },
    );
    expect(nested.field).toBe("dialogue[1].text");
  });

  it("turns a 400 about something not on the form into an alert", () => {
    const d = describeError(
      err({
        status: 400,
        type: "invalid_request",
        param: "multi_prompt",
        message: "multi_prompt: required",
      }),
      { fieldNames },
    );
    expect(d.field).toBeUndefined();
    expect(d.message).toContain("multi_prompt: required");
    // A message that looks like "field: text" but carries no param is not guessed at.
    expect(
      describeError(err({ status: 400, type: "invalid_request", message: "prompt: nope" }), {
        fieldNames,
      }).field,
    ).toBeUndefined();
  });

  it("tells a bad upstream key from an expired session by source", () => {
    const session = describeError(
      err({
        status: 401,
        type: "authentication_error",
        source: "studio",
        message: "API in One said",
      }),
    );
    expect(session.action?.label).toBe("Sign in");
    const key = describeError(
      err({ status: 401, type: "authentication_error", source: "upstream", message: "sign in" }),
    );
    expect(key.action?.href).toBe("/settings");
  });

  it("sends insufficient credits to apiin.one", () => {
    const d = describeError(err({ status: 402, type: "insufficient_credits", source: "upstream" }));
    expect(d.action).toMatchObject({ href: "https://apiin.one", external: true });
  });

  it("gives a rate limit its wait time", () => {
    const d = describeError(err({ status: 429, type: "rate_limit", retryAfterSeconds: 12 }));
    expect(d).toEqual({ message: rateLimitMessage(12), retryAfterSeconds: 12 });
    expect(describeError(err({ status: 429, type: "rate_limit" })).message).toBe(
      rateLimitMessage(undefined),
    );
  });

  it("says 'may have been charged' only when the body says so", () => {
    const charged = describeError(
      err({
        status: 504,
        type: "server_error",
        source: "upstream",
        mayHaveBeenCharged: true,
        message: "API in One did not answer in time.",
      }),
    );
    expect(charged.mayHaveBeenCharged).toBe(true);
    expect(charged.action?.href).toBe("/gallery");
    const notSent = describeError(
      err({
        status: 502,
        type: "server_error",
        source: "upstream",
        mayHaveBeenCharged: false,
        message: "may have been charged",
      }),
    );
    expect(notSent.mayHaveBeenCharged).toBeUndefined();
    expect(notSent.message).toContain("Nothing was charged");
  });

  it("tells the Studio's own 5xx from the upstream's", () => {
    expect(
      describeError(err({ status: 500, type: "server_error", source: "studio" })).message,
    ).toContain("Studio server");
    expect(
      describeError(err({ status: 503, type: "server_error", source: "upstream" })).message,
    ).toContain("API in One");
  });

  it("explains a request that never got an answer", () => {
    const d = describeError(new TypeError("Failed to fetch"));
    expect(d.mayHaveBeenCharged).toBe(true);
  });

  it("never shows raw JSON or HTML", () => {
    for (const raw of ['{"error":{}}', "<html>"]) {
      expect(
        describeError(err({ status: 418, type: "server_error", message: raw })).message,
      ).not.toMatch(/[{<]/);
    }
  });

  it("finds the top-level field of a path", () => {
    expect(topLevelField("dialogue[1].text")).toBe("dialogue");
    expect(topLevelField("prompt")).toBe("prompt");
  });
});
