// A task deleted while the tracker works on it: the work ends quietly, the row stays gone, and
// output copies made meanwhile are deleted instead of left behind.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { subscribeToTaskChanges } from "@/lib/server/events/task-feed";
import { getFileStore } from "@/lib/server/storage/get-file-store";
import { leaseTaskNow, storeTask } from "@/lib/server/tasks/task-fixtures";
import { deleteTaskRow, findTask } from "@/lib/server/tasks/task-repository";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { workOnTask } from "./check-task";
import { dropUnrecordedCopies } from "./mirror-task";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

describe("a task deleted under the tracker", () => {
  it("ends the leased work without error, without bringing the row back or announcing it", async () => {
    const u = await h().makeUser();
    const db = h().opened.db;
    const row = await storeTask(db, {
      userId: u.user.id,
      taskId: `gone_${randomBytes(6).toString("hex")}`,
      target: { mode: "user-key", apiKey: u.upstreamKey },
    });
    const leased = await leaseTaskNow(db, row, "instance-a");
    await deleteTaskRow(db, u.user.id, row.taskId);
    const seen: string[] = [];
    const stop = subscribeToTaskChanges(u.user.id, (changed) => seen.push(changed.taskId));
    try {
      await expect(workOnTask({ db, owner: "instance-a" }, leased)).resolves.toBeUndefined();
    } finally {
      stop();
    }
    expect(await findTask(db, u.user.id, row.taskId)).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it("deletes copies its lease could not record, and keeps those the row already had", async () => {
    const store = getFileStore("outputs");
    const put = (text: string) =>
      store.put(new TextEncoder().encode(text), { contentType: "image/png", ownerId: "u1" });
    const recorded = await put("kept");
    const fresh = await put("orphan");
    const output = (file: string) => ({
      url: "https://x/o.png",
      file,
      contentType: "image/png",
      bytes: 4,
    });
    const row = { outputs: [output(recorded.token)] } as Parameters<typeof dropUnrecordedCopies>[0];
    await dropUnrecordedCopies(row, [output(recorded.token), output(fresh.token)]);
    expect(await store.stat(recorded.token)).toBeDefined();
    expect(await store.stat(fresh.token)).toBeUndefined();
  });
});
