import { describe, expect, it } from "vitest";
import { errorTitle, formatMs, messageStats, readableErrorMessage } from "./message-format";

describe("formatMs", () => {
  it("reads as milliseconds, seconds or minutes", () => {
    expect(formatMs(42)).toBe("42 ms");
    expect(formatMs(999.6)).toBe("1.0 s");
    expect(formatMs(2449)).toBe("2.4 s");
    expect(formatMs(12_345)).toBe("12 s");
    expect(formatMs(65_000)).toBe("1 min 5 s");
  });
});

describe("messageStats", () => {
  it("lists tokens, credits, duration and time to first token", () => {
    expect(
      messageStats({
        usage: { prompt_tokens: 1200, completion_tokens: 34, total_tokens: 1234 },
        credits: 2,
        duration_ms: 2400,
        first_token_ms: 310,
      }),
    ).toEqual([
      { kind: "tokens", text: "1,200 in / 34 out tokens" },
      { kind: "credits", text: "2 credits" },
      { kind: "duration", text: "2.4 s" },
      { kind: "first-token", text: "first token 310 ms" },
    ]);
  });

  it("leaves out what is not known (an interrupted answer has no usage)", () => {
    expect(
      messageStats({ usage: null, credits: null, duration_ms: 800, first_token_ms: null }),
    ).toEqual([{ kind: "duration", text: "800 ms" }]);
    expect(
      messageStats({ usage: null, credits: 1, duration_ms: null, first_token_ms: null }),
    ).toEqual([{ kind: "credits", text: "1 credit" }]);
  });
});

describe("errorTitle", () => {
  it("names the failure by its type", () => {
    expect(errorTitle("insufficient_credits")).toBe("Not enough credits");
    expect(errorTitle("rate_limit")).toBe("Too many requests right now");
    expect(errorTitle("something_new")).toBe("The answer failed");
    expect(errorTitle(undefined)).toBe("The answer failed");
  });
});

describe("readableErrorMessage", () => {
  it("keeps the first paragraph and drops a stack trace", () => {
    expect(
      readableErrorMessage(
        "TypeError: fetch failed\n    at node:internal/deps/undici:13392:13\n    at async run (/app/x.js:1:1)",
      ),
    ).toBe("TypeError: fetch failed");
    expect(readableErrorMessage("The upstream closed the stream.\n\nDetails: …")).toBe(
      "The upstream closed the stream.",
    );
  });

  it("caps long messages and ignores empty ones", () => {
    expect(readableErrorMessage("x".repeat(1000))).toHaveLength(400);
    expect(readableErrorMessage("")).toBeNull();
    expect(readableErrorMessage(undefined)).toBeNull();
    expect(readableErrorMessage("   at foo (bar.js:1:1)")).toBeNull();
  });
});
