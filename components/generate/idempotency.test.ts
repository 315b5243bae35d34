import { afterEach, describe, expect, it, vi } from "vitest";
import {
  doubleSubmitWindowMs,
  newIdempotencyKey,
  pickIdempotencyKey,
  type SubmissionMemory,
} from "./idempotency";

let counter = 0;
const fresh = () => `key-${++counter}`;

function memory(over: Partial<SubmissionMemory>): SubmissionMemory {
  return {
    fingerprint: "images {a}",
    key: "first",
    state: "succeeded",
    settledAt: 1_000,
    ...over,
  };
}

describe("pickIdempotencyKey", () => {
  it("makes a key for the first submission", () => {
    expect(pickIdempotencyKey(null, "images {a}", 0, fresh)).toMatch(/^key-/);
  });

  it("reuses the key for the same body while it is in flight", () => {
    const m = memory({ state: "pending", settledAt: 0 });
    expect(pickIdempotencyKey(m, "images {a}", 99_999, fresh)).toBe("first");
  });

  it("reuses it right after (a double click), not for a deliberate rerun later", () => {
    const m = memory({});
    expect(pickIdempotencyKey(m, "images {a}", 1_000 + doubleSubmitWindowMs - 1, fresh)).toBe(
      "first",
    );
    expect(pickIdempotencyKey(m, "images {a}", 1_000 + doubleSubmitWindowMs, fresh)).not.toBe(
      "first",
    );
  });

  it("treats a failure like a success: same key only for a double click", () => {
    const m = memory({ state: "failed" });
    expect(pickIdempotencyKey(m, "images {a}", 1_500, fresh)).toBe("first");
    expect(pickIdempotencyKey(m, "images {a}", 10_000_000, fresh)).not.toBe("first");
  });

  it("never reuses it for a different body", () => {
    const m = memory({ state: "pending" });
    expect(pickIdempotencyKey(m, "images {b}", 1_000, fresh)).not.toBe("first");
  });
});

describe("newIdempotencyKey", () => {
  afterEach(() => vi.unstubAllGlobals());
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("is a UUID v4", () => {
    expect(newIdempotencyKey()).toMatch(uuid);
  });

  it("works without crypto.randomUUID (plain http)", () => {
    const { getRandomValues } = crypto;
    vi.stubGlobal("crypto", { getRandomValues: getRandomValues.bind(crypto) });
    const a = newIdempotencyKey();
    expect(a).toMatch(uuid);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
