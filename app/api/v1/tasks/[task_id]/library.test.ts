// PATCH and DELETE /api/v1/tasks/{task_id}: star, rename, delete (stored files too); another
// user's task is 404, the same as one that never existed. Each change reaches the live stream.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  taskDeleteReplySchema,
  taskListQuerySchema,
  taskPatchReplySchema,
} from "@/lib/schemas/tasks";
import { tasks } from "@/lib/server/db/schema";
import { subscribeToTaskChanges } from "@/lib/server/events/task-feed";
import { getFileStore } from "@/lib/server/storage/get-file-store";
import { thumbnailToken } from "@/lib/server/storage/thumbnail";
import { storeTask } from "@/lib/server/tasks/task-fixtures";
import { listTaskPage } from "@/lib/server/tasks/task-list";
import { findTask } from "@/lib/server/tasks/task-repository";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { DELETE, GET, PATCH } from "./route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

function call(
  handler: typeof PATCH,
  method: string,
  u: TestUser | null,
  taskId: string,
  body?: unknown,
) {
  const req = new Request(`http://localhost:3000/api/v1/tasks/${encodeURIComponent(taskId)}`, {
    method,
    headers: {
      ...(u && { authorization: `Bearer ${u.token}` }),
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return handler(req, { params: Promise.resolve({ task_id: taskId }) });
}
const patch = (u: TestUser | null, id: string, body: unknown) => call(PATCH, "PATCH", u, id, body);
const remove = (u: TestUser | null, id: string) => call(DELETE, "DELETE", u, id);

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { type: string; param?: string } }).error;
}

describe("PATCH /api/v1/tasks/{task_id}", () => {
  it("stars, renames and clears the name, answering the task as it is now", async () => {
    const u = await h().makeUser();
    const { taskId: id } = await storeTask(h().opened.db, { userId: u.user.id });
    const starred = taskPatchReplySchema.parse(
      await (await patch(u, id, { favorite: true })).json(),
    );
    expect(starred.task).toMatchObject({ task_id: id, favorite: true, title: null });
    const named = await patch(u, id, { title: "  Fox at dawn " });
    expect(named.status).toBe(200);
    expect(taskPatchReplySchema.parse(await named.json()).task).toMatchObject({
      favorite: true,
      title: "Fox at dawn",
    });
    expect((await findTask(h().opened.db, u.user.id, id))?.title).toBe("Fox at dawn");
    for (const cleared of ["", null]) {
      await patch(u, id, { title: "again" });
      const res = await patch(u, id, { title: cleared });
      expect(taskPatchReplySchema.parse(await res.json()).task.title).toBeNull();
    }
  });

  it("makes the new name searchable", async () => {
    const u = await h().makeUser();
    const { taskId: id } = await storeTask(h().opened.db, {
      userId: u.user.id,
      body: { model: "flux-2", prompt: "a cat" },
    });
    await patch(u, id, { title: "Zanzibar sunrise" });
    const found = await listTaskPage(
      h().opened.db,
      u.user.id,
      taskListQuerySchema.parse({ q: "zanz" }),
    );
    expect(found.rows.map((r) => r.taskId)).toEqual([id]);
  });

  it("tells the live stream", async () => {
    const u = await h().makeUser();
    const { taskId: id } = await storeTask(h().opened.db, { userId: u.user.id });
    const seen: { favorite: boolean }[] = [];
    const stop = subscribeToTaskChanges(u.user.id, (row) => seen.push(row));
    try {
      await patch(u, id, { favorite: true });
      expect(seen.at(-1)).toMatchObject({ taskId: id, favorite: true });
    } finally {
      stop();
    }
  });

  it.each([
    ["an unknown field", { favorite: true, color: "red" }, "color"],
    ["a title too long", { title: "x".repeat(121) }, "title"],
    ["a title with a control character", { title: "a\u0007b" }, "title"],
    ["favorite not a boolean", { favorite: "yes" }, "favorite"],
  ])("400 for %s", async (_what, body, param) => {
    const u = await h().makeUser();
    const { taskId: id } = await storeTask(h().opened.db, { userId: u.user.id });
    const res = await patch(u, id, body);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ type: "invalid_request", param });
    expect((await findTask(h().opened.db, u.user.id, id))?.favorite).toBe(false);
  });

  it("400 for an empty body", async () => {
    const u = await h().makeUser();
    const { taskId: id } = await storeTask(h().opened.db, { userId: u.user.id });
    expect((await patch(u, id, {})).status).toBe(400);
  });

  it("404 for another user's task, which stays as it was; 401 without auth", async () => {
    const owner = await h().makeUser();
    const stranger = await h().makeUser();
    const { taskId: id } = await storeTask(h().opened.db, { userId: owner.user.id });
    const res = await patch(stranger, id, { favorite: true });
    expect(res.status).toBe(404);
    expect((await findTask(h().opened.db, owner.user.id, id))?.favorite).toBe(false);
    expect((await patch(null, id, { favorite: true })).status).toBe(401);
  });
});

