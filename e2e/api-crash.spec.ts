// When the upstream or the Studio itself fails mid-request: a refused connection is a clean 502
// that charged nothing, and a Studio killed right after API in One created a task loses nothing —
// after a restart the task is listed with an unknown outcome, and a retry with the same
// Idempotency-Key gets that answer without a second creation.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { simOrigin } from "../playwright.config";
import { taskListReplySchema, taskStatusReplySchema } from "../lib/schemas/tasks";
import { anonymous } from "./support/accounts";
import {
  call,
  createApiUser,
  expect,
  expectError,
  freshKey,
  simCounts,
  test,
  type ApiUser,
} from "./support/api";
import { startStudio, stopStudio } from "./support/server";

test.use({ storageState: anonymous });

const images = "/api/v1/images/generations";

function studioEnv(dataDir: string, extra: Record<string, string>): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    AUTH_SECRET: "",
    DATABASE_URL: "",
    PUBLIC_URL: "",
    DEMO_SIM_SPEED: "50",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

function freshDataDir(name: string): string {
  const dir = path.resolve("tmp", name);
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}

test("an upstream that refuses the connection: 502 from the upstream, nothing charged, nothing kept", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const port = 3194;
  const base = `http://localhost:${port}`;
  const server = await startStudio(
    port,
    studioEnv(freshDataDir("e2e-upstream-down"), {
      // Port 9 (discard) has nothing listening: every connection is refused.
      AIO_BASE_URL: "http://127.0.0.1:9/api/v1",
      AIO_API_KEY: "aio_x",
    }),
  );
  try {
    const user = await createApiUser(browser, { base, key: false, label: "down" });
    expect((await call(user, "GET", "/api/v1/keys")).json).toMatchObject({ mode: "server-key" });

    const body = { model: "flux-2", prompt: "a red fox in the snow" };
    const refused = await call(user, "POST", images, { json: body });
    const error = expectError(
      refused,
      { status: 502, type: "server_error", source: "upstream", charged: false },
      "POST with the upstream down",
    );
    expect(error.param).toBeNull();

    // Nothing was sent, so a retry with an Idempotency-Key is a fresh attempt each time.
    const idem = randomUUID();
    for (let i = 0; i < 2; i++) {
      const retried = await call(user, "POST", images, {
        json: body,
        headers: { "Idempotency-Key": idem },
      });
      expectError(retried, { status: 502, source: "upstream", charged: false }, `retry ${i}`);
    }
    // A refused creation leaves nothing behind to wonder about.
    const list = taskListReplySchema.parse((await call(user, "GET", "/api/v1/tasks")).json);
    expect(list.tasks).toEqual([]);

    // Checking a key needs the upstream too: a 502 in the same shape, and no key saved.
    const check = await call(user, "PUT", "/api/v1/keys", { json: { key: freshKey("down") } });
    expectError(check, { status: 502, source: "upstream", charged: false }, "PUT /keys");
    expect((await call(user, "GET", "/api/v1/keys")).json).toMatchObject({ key: null });
  } finally {
    await stopStudio(server.proc);
  }
});

test("a crash right after the upstream created the task loses nothing and charges nothing twice", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const port = 3195;
  const base = `http://localhost:${port}`;
  const dataDir = freshDataDir("e2e-crash");
  const serverKey = freshKey("crash");
  const env = studioEnv(dataDir, { AIO_BASE_URL: `${simOrigin}/api/v1`, AIO_API_KEY: serverKey });
  const upstreamCreations = async () =>
    (await simCounts(serverKey))["POST /images/generations"] ?? 0;

  const first = await startStudio(port, { ...env, STUDIO_FAILPOINT: "after-upstream-create" });
  const exited = new Promise<void>((resolve) => {
    if (first.proc.exitCode !== null) resolve();
    else first.proc.once("exit", () => resolve());
  });
  const body = { model: "flux-2", prompt: "a lighthouse in a storm" };
  const idem = randomUUID();
  let created: ApiUser | undefined;
  try {
    created = await createApiUser(browser, { base, key: false, label: "crash" });
    const user = created;
    // The server dies between API in One's answer and storing it: the client's connection drops.
    await expect(
      call(user, "POST", images, { json: body, headers: { "Idempotency-Key": idem } }),
    ).rejects.toThrow();
    await exited;
  } finally {
    await stopStudio(first.proc);
  }
  expect(first.proc.exitCode, first.output().slice(-2000)).not.toBe(0);
  expect(await upstreamCreations(), "the upstream created the task once").toBe(1);
  const user = created!;

  const second = await startStudio(port, env);
  try {
    // The same token still works after the restart, and the task is there, visibly unresolved.
    const listed = await call(user, "GET", "/api/v1/tasks");
    expect(listed.status, listed.text).toBe(200);
    const { tasks } = taskListReplySchema.parse(listed.json);
    expect(tasks).toHaveLength(1);
    const task = tasks[0]!;
    expect(task).toMatchObject({ route: "images", model: "flux-2", status: "FAILED" });
    expect(task.error_message).toMatch(/Unknown outcome/);
    expect(task.error_message).toMatch(/may have been created and charged/);

    const one = await call(user, "GET", `/api/v1/tasks/${encodeURIComponent(task.task_id)}`);
    expect(one.status, one.text).toBe(200);
    const status = taskStatusReplySchema.parse(one.json);
    expect(status.data).toMatchObject({ status: "FAILED", error_message: task.error_message });

    // A retry with the same key is answered (not 409 "still processing") and creates nothing.
    const retried = await call(user, "POST", images, {
      json: body,
      headers: { "Idempotency-Key": idem },
    });
    expectError(
      retried,
      { status: 502, type: "server_error", charged: true },
      "retry after restart",
    );
    expect(await upstreamCreations(), "no second creation upstream").toBe(1);
    const again = taskListReplySchema.parse((await call(user, "GET", "/api/v1/tasks")).json);
    expect(again.tasks).toHaveLength(1);
  } finally {
    await stopStudio(second.proc);
  }
});
