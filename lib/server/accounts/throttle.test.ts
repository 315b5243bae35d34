import { describe, expect, it } from "vitest";
import { LoginThrottle, loginThrottle } from "./throttle";

function setup() {
  let now = 1_700_000_000_000;
  const throttle = new LoginThrottle({ now: () => now });
  return { throttle, advance: (ms: number) => (now += ms) };
}

const minute = 60_000;

describe("LoginThrottle", () => {
  it("allows five failures per account, then blocks with a retry time", () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 5; i++) {
      expect(throttle.check("ada@example.com", "10.0.0.1")).toEqual({ allowed: true });
      throttle.recordFailure("ada@example.com", "10.0.0.1");
      advance(minute);
    }
    // The first failure was 5 minutes ago; it leaves the 15-minute window in 10 minutes.
    expect(throttle.check("ada@example.com", "10.0.0.1")).toEqual({
      allowed: false,
      retryAfterSeconds: 600,
    });
    // The account is blocked from every address; other accounts are not.
    expect(throttle.check("ada@example.com", "10.9.9.9").allowed).toBe(false);
    expect(throttle.check("bob@example.com", "10.0.0.1").allowed).toBe(true);
  });

  it("counts the account by its normalised email", () => {
    const { throttle } = setup();
    for (let i = 0; i < 5; i++)
      throttle.recordFailure(i % 2 ? " ADA@example.com " : "ada@example.com");
    expect(throttle.check("Ada@Example.com").allowed).toBe(false);
  });

  it("allows twenty failures per IP across accounts, then blocks that IP only", () => {
    const { throttle } = setup();
    for (let i = 0; i < 20; i++) {
      expect(throttle.check(`user${i}@example.com`, "10.0.0.1").allowed).toBe(true);
      throttle.recordFailure(`user${i}@example.com`, "10.0.0.1");
    }
    const blocked = throttle.check("fresh@example.com", "10.0.0.1");
    expect(blocked).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(throttle.check("fresh@example.com", "10.0.0.2").allowed).toBe(true);
  });

  it("forgets failures once they leave the window", () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 5; i++) throttle.recordFailure("ada@example.com", "10.0.0.1");
    advance(15 * minute - 1000);
    expect(throttle.check("ada@example.com", "10.0.0.1")).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    advance(1000);
    expect(throttle.check("ada@example.com", "10.0.0.1")).toEqual({ allowed: true });
  });

  it("slides: a newer failure keeps the block until it too expires", () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 4; i++) throttle.recordFailure("ada@example.com");
    advance(10 * minute);
    throttle.recordFailure("ada@example.com");
    advance(5 * minute);
    // The four old ones expired; one failure in the window is not a block.
    expect(throttle.check("ada@example.com")).toEqual({ allowed: true });
  });

  it("clears an account's failures on success, but not the address's", () => {
    const { throttle } = setup();
    for (let i = 0; i < 4; i++) throttle.recordFailure("ada@example.com", "10.0.0.1");
    throttle.recordSuccess("ada@example.com", "10.0.0.1");
    for (let i = 0; i < 4; i++) throttle.recordFailure("ada@example.com", "10.0.0.1");
    expect(throttle.check("ada@example.com", "10.0.0.1").allowed).toBe(true);
    for (let i = 0; i < 12; i++) throttle.recordFailure(`x${i}@example.com`, "10.0.0.1");
    // 8 + 12 = 20 failures from this address: the success did not reset the IP count.
    expect(throttle.check("new@example.com", "10.0.0.1").allowed).toBe(false);
  });

  it("keeps memory bounded", () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now, maxBuckets: 100 });
    for (let i = 0; i < 1000; i++) {
      now += 1;
      throttle.recordFailure(`u${i}@example.com`, `10.0.${i >> 8}.${i & 255}`);
    }
    const size = (throttle as unknown as { failures: Map<string, number[]> }).failures.size;
    expect(size).toBeLessThanOrEqual(101);
  });

  it("is one process-wide instance", async () => {
    const again = await import("./throttle");
    expect(again.loginThrottle).toBe(loginThrottle);
    expect((globalThis as { studioLoginThrottle?: unknown }).studioLoginThrottle).toBe(
      loginThrottle,
    );
  });
});