describe("DELETE /api/v1/tasks/{task_id}", () => {
  async function storedOutput(ownerId: string) {
    const store = getFileStore("outputs");
    const stored = await store.put(new TextEncoder().encode("png bytes"), {
      contentType: "image/png",
      ownerId,
    });
    const thumb = thumbnailToken(stored.token, 256);
    await store.put(new TextEncoder().encode("webp bytes"), {
      contentType: "image/webp",
      ownerId,
      token: thumb,
    });
    return { token: stored.token, thumb };
  }

  it("removes the row and its stored files, and tells the live stream", async () => {
    const u = await h().makeUser();
    const file = await storedOutput(u.user.id);
    const { taskId: id } = await storeTask(h().opened.db, {
      userId: u.user.id,
      extra: {
        response: ["https://cdn.example/o.png"],
        outputs: [
          {
            url: "https://cdn.example/o.png",
            file: file.token,
            contentType: "image/png",
            bytes: 9,
          },
        ],
      },
    });
    const deleted: string[] = [];
    const stop = subscribeToTaskChanges(
      u.user.id,
      () => undefined,
      (taskId) => deleted.push(taskId),
    );
    try {
      const res = await remove(u, id);
      expect(res.status).toBe(200);
      expect(taskDeleteReplySchema.parse(await res.json())).toEqual({ task_id: id, deleted: true });
    } finally {
      stop();
    }
    expect(deleted).toEqual([id]);
    expect(await findTask(h().opened.db, u.user.id, id)).toBeUndefined();
    expect(await getFileStore("outputs").stat(file.token)).toBeUndefined();
    expect(await getFileStore("outputs").stat(file.thumb)).toBeUndefined();
    expect((await call(GET, "GET", u, id)).status).toBe(404);
    // A second delete finds nothing.
    expect((await remove(u, id)).status).toBe(404);
  });

  it("409 conflict for a task still being created: it stays, and goes once created", async () => {
    const u = await h().makeUser();
    const { taskId: id } = await storeTask(h().opened.db, {
      userId: u.user.id,
      status: "SUBMITTING",
    });
    const res = await remove(u, id);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ type: "conflict", param: "task_id" });
    expect(await findTask(h().opened.db, u.user.id, id)).toBeDefined();
    await h().opened.db.update(tasks).set({ status: "IN_PROGRESS" }).where(eq(tasks.taskId, id));
    expect((await remove(u, id)).status).toBe(200);
  });

  it("404 for another user's task: row and files stay", async () => {
    const owner = await h().makeUser();
    const stranger = await h().makeUser();
    const file = await storedOutput(owner.user.id);
    const { taskId: id } = await storeTask(h().opened.db, {
      userId: owner.user.id,
      extra: {
        outputs: [
          {
            url: "https://cdn.example/o.png",
            file: file.token,
            contentType: "image/png",
            bytes: 9,
          },
        ],
      },
    });
    expect((await remove(stranger, id)).status).toBe(404);
    expect(await findTask(h().opened.db, owner.user.id, id)).toBeDefined();
    expect(await getFileStore("outputs").stat(file.token)).toBeDefined();
    expect((await remove(null, id)).status).toBe(401);
  });
});
