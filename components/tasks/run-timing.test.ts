import { describe, expect, it } from "vitest";
import { taskItem } from "@/lib/queries/task-item-fixture";
import {
  canCheck,
  elapsedSeconds,
  estimateRemaining,
  formatAgo,
  formatSeconds,
  isStalled,
  needsCheck,
  tookSeconds,
  trackingSummary,
} from "./run-timing";

const t0 = Date.parse("2026-01-01T00:00:00.000Z");

describe("run timing", () => {
  it("formats durations and ages", () => {
    expect([0, 42, 65, 3_720].map(formatSeconds)).toEqual([
      "0 s",
      "42 s",
      "1 min 5 s",
      "1 h 2 min",
    ]);
    const at = "2026-01-01T00:00:00.000Z";
    expect(formatAgo(at, t0 + 2_000)).toBe("just now");
    expect(formatAgo(at, t0 + 12_000)).toBe("12 s ago");
    expect(formatAgo(at, t0 + 3 * 60_000)).toBe("3 min ago");
    expect(formatAgo(at, t0 + 2 * 3_600_000)).toBe("2 h ago");
    expect(formatAgo(at, t0 + 3 * 86_400_000)).toBe("3 d ago");
    expect(elapsedSeconds({ created_at: at }, t0 + 5_500)).toBe(5.5);
    expect(elapsedSeconds({ created_at: at }, t0 - 5_000)).toBe(0);
    expect(tookSeconds({ created_at: at, completed_at: "2026-01-01T00:00:09.500Z" })).toBe(9.5);
    expect(tookSeconds({ created_at: at, completed_at: null })).toBe(0);
  });

  it("estimates what is left from the model's typical duration", () => {
    expect(estimateRemaining([10, 30], 5)).toBe("about 15 s left");
    expect(estimateRemaining([10, 30], 25)).toBe("almost done");
    expect(estimateRemaining([10, 30], 45)).toBe("taking longer than usual");
  });
});

describe("trackingSummary", () => {
  const running = (tracking: Partial<ReturnType<typeof taskItem>["tracking"]>) =>
    taskItem({
      task_id: "a",
      tracking: { state: "scheduled", next_check_at: null, note: null, ...tracking },
    });

  it("prefers the server's note, and says nothing about finished tasks", () => {
    expect(trackingSummary(running({ state: "waiting", note: "Paused by API in One." }), t0)).toBe(
      "Paused by API in One.",
    );
    expect(trackingSummary(taskItem({ task_id: "a", status: "SUCCESS" }), t0)).toBeNull();
  });

  it("explains each state and when the next check is", () => {
    const next = new Date(t0 + 8_000).toISOString();
    expect(trackingSummary(running({ next_check_at: next }), t0)).toBe("Next check in 8 s.");
    expect(trackingSummary(running({}), t0)).toBe("Checking with API in One…");
    expect(trackingSummary(running({ state: "timed_out" }), t0)).toMatch(/^Timed out — /);
    expect(trackingSummary(running({ state: "unavailable" }), t0)).toMatch(
      /Save it again in Settings/,
    );
    expect(trackingSummary(running({ state: "submitting" }), t0)).toMatch(/^Sending/);
    expect(trackingSummary(running({ state: "saving" }), t0)).toMatch(/^Finished; saving a copy/);
  });

  it("offers Check again on unfinished tasks, and asks for it on stopped ones", () => {
    expect(canCheck(running({}))).toBe(true);
    expect(needsCheck(running({}))).toBe(false);
    expect(needsCheck(running({ state: "timed_out" }))).toBe(true);
    expect(needsCheck(running({ state: "unavailable" }))).toBe(false);
    expect(isStalled(running({ state: "unavailable" }))).toBe(true);
    expect(isStalled(running({ state: "waiting" }))).toBe(false);
    expect(canCheck(running({ state: "submitting" }))).toBe(false);
    // Finished upstream, its output being copied: there is nothing left to ask.
    expect(canCheck(running({ state: "saving" }))).toBe(false);
    expect(canCheck(taskItem({ task_id: "a", status: "FAILED" }))).toBe(false);
  });
});
