import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, sleep } from "./retry";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-02-25T12:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("7", now)).toBe(7);
    expect(parseRetryAfter(" 120 ", now)).toBe(120);
    expect(parseRetryAfter("1.2", now)).toBe(2);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfter("Wed, 25 Feb 2026 12:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter(new Date(now + 1500).toUTCString(), now)).toBe(1);
    expect(parseRetryAfter("Wed, 25 Feb 2026 11:00:00 GMT", now)).toBe(0);
  });

  it("ignores missing and unreadable values", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("5 seconds", now)).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  const opts = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it("grows exponentially within [window/2, window]", () => {
    expect(backoffDelay(0, { ...opts, random: () => 0 })).toBe(250);
    expect(backoffDelay(0, { ...opts, random: () => 1 })).toBe(500);
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(2000);
    expect(backoffDelay(3, { ...opts, random: () => 1 })).toBe(4000);
  });

  it("is capped", () => {
    expect(backoffDelay(20, { ...opts, random: () => 1 })).toBe(30_000);
  });

  it("jitters", () => {
    const values = new Set(Array.from({ length: 20 }, () => backoffDelay(4, opts)));
    expect(values.size).toBeGreaterThan(1);
  });
});

describe("sleep", () => {
  it("rejects with the signal's reason when aborted", async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });

  it("rejects at once on an already aborted signal", async () => {
    await expect(sleep(10, AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });
});
