// A finished task reads as in progress while its outputs are copied for the first time; when that
// attempt ends, its readers hear of it even if nothing could be copied (they would otherwise wait
// on a task that never changes again).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { subscribeToTaskChanges } from "@/lib/server/events/task-feed";
import { leaseTaskNow, storeTask } from "@/lib/server/tasks/task-fixtures";
import { findTask } from "@/lib/server/tasks/task-repository";
import { toListItem } from "@/lib/server/tasks/task-views";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { workOnTask } from "./check-task";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "1" } });
const origin = "http://localhost:3000";

describe("the first copy of a finished task's outputs", () => {
  it("ends the task's in-progress look and is announced, even when the copy is refused", async () => {
    const u = await h().makeUser();
    const db = h().opened.db;
    // A private address is refused for good (not retried): nothing is copied.
    const url = "http://10.0.0.1/out.png";
    const row = await storeTask(db, {
      userId: u.user.id,
      taskId: `copy_${randomBytes(6).toString("hex")}`,
      target: { mode: "user-key", apiKey: u.upstreamKey },
      status: "SUCCESS",
      extra: { response: [url], mirrorState: "pending" },
    });
    expect(toListItem(row, origin)).toMatchObject({
      status: "IN_PROGRESS",
      response: [],
      tracking: { state: "saving" },
    });
    const leased = await leaseTaskNow(db, row, "instance-a");
    const seen: string[] = [];
    const stop = subscribeToTaskChanges(u.user.id, (changed) =>
      seen.push(toListItem(changed, origin).status),
    );
    try {
      await workOnTask({ db, owner: "instance-a" }, leased);
    } finally {
      stop();
    }
    const after = await findTask(db, u.user.id, row.taskId);
    expect(after).toMatchObject({ mirrorState: "failed", nextCheckAt: null });
    expect(after?.outputs?.[0]).toMatchObject({ url, file: null, error: "blocked_address" });
    expect(toListItem(after!, origin)).toMatchObject({ status: "SUCCESS", response: [url] });
    expect(seen).toEqual(["SUCCESS"]);
  });
});
