// The server-side tracker seen from outside, on real Studio processes: tasks finish with nobody
// watching, survive kill -9 of the server (against a real upstream and in demo mode), every
// output opens afterwards (also once the upstream's copy is gone), and a burst of 100 submissions
// never pushes the key past its limit.
import { simOrigin } from "../playwright.config";
import { type TaskListItem } from "../lib/schemas/tasks";
import { call, createApiUser, expect, expectError, test, type ApiUser } from "./support/api";
import { anonymous } from "./support/accounts";
import { simKeyStats } from "./support/sim-stats";
import { studioOn } from "./support/studio-crash";

test.use({ storageState: anonymous });
test.describe.configure({ mode: "serial" });

const port = 3196;
const base = `http://localhost:${port}`;

const { withFreshStudio, listTasks, allFinal } = studioOn(port);

async function expectOutputsOpen(tasks: TaskListItem[]): Promise<void> {
  for (const task of tasks) {
    expect(task.response.length, `${task.task_id} has outputs`).toBeGreaterThan(0);
    for (const url of task.response) {
      const res = await fetch(url);
      expect(res.status, `${url} opens`).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^(image|video|audio)\//);
      await res.arrayBuffer();
    }
  }
}

/** Ten tasks, half of them ten times slower ([sim:slow]), so some are still running upstream. */
async function startTen(user: ApiUser): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const answer = await call(user, "POST", "/api/v1/videos/generations", {
      json: {
        model: "kling-3",
        prompt: `a paper boat on a river, take ${i}${i % 2 ? " [sim:slow]" : ""}`,
      },
    });
    expect(answer.status, answer.text).toBe(200);
    ids.push((answer.json as { data: { task_id: string } }).data.task_id);
  }
  return ids;
}

test("kill -9 while ten tasks run: after the restart every task finishes and opens", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  await withFreshStudio("e2e-tracker-crash", {}, async (studio) => {
    const user = await createApiUser(browser, { base, label: "crash" });
    const ids = await startTen(user);
    expect((await listTasks(user)).filter((t) => t.status === "IN_PROGRESS")).toHaveLength(10);
    await studio.crashAndRestart();
    const tasks = await allFinal(user, 10);
    expect(new Set(tasks.map((t) => t.task_id))).toEqual(new Set(ids));
    expect(tasks.every((t) => t.status === "SUCCESS")).toBe(true);
    await expectOutputsOpen(tasks);
  });
});

test("demo mode: kill -9 while ten tasks run; after the restart they finish and every output opens", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  await withFreshStudio("e2e-tracker-demo", {}, async (studio) => {
    const user = await createApiUser(browser, { base, key: false, label: "democrash" });
    await startTen(user);
    await studio.crashAndRestart();
    const tasks = await allFinal(user, 10);
    expect(tasks.map((t) => t.error_message)).toEqual(Array(10).fill(null));
    await expectOutputsOpen(tasks);
    // And after one more (graceful) restart, the earlier outputs still open.
    await studio.restart();
    await expectOutputsOpen(await listTasks(user));
  });
});

test("outputs are copied: they still open once the upstream's copy is gone", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  await withFreshStudio("e2e-tracker-mirror", {}, async () => {
    const user = await createApiUser(browser, { base, label: "mirror" });
    const answer = await call(user, "POST", "/api/v1/images/generations", {
      json: { model: "flux-2", prompt: "a lighthouse at dawn" },
    });
    expect(answer.status, answer.text).toBe(200);
    let [task] = await allFinal(user, 1);
    await expect
      .poll(async () => ([task] = await listTasks(user))[0]?.response[0] ?? "")
      .toMatch(new RegExp(`^${base}/files/`));
    expect(task!.original_response[0]).toMatch(new RegExp(`^${simOrigin}/files/`));
    const upstreamCopy = task!.original_response[0]!;
    const expire = await fetch(`${simOrigin}/__sim/tasks/${task!.task_id}/expire-files`, {
      method: "POST",
    });
    expect(expire.status).toBe(200);
    expect((await fetch(upstreamCopy)).status).toBe(404);
    await expectOutputsOpen([task!]);
  });
});

test("100 submissions at once: the key never passes its limit and the upstream sends no 429", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  await withFreshStudio("e2e-tracker-burst", { UPSTREAM_RATE_LIMIT: "60" }, async () => {
    const user = await createApiUser(browser, { base, label: "burst" });
    // The upstream enforces the documented 60 requests a minute for this key.
    await fetch(`${simOrigin}/__sim/keys/${user.key}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ rateLimitPerMinute: 60 }),
    });
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(user, "POST", "/api/v1/images/generations", {
          json: { model: "flux-2", prompt: `a kite over the dunes, number ${i}` },
        }),
      ),
    );
    const accepted = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThanOrEqual(60);
    for (const answer of refused) {
      expectError(answer, { status: 429, type: "rate_limit", source: "studio", charged: false });
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // Every accepted task finishes; polls wait for room in the same budget.
    const tasks = await allFinal(user, accepted.length, 150_000);
    expect(tasks.every((t) => t.status === "SUCCESS")).toBe(true);
    const stats = await simKeyStats(user.key!);
    expect(stats.peakPerMinute).toBeLessThanOrEqual(60);
    expect(stats.rateLimited).toBe(0);
  });
});
