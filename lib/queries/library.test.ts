import { describe, expect, it } from "vitest";
import { libraryTasks } from "./library";
import { taskItem } from "./task-item-fixture";

describe("libraryTasks", () => {
  it("joins the pages in order and shows a task the stream also put on a page once", () => {
    const a = taskItem({ task_id: "a" });
    const b = taskItem({ task_id: "b" });
    const c = taskItem({ task_id: "c" });
    const data = {
      pages: [
        { tasks: [a, b], next_cursor: "x" },
        { tasks: [b, c], next_cursor: null },
      ],
      pageParams: [undefined, "x"],
    };
    expect(libraryTasks(data)?.map((t) => t.task_id)).toEqual(["a", "b", "c"]);
    expect(libraryTasks(undefined)).toBeUndefined();
  });
});
