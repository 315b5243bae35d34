// A process that dies between claiming an Idempotency-Key and storing the task row has not called
// the upstream (the row is stored first): its claim is freed, so the client's retry with the same
// key creates the task instead of meeting "unknown outcome" for a request that was never sent.
// Found by the kill -9 hardening run: 99 tasks listed for 100 submissions.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { idempotencyKeys, tasks } from "@/lib/server/db/schema";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { createTaskForUser } from "./create-task";
import { claimIdempotencyKey, requestHash } from "./idempotency";
import { reconcileSubmissions } from "./reconcile";
import type { TestUser } from "./test-harness";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

const fox = { model: "flux-2", prompt: "a red fox in the snow" };
const postImages = "POST /images/generations";

/** What a process leaves when killed right after its claim: the claim, no task row. */
async function claimOfDeadProcess(u: TestUser, key: string, agedMinutes = 0): Promise<void> {
  const db = h().opened.db;
  const claim = await claimIdempotencyKey(
    db,
    u.user.id,
    key,
    requestHash("images", fox),
    randomUUID(),
  );
  expect(claim.kind).toBe("claimed");
  if (agedMinutes > 0) {
    await db.execute(
      sql`update idempotency_keys set created_at = now() - ${agedMinutes} * interval '1 minute'
          where user_id = ${u.user.id} and key = ${key}`,
    );
  }
}

const rowsOf = (u: TestUser) =>
  h().opened.db.select().from(tasks).where(eq(tasks.userId, u.user.id));

describe("a claim whose process died before storing its task", () => {
  it("is freed by start-up reconciliation; the retry with the same key creates the task once", async () => {
    const u = await h().makeUser();
    await claimOfDeadProcess(u, "k-dead");
    expect(await reconcileSubmissions(h().opened.db, true)).toBe(0);
    const claims = await h()
      .opened.db.select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.userId, u.user.id));
    expect(claims).toEqual([]);

    const retry = await createTaskForUser(h().opened.db, u.user, "images", fox, {
      idempotencyKey: "k-dead",
    });
    expect(retry.replayed).toBe(false);
    expect(retry.reply.data.status).toBe("IN_PROGRESS");
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
    expect((await rowsOf(u)).map((r) => r.taskId)).toEqual([retry.reply.data.task_id]);
    // And the key now answers with that task.
    const again = await createTaskForUser(h().opened.db, u.user, "images", fox, {
      idempotencyKey: "k-dead",
    });
    expect(again).toMatchObject({
      replayed: true,
      reply: { data: { task_id: retry.reply.data.task_id } },
    });
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
  });

  it("is freed for a duplicate that finds it stale, which then creates the task", async () => {
    const u = await h().makeUser();
    await claimOfDeadProcess(u, "k-stale", 2);
    const retry = await createTaskForUser(h().opened.db, u.user, "images", fox, {
      idempotencyKey: "k-stale",
      duplicateWaitMs: 50,
    });
    expect(retry.replayed).toBe(false);
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
    expect(await rowsOf(u)).toHaveLength(1);
  });

  it("a claim from before claims named their row is still settled as unknown outcome", async () => {
    const u = await h().makeUser();
    await h()
      .opened.db.insert(idempotencyKeys)
      .values({ userId: u.user.id, key: "k-legacy", requestHash: requestHash("images", fox) });
    expect(await reconcileSubmissions(h().opened.db, true)).toBe(0);
    const [claim] = await h()
      .opened.db.select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.userId, u.user.id));
    expect(claim?.outcome).toMatchObject({ kind: "error", status: 502, mayHaveBeenCharged: true });
    expect(await h().count(u.upstreamKey, postImages)).toBe(0);
  });
});
