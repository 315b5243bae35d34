// A burst bigger than the key's minute, in real time: 100 runs at once under a key API in One lets
// make 60 requests a minute. The Studio answers its own 429 for the runs that do not fit, the
// upstream never has to answer 429, and every task that was created still finishes, its checks
// spread over the following minutes. Slow by nature (the budget's window is a real minute, and 60
// tasks need 60 checks of which at most 50 fit in one), so it has a file, and a worker, of its own.
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { POST as createImage } from "@/app/api/v1/images/generations/route";
import { keyBudgets, tasks } from "@/lib/server/db/schema";
import { keyFingerprint } from "@/lib/server/tasks/task-target";
import { adminGet } from "@/lib/simulator/test-support";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { startTracker, type Tracker } from "./tracker";
import { budgetWindowMs } from "./budget";

// Real-time schedule (TRACKER_SPEED 1) against a fast simulator: tasks are long finished when
// their first check comes, so each needs exactly one status check.
const h = setupTaskHarness({
  env: { UPSTREAM_RATE_LIMIT: "60", TRACKER_SPEED: "1", MIRROR_OUTPUTS: "0" },
});

let tracker: Tracker | undefined;
afterAll(async () => {
  await tracker?.stop();
});

interface ErrorBody {
  error: { code: number; type: string; source?: string; may_have_been_charged?: boolean };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("100 runs at once under a key allowed 60 requests a minute", () => {
  it(
    "refuses what does not fit with the Studio's own 429 and finishes every task it created",
    { timeout: 240_000 },
    async () => {
      const u = await h().makeUser();
      await h().setRateLimit(u.upstreamKey, 60);
      const answers = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const res = await createImage(
            new Request("http://localhost:3000/api/v1/images/generations", {
              method: "POST",
              headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
              body: JSON.stringify({ model: "flux-2", prompt: `a fox in the snow, take ${i}` }),
            }),
            { params: Promise.resolve({}) },
          );
          return { res, body: (await res.json()) as unknown };
        }),
      );
      const created = answers.filter((a) => a.res.status === 200);
      const refused = answers.filter((a) => a.res.status !== 200);
      expect(created).toHaveLength(60);
      expect(refused).toHaveLength(40);
      for (const { res, body } of refused) {
        expect(res.status).toBe(429);
        expect((body as ErrorBody).error).toMatchObject({
          type: "rate_limit",
          source: "studio",
          may_have_been_charged: false,
        });
        const retryAfter = Number(res.headers.get("retry-after"));
        expect(retryAfter).toBeGreaterThanOrEqual(55);
        expect(retryAfter).toBeLessThanOrEqual(budgetWindowMs / 1000);
      }
      // Refused runs never reached API in One and left nothing behind.
      expect(await h().count(u.upstreamKey, "POST /images/generations")).toBe(60);
      const rows = () => h().opened.db.select().from(tasks).where(eq(tasks.userId, u.user.id));
      expect(await rows()).toHaveLength(60);

      tracker = startTracker(h().opened.db, { tickMs: 200 });
      const deadline = Date.now() + 200_000;
      let unfinished = 60;
      let sawWaiting = false;
      while (Date.now() < deadline) {
        const now = await rows();
        unfinished = now.filter((r) => r.status !== "SUCCESS").length;
        sawWaiting ||= now.some((r) => r.trackingState === "waiting");
        if (unfinished === 0) break;
        await sleep(500);
      }
      expect(unfinished).toBe(0);
      // Tasks held back by the budget said so while they waited.
      expect(sawWaiting).toBe(true);
      // One status check each, never a 429 from the upstream (it would have paused the key)…
      expect(await h().count(u.upstreamKey, "GET /tasks/{task_id}")).toBe(60);
      expect(
        await h()
          .opened.db.select()
          .from(keyBudgets)
          .where(eq(keyBudgets.keyFingerprint, keyFingerprint(u.upstreamKey))),
      ).toEqual([]);
      // …because no minute ever held more than 60 requests with this key.
      const stats = await adminGet(h().sim, "/stats");
      const keys = stats.keys as Record<string, { peak_per_minute: number }> | undefined;
      expect(keys?.[u.upstreamKey]?.peak_per_minute).toBeLessThanOrEqual(60);
    },
  );
});
