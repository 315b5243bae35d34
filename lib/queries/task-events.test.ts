import { describe, expect, it } from "vitest";
import { taskItem } from "./task-item-fixture";
import { parseTaskDeletedEvent, parseTaskEvent, reopenDelayMs } from "./task-events";

describe("parseTaskEvent", () => {
  it("reads a list item, and nothing else", () => {
    const item = taskItem({ task_id: "a", status: "SUCCESS" });
    expect(parseTaskEvent(JSON.stringify(item))).toEqual(item);
    expect(parseTaskEvent("{")).toBeNull();
    expect(parseTaskEvent(JSON.stringify({ task_id: "a" }))).toBeNull();
    expect(parseTaskEvent("null")).toBeNull();
  });
});

describe("parseTaskDeletedEvent", () => {
  it("reads the deleted task's id, and nothing else", () => {
    expect(parseTaskDeletedEvent(JSON.stringify({ task_id: "a" }))).toBe("a");
    expect(parseTaskDeletedEvent(JSON.stringify({ task_id: "" }))).toBeNull();
    expect(parseTaskDeletedEvent(JSON.stringify({ task_id: 7 }))).toBeNull();
    expect(parseTaskDeletedEvent("null")).toBeNull();
    expect(parseTaskDeletedEvent("{")).toBeNull();
  });
});

describe("reopenDelayMs", () => {
  it("backs off from 5 s to at most a minute", () => {
    expect([0, 1, 2, 3, 4, 10].map(reopenDelayMs)).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
  });
});
