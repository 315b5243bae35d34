// The slot taken ahead for the next request a person waits on: spent at once and re-dated to its
// use, given back when unused, never taken from a busy window, and never more requests in the
// window than the key's limit.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setupTaskHarness, withEnv } from "@/lib/testing/server-harness";
import { until } from "@/lib/testing/until";
import { takeBudget } from "./budget";
import { releaseBudgetLeases, setLeaseLifetimeForTests, spendBudgetOrRefuse } from "./budget-lease";

const h = setupTaskHarness({ env: { UPSTREAM_RATE_LIMIT: "10", MIRROR_OUTPUTS: "0" } });
const db = () => h().opened.db;
const freshFp = () => randomBytes(8).toString("hex");

interface CallRow {
  id: number | string;
  kind: string;
  age_ms: number | string;
}

async function calls(fp: string): Promise<CallRow[]> {
  const result = await db().execute(sql`
    select id, kind, extract(epoch from (clock_timestamp() - at)) * 1000 as age_ms
    from upstream_calls where key_fingerprint = ${fp} order by id`);
  return ((result as { rows?: CallRow[] }).rows ?? (result as unknown as CallRow[])) as CallRow[];
}

afterEach(() => setLeaseLifetimeForTests(4_000));

describe("slots taken ahead", () => {
  it("takes the next slot ahead and spends it re-dated to the moment of use", async () => {
    const fp = freshFp();
    await spendBudgetOrRefuse(db(), fp, "submit");
    expect(
      await until(
        () => calls(fp),
        (r) => r.length === 2,
      ),
    ).toHaveLength(2);
    const [, lease] = await calls(fp);
    await new Promise((r) => setTimeout(r, 300));
    expect(Number((await calls(fp))[1]!.age_ms)).toBeGreaterThanOrEqual(250);

    await spendBudgetOrRefuse(db(), fp, "chat");
    expect(
      await until(
        () => calls(fp),
        (r) => r.length === 3,
      ),
    ).toHaveLength(3);
    const rows = await calls(fp);
    const used = rows.find((r) => String(r.id) === String(lease!.id))!;
    expect(used.kind).toBe("chat");
    expect(Number(used.age_ms)).toBeLessThan(200);
  });

  it("gives an unused slot back", async () => {
    setLeaseLifetimeForTests(200);
    const fp = freshFp();
    await spendBudgetOrRefuse(db(), fp, "chat");
    expect(
      await until(
        () => calls(fp),
        (r) => r.length === 2,
      ),
    ).toHaveLength(2);
    expect(
      await until(
        () => calls(fp),
        (r) => r.length === 1,
        3000,
      ),
    ).toHaveLength(1);
  });

  it("gives every slot held ahead back before the database closes, and starts nothing after", async () => {
    const fp = freshFp();
    await spendBudgetOrRefuse(db(), fp, "submit");
    // Released while the lease is still to be taken (its bookkeeping waits 250 ms): nothing follows.
    await releaseBudgetLeases(db());
    await new Promise((r) => setTimeout(r, 400));
    expect(await calls(fp)).toHaveLength(1);

    await spendBudgetOrRefuse(db(), fp, "submit");
    expect(
      await until(
        () => calls(fp),
        (r) => r.length === 3,
      ),
    ).toHaveLength(3);
    await releaseBudgetLeases(db());
    expect(await calls(fp)).toHaveLength(2);
  });

  it("takes none ahead once the window is half full, and never exceeds the limit", async () => {
    await withEnv({ UPSTREAM_RATE_LIMIT: 4 }, async () => {
      const fp = freshFp();
      await spendBudgetOrRefuse(db(), fp, "submit");
      expect(
        await until(
          () => calls(fp),
          (r) => r.length === 2,
        ),
      ).toHaveLength(2);
      await spendBudgetOrRefuse(db(), fp, "submit"); // the lease; 2 used, half of 4: none ahead
      await new Promise((r) => setTimeout(r, 200));
      expect(await calls(fp)).toHaveLength(2);
      await spendBudgetOrRefuse(db(), fp, "submit");
      await spendBudgetOrRefuse(db(), fp, "submit");
      await expect(spendBudgetOrRefuse(db(), fp, "submit")).rejects.toMatchObject({
        status: 429,
        type: "rate_limit",
      });
      expect(await calls(fp)).toHaveLength(4);
      expect((await takeBudget(db(), fp, "submit")).ok).toBe(false);
    });
  });
});

describe("several slots ahead for a key allowed thousands a minute", () => {
  it("takes a batch, spends it slot by slot, re-dates the spent together and gives back the rest", async () => {
    setLeaseLifetimeForTests(1_500);
    await withEnv({ UPSTREAM_RATE_LIMIT: 1000 }, async () => {
      const fp = freshFp();
      await spendBudgetOrRefuse(db(), fp, "submit");
      // One on the path, ten ahead (a thousand a minute: leaseSize 10).
      const leased = await until(
        () => calls(fp),
        (r) => r.length === 11,
      );
      expect(leased).toHaveLength(11);
      await new Promise((r) => setTimeout(r, 300));
      for (const kind of ["chat", "submit", "chat"] as const) {
        await spendBudgetOrRefuse(db(), fp, kind);
      }
      // The three spent are re-dated to about now, with their kinds; nothing new is taken.
      const redated = await until(
        () => calls(fp),
        (r) => r.filter((c) => Number(c.age_ms) < 250).length === 3,
      );
      expect(redated).toHaveLength(11);
      expect(redated.filter((c) => Number(c.age_ms) < 250).map((c) => c.kind)).toEqual([
        "chat",
        "submit",
        "chat",
      ]);
      // The seven unused go back when the lease ends; the four spent stay counted.
      expect(
        await until(
          () => calls(fp),
          (r) => r.length === 4,
          4000,
        ),
      ).toHaveLength(4);
    });
  });

  it("takes only as many as fit under the cap", async () => {
    const fp = freshFp();
    expect((await takeBudget(db(), fp, "submit")).ok).toBe(true);
    expect((await takeBudget(db(), fp, "submit")).ok).toBe(true);
    const batch = await takeBudget(db(), fp, "submit", 5, 8);
    expect(batch.ok && batch.slotIds).toHaveLength(3);
    expect((await takeBudget(db(), fp, "submit", 5, 8)).ok).toBe(false);
    expect(await calls(fp)).toHaveLength(5);
  });
});
