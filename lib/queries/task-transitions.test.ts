import { describe, expect, it } from "vitest";
import { taskItem } from "./task-item-fixture";
import { createTransitionWatch } from "./task-transitions";

describe("createTransitionWatch", () => {
  it("announces nothing on first sight, even of finished tasks (a page's first load)", () => {
    const watch = createTransitionWatch();
    expect(
      watch.observe([
        taskItem({ task_id: "a", status: "SUCCESS" }),
        taskItem({ task_id: "b", status: "FAILED" }),
        taskItem({ task_id: "c" }),
      ]),
    ).toEqual([]);
  });

  it("announces a task seen running and then final, once", () => {
    const watch = createTransitionWatch();
    watch.observe([taskItem({ task_id: "a" }), taskItem({ task_id: "b" })]);
    expect(watch.observe([taskItem({ task_id: "a" })])).toEqual([]);
    const done = taskItem({ task_id: "a", status: "SUCCESS" });
    const failed = taskItem({ task_id: "b", status: "FAILED" });
    expect(watch.observe([done, failed])).toEqual([done, failed]);
    // The same news from another list, or the stream and the cache both: said once.
    expect(watch.observe([done, failed])).toEqual([]);
  });

  it("is not re-armed by an older unfinished read arriving after the final one", () => {
    const watch = createTransitionWatch();
    watch.observe([taskItem({ task_id: "a" })]);
    expect(watch.observe([taskItem({ task_id: "a", status: "SUCCESS" })])).toHaveLength(1);
    watch.observe([taskItem({ task_id: "a" })]);
    expect(watch.observe([taskItem({ task_id: "a", status: "SUCCESS" })])).toEqual([]);
  });
});
