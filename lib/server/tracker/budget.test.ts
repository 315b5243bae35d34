// Each key's request budget on the real schema: embedded PGlite always, and a real Postgres
// server with two separate connection pools when TEST_DATABASE_URL is set (CI), where instances
// racing for the last slot is no longer serialized by a single connection.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/server/db";
import { keyFingerprint } from "@/lib/server/tasks/task-target";
import { describeTwoInstances } from "@/lib/testing/describe-two-instances";
import { setupTaskHarness, withEnv } from "@/lib/testing/server-harness";
import {
  budgetWindowMs,
  limitFor,
  pauseKey,
  pollReserve,
  takeBudget,
  type BudgetAnswer,
  type CallKind,
} from "./budget";
import { parseRetryAfterMs } from "./retry-after";

/** A key the operator limited to 3 a minute in UPSTREAM_KEY_LIMITS. */
const limitedKey = "aio_budget_limited_key";
const limitedFp = keyFingerprint(limitedKey);

const h = setupTaskHarness({
  env: {
    UPSTREAM_RATE_LIMIT: "12",
    UPSTREAM_KEY_LIMITS: `0123456789abcdef=7, ${limitedFp}=3`,
    MIRROR_OUTPUTS: "0",
  },
});
const db = () => h().opened.db;

const freshFp = () => randomBytes(8).toString("hex");

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Takes `n` slots one after the other; how many were granted. */
async function takeMany(on: Database, fp: string, kind: CallKind, n: number): Promise<number> {
  let ok = 0;
  for (let i = 0; i < n; i++) if ((await takeBudget(on, fp, kind)).ok) ok++;
  return ok;
}

/** Requests made `agoMs` ago, as if taken then. */
async function madeAgo(on: Database, fp: string, agoMs: number[], kind: CallKind = "submit") {
  for (const ago of agoMs) {
    await on.execute(sql`
      insert into upstream_calls (key_fingerprint, kind, at)
      values (${fp}, ${kind}, clock_timestamp() - ${ago} * interval '1 millisecond')`);
  }
}

function refused(answer: BudgetAnswer) {
  if (answer.ok) throw new Error("expected the budget to refuse");
  return answer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("takeBudget", () => {
  it("grants a key exactly its limit per window, then refuses", async () => {
    const fp = freshFp();
    expect(limitFor(fp)).toBe(12);
    expect(await takeMany(db(), fp, "submit", 20)).toBe(12);
    const no = refused(await takeBudget(db(), fp, "chat"));
    expect(no.reason).toBe("limit");
  });

  it("counts every request of the window (a minute plus a margin) and none older: no minute ever holds more", async () => {
    const fp = freshFp();
    // Twelve made just inside the window are still counted: nothing is free.
    await madeAgo(db(), fp, Array<number>(12).fill(budgetWindowMs - 1000));
    expect(refused(await takeBudget(db(), fp, "submit")).retryAfterMs).toBeLessThanOrEqual(1000);
    // Once they are older than the window they no longer count.
    await db().execute(
      sql`update upstream_calls set at = at - interval '2 seconds' where key_fingerprint = ${fp}`,
    );
    expect(await takeMany(db(), fp, "submit", 13)).toBe(12);
  });

  it("frees slots one by one as the oldest requests leave the window", async () => {
    const fp = freshFp();
    await madeAgo(db(), fp, [
      budgetWindowMs - 400,
      budgetWindowMs - 400,
      ...Array<number>(10).fill(1000),
    ]);
    const first = refused(await takeBudget(db(), fp, "submit"));
    expect(first.reason).toBe("limit");
    expect(first.retryAfterMs).toBeGreaterThan(0);
    expect(first.retryAfterMs).toBeLessThanOrEqual(400);
    await sleep(first.retryAfterMs + 50);
    // Exactly the two that left: the ten recent ones still count.
    expect(await takeMany(db(), fp, "submit", 5)).toBe(2);
  });

  it("keeps a reserve for submissions: status checks stop at limit − reserve", async () => {
    const fp = freshFp();
    expect(pollReserve(12)).toBe(2);
    expect(await takeMany(db(), fp, "poll", 15)).toBe(10);
    expect(refused(await takeBudget(db(), fp, "poll")).reason).toBe("limit");
    // A person's Run still gets through: the reserve is theirs…
    expect(await takeMany(db(), fp, "submit", 5)).toBe(2);
    // …and once it is used, nothing is left for anyone.
    expect(refused(await takeBudget(db(), fp, "submit")).reason).toBe("limit");
  });

  it("says when a slot frees: for a submission the oldest request, for a check the one past the reserve", async () => {
    const fp = freshFp();
    // 12 requests, 12 s … 1 s before they would leave the window: the i-th oldest leaves it in
    // 1 + i seconds.
    const leaveIn = (s: number) => budgetWindowMs - s * 1000;
    await madeAgo(
      db(),
      fp,
      Array.from({ length: 12 }, (_, i) => leaveIn(12 - i)),
    );
    const submit = refused(await takeBudget(db(), fp, "submit"));
    expect(submit.retryAfterMs).toBeGreaterThan(500);
    expect(submit.retryAfterMs).toBeLessThanOrEqual(1000);
    // A check needs 3 to leave (12 used, cap 10): when the third oldest does, 3 s from now.
    const poll = refused(await takeBudget(db(), fp, "poll"));
    expect(poll.retryAfterMs).toBeGreaterThan(2500);
    expect(poll.retryAfterMs).toBeLessThanOrEqual(3000);
  });

  it("keeps two keys independent", async () => {
    const a = freshFp();
    const b = freshFp();
    expect(await takeMany(db(), a, "submit", 12)).toBe(12);
    expect((await takeBudget(db(), a, "submit")).ok).toBe(false);
    expect(await takeMany(db(), b, "submit", 12)).toBe(12);
    await pauseKey(db(), a, 30_000);
    expect(refused(await takeBudget(db(), a, "submit")).reason).toBe("paused");
    expect(refused(await takeBudget(db(), b, "submit")).reason).toBe("limit");
  });

  it("honours UPSTREAM_RATE_LIMIT and each key's UPSTREAM_KEY_LIMITS", async () => {
    expect(limitFor(limitedFp)).toBe(3);
    expect(limitFor("0123456789abcdef")).toBe(7);
    expect(await takeMany(db(), limitedFp, "submit", 5)).toBe(3);
    const other = freshFp();
    await withEnv({ UPSTREAM_RATE_LIMIT: 5 }, async () => {
      expect(await takeMany(db(), other, "submit", 8)).toBe(5);
      // A per-key limit wins over the general one, whichever is larger.
      expect(limitFor(limitedFp)).toBe(3);
    });
    const big = freshFp();
    await withEnv({ UPSTREAM_RATE_LIMIT: 40 }, async () => {
      expect(await takeMany(db(), big, "poll", 50)).toBe(40 - pollReserve(40));
    });
  });

  it("never grants more than the cap to 100 callers at once", async () => {
    const fp = freshFp();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => takeBudget(db(), fp, i % 2 ? "poll" : "submit")),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(12);
    expect(answers.filter((a, i) => a.ok && i % 2).length).toBeLessThanOrEqual(10);
    const [stored] = rowsOf<{ n: string | number }>(
      await db().execute(
        sql`select count(*) as n from upstream_calls where key_fingerprint = ${fp}`,
      ),
    );
    expect(Number(stored?.n)).toBe(12);
  });
});

