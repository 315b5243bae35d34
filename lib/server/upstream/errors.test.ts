import { describe, expect, it } from "vitest";
import { classifyErrorType, extractField, sanitizeMessage, UpstreamError } from "./errors";

describe("classifyErrorType", () => {
  it.each([
    [400, undefined, "", "invalid_request"],
    [400, "bad_request", "", "invalid_request"],
    [400, "insufficient_credits", "", "insufficient_credits"],
    [401, undefined, "", "authentication_error"],
    [402, undefined, "", "insufficient_credits"],
    [403, undefined, "Not enough credits on this account", "insufficient_credits"],
    [403, undefined, "Insufficient balance", "insufficient_credits"],
    [403, "insufficient_credits", "", "insufficient_credits"],
    [403, undefined, "Key revoked", "authentication_error"],
    [404, undefined, "", "not_found"],
    [409, "not_found", "", "not_found"],
    [422, "whatever", "", "invalid_request"],
    [429, undefined, "", "rate_limit"],
    [500, "invalid_request", "", "server_error"],
    [502, undefined, "", "server_error"],
    [503, undefined, "", "server_error"],
  ] as const)("%i %s %j → %s", (status, type, message, expected) => {
    expect(classifyErrorType(status, type, message)).toBe(expected);
  });
});

describe("sanitizeMessage", () => {
  it("removes the key, key-shaped strings and bearer tokens", () => {
    const key = "aio_secret_1234";
    expect(sanitizeMessage(`Invalid API key ${key}`, [key])).toBe("Invalid API key [redacted]");
    expect(sanitizeMessage("key aio_someone_else rejected")).toBe("key [redacted] rejected");
    expect(sanitizeMessage("Authorization: Bearer abc.def")).toBe(
      "Authorization: Bearer [redacted]",
    );
    expect(sanitizeMessage("custom-secret here", ["custom-secret"])).toBe("[redacted] here");
  });

  it("drops control characters and bounds the length", () => {
    expect(sanitizeMessage("a\nb\u0000c")).toBe("a b c");
    expect(sanitizeMessage("x".repeat(1000)).length).toBe(300);
  });
});

describe("extractField", () => {
  it.each([
    ["prompt: at least 3 characters", "prompt"],
    ["dialogue[0].text: required", "dialogue[0].text"],
    ["Missing required field: prompt", "prompt"],
    ["field 'face_image' is required", "face_image"],
    ["Invalid parameter `aspect_ratio`", "aspect_ratio"],
    ["'image' must be a URL", "image"],
    ["Invalid API key", undefined],
    ["Error: something broke", undefined],
    ["Not enough credits", undefined],
  ])("%s → %s", (message, field) => {
    expect(extractField(message)).toBe(field);
  });
});

describe("UpstreamError", () => {
  it("serialises its own fields", () => {
    const err = new UpstreamError({
      type: "rate_limit",
      status: 429,
      message: "slow",
      retryAfterSeconds: 3,
    });
    expect(err).toBeInstanceOf(Error);
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: "UpstreamError",
      type: "rate_limit",
      status: 429,
      message: "slow",
      retryAfterSeconds: 3,
      mayHaveReachedUpstream: false,
    });
  });
});