describe("pauseKey", () => {
  it("blocks every kind of request until the pause ends, then the budget applies again", async () => {
    const fp = freshFp();
    await pauseKey(db(), fp, 2000);
    for (const kind of ["submit", "poll", "chat", "check"] as const) {
      const no = refused(await takeBudget(db(), fp, kind));
      expect(no.reason).toBe("paused");
      expect(no.retryAfterMs).toBeGreaterThan(0);
      expect(no.retryAfterMs).toBeLessThanOrEqual(2000);
    }
    // A refused request is not counted: the whole limit is there after the pause.
    await sleep(2100);
    expect(await takeMany(db(), fp, "submit", 13)).toBe(12);
  });

  it("never shortens a longer pause, and pauses at least a second", async () => {
    const fp = freshFp();
    await pauseKey(db(), fp, 20_000);
    await pauseKey(db(), fp, 1000);
    expect(refused(await takeBudget(db(), fp, "submit")).retryAfterMs).toBeGreaterThan(19_000);
    const other = freshFp();
    await pauseKey(db(), other, 10);
    expect(refused(await takeBudget(db(), other, "submit")).retryAfterMs).toBeGreaterThan(900);
  });
});

describe("parseRetryAfterMs", () => {
  it("turns the upstream's seconds into a pause between 1 s and 10 min", () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs(Number.NaN)).toBeUndefined();
    expect(parseRetryAfterMs(7)).toBe(7000);
    expect(parseRetryAfterMs(0)).toBe(1000);
    expect(parseRetryAfterMs(86_400)).toBe(600_000);
  });
});

describeTwoInstances("takeBudget on a shared Postgres server", (pg) => {
  const fresh = freshFp;

  it("two instances taking 100 slots at once never exceed the cap", async () => {
    const { one, two } = pg();
    const fp = fresh();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        takeBudget(i % 2 ? one.db : two.db, fp, i % 3 ? "submit" : "poll"),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(12);
    const [stored] = rowsOf<{ n: string | number }>(
      await one.db.execute(
        sql`select count(*) as n from upstream_calls where key_fingerprint = ${fp}`,
      ),
    );
    expect(Number(stored?.n)).toBe(12);
  });

  it("checks racing from two instances stop at limit − reserve", async () => {
    const { one, two } = pg();
    const fp = fresh();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => takeBudget(i % 2 ? one.db : two.db, fp, "poll")),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
    const waits = answers.flatMap((a) => (a.ok ? [] : [a.retryAfterMs]));
    expect(Math.min(...waits)).toBeGreaterThan(budgetWindowMs - 5000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(budgetWindowMs);
  });

  it("a pause set by one instance holds on the other", async () => {
    const { one, two } = pg();
    const fp = fresh();
    await pauseKey(one.db, fp, 5000);
    const no = refused(await takeBudget(two.db, fp, "submit"));
    expect(no.reason).toBe("paused");
    expect(no.retryAfterMs).toBeGreaterThan(4000);
    expect(no.retryAfterMs).toBeLessThanOrEqual(5000);
  });
});
