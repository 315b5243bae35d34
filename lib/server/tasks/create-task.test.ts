import { eq, sql } from "drizzle-orm";
import { tasks } from "@/lib/server/db/schema";
import { describe, expect, it } from "vitest";
import { minimalBodies } from "@/lib/catalog/test-bodies";
import { publicUrlPolicy, routes, type RouteId } from "@/lib/catalog";
import { ApiError } from "@/lib/server/api-error";
import type { UpstreamClient } from "@/lib/server/upstream";
import { createTaskForUser, type CreateTaskOptions } from "./create-task";
import { reconcileSubmissions } from "./reconcile";
import { findTask, unknownOutcomeMessage } from "./task-repository";
import { clientFor, demoTarget } from "@/lib/server/upstream-target";
import { setupTaskHarness, withEnv } from "@/lib/testing/server-harness";
import { keyBudgets, upstreamCalls } from "@/lib/server/db/schema";
import { hashCallbackToken } from "@/lib/server/tracker/callbacks";
import { budgetWindowMs } from "@/lib/server/tracker/budget";
import { keyFingerprint } from "./task-target";
import type { TestUser } from "./test-harness";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

const fox = { model: "flux-2", prompt: "a red fox in the snow" };
const postImages = "POST /images/generations";

function create(
  who: { user: { id: string } },
  route: RouteId,
  body: unknown,
  options?: CreateTaskOptions,
) {
  return createTaskForUser(h().opened.db, who.user, route, body, options);
}

/** An upstream whose port refuses connections: nothing can ever be delivered to it. */
function refusingUpstream(apiKey: string): CreateTaskOptions["resolveUpstream"] {
  const closed = { mode: "user-key" as const, baseUrl: "http://127.0.0.1:9/api/v1", apiKey };
  return () => Promise.resolve({ client: clientFor(closed), target: closed });
}

/** As if the pause after an upstream 429 had run out. */
async function endPause(u: TestUser) {
  await h()
    .opened.db.update(keyBudgets)
    .set({ pausedUntil: sql`now() - interval '1 second'` })
    .where(eq(keyBudgets.keyFingerprint, keyFingerprint(u.upstreamKey)));
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected an ApiError");
}

describe("createTaskForUser", () => {
  it("refuses an invalid body with 400 naming the field, and calls no upstream", async () => {
    const u = await h().makeUser();
    for (const body of [
      { model: "flux-2", prompt: "ab" },
      { model: "flux-2" },
      { model: "no-such-model", prompt: "a red fox" },
      "not an object",
    ]) {
      const err = await failure(create(u, "images", body));
      expect(err.status).toBe(400);
      expect(err.type).toBe("invalid_request");
      expect(err.message).toMatch(/^(prompt|model|body): /);
    }
    expect(await h().count(u.upstreamKey, postImages)).toBe(0);
  });

  it.each(Object.entries(minimalBodies))(
    "creates and stores a task before answering: %s",
    async (_slug, { route, body }) => {
      const u = await h().makeUser();
      const { reply, replayed } = await create(u, route, body);
      expect(replayed).toBe(false);
      expect(reply).toMatchObject({ code: 200, message: "success" });
      expect(reply.data.status).toBe("IN_PROGRESS");
      expect(await h().count(u.upstreamKey, `POST ${routes[route].path}`)).toBe(1);
      const row = await findTask(h().opened.db, u.user.id, reply.data.task_id);
      expect(row).toMatchObject({
        route,
        modelSlug: _slug,
        request: body,
        status: "IN_PROGRESS",
        upstreamMode: "user-key",
        pollable: true,
      });
    },
  );

  it("records the server key mode for users without their own key", async () => {
    const u = await h().makeUser({ key: null });
    const { reply } = await create(u, "images", fox);
    const row = await findTask(h().opened.db, u.user.id, reply.data.task_id);
    expect(row?.upstreamMode).toBe("server-key");
    expect(await h().count(h().serverKey, postImages)).toBeGreaterThanOrEqual(1);
  });

  it("stores a synchronous tool answer as SUCCESS with its outputs and never polls it", async () => {
    const u = await h().makeUser();
    const output = "https://cdn.example.com/out.png";
    const client = {
      createTask: () =>
        Promise.resolve({
          task_id: "local_abc",
          status: "SUCCESS" as const,
          response: [output],
          synthetic_id: true as const,
        }),
    } as unknown as UpstreamClient;
    const { reply } = await create(u, "remove-bg", minimalBodies["bg-remover"]?.body, {
      resolveUpstream: () =>
        Promise.resolve({
          client,
          target: { mode: "user-key", baseUrl: h().sim.baseUrl, apiKey: u.upstreamKey },
        }),
    });
    expect(reply.data).toEqual({ task_id: "local_abc", status: "SUCCESS" });
    const row = await findTask(h().opened.db, u.user.id, "local_abc");
    expect(row).toMatchObject({ status: "SUCCESS", response: [output], pollable: false });
    expect(row?.completedAt).toBeInstanceOf(Date);
  });

  it("sends no `model` to tool routes that take none, and keeps it in the stored request", async () => {
    const u = await h().makeUser();
    const body = { model: "bg-remover", image: "https://cdn.example.com/in.png" };
    const { reply } = await create(u, "remove-bg", body);
    const upstream = (await (
      await fetch(`${h().sim.baseUrl}/tasks/${reply.data.task_id}`, {
        headers: { Authorization: `Bearer ${u.upstreamKey}` },
      })
    ).json()) as { data: { request: Record<string, unknown> } };
    expect(upstream.data.request).toEqual({ image: body.image });
    expect((await findTask(h().opened.db, u.user.id, reply.data.task_id))?.request).toEqual(body);
  });
});

describe("upstream failures", () => {
  it("401: says API in One rejected the user's key, not our session", async () => {
    const u = await h().makeUser({ key: "aio_revoked_tasks" });
    const err = await failure(create(u, "images", fox));
    expect(err.status).toBe(401);
    expect(err.type).toBe("authentication_error");
    expect(err.message).toMatch(/^API in One rejected your API key \(401: .+\)\. Replace it/);
    expect(err.source).toBe("upstream");
    expect(err.mayHaveBeenCharged).toBe(false);
  });

  it("402: insufficient credits, nothing charged", async () => {
    const u = await h().makeUser({ key: "aio_nocredits_tasks" });
    const err = await failure(create(u, "images", fox));
    expect(err.status).toBe(402);
    expect(err.type).toBe("insufficient_credits");
    expect(err.message).toMatch(/too few credits/);
  });

  it("429: rate limit with Retry-After", async () => {
    const u = await h().makeUser();
    await h().setRateLimit(u.upstreamKey, 1);
    await create(u, "images", fox);
    const err = await failure(create(u, "images", fox));
    expect(err.status).toBe(429);
    expect(err.type).toBe("rate_limit");
    expect(Number(err.headers["Retry-After"])).toBeGreaterThan(0);
    expect(err.message).toMatch(/try again in \d+ s/);
  });

  it("500: answered 502, may have been charged, not retried", async () => {
    const u = await h().makeUser();
    const err = await failure(create(u, "images", { ...fox, prompt: "a fox [sim:500]" }));
    expect(err.status).toBe(502);
    expect(err.type).toBe("server_error");
    expect(err.message).toMatch(/may have been charged/);
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
  });

  it("a hung upstream: 504 after the timeout, one request, may have been charged", async () => {
    const u = await h().makeUser();
    const err = await failure(
      create(u, "images", { ...fox, prompt: "a fox [sim:hang]" }, { timeoutMs: 200 }),
    );
    expect(err.status).toBe(504);
    expect(err.message).toMatch(/did not answer in time\. It may have been charged/);
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
  });

  it("an unreachable upstream: 502, nothing sent, the key is free for a retry", async () => {
    const u = await h().makeUser();
    const resolveUpstream = refusingUpstream(u.upstreamKey);
    const err = await failure(
      create(u, "images", fox, { idempotencyKey: "k-net", resolveUpstream }),
    );
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/^Could not reach API in One \(ECONNREFUSED\)\. Nothing was sent/);
    const retried = await create(u, "images", fox, { idempotencyKey: "k-net" });
    expect(retried.replayed).toBe(false);
  });

  it("the upstream key appears in no error message", async () => {
    const u = await h().makeUser({ key: "aio_revoked_secret_123456" });
    const err = await failure(create(u, "images", fox));
    expect(err.message).not.toContain("aio_revoked_secret_123456");
  });
});

describe("Idempotency-Key", () => {
  it("a repeat gets the first answer without a second upstream call", async () => {
    const u = await h().makeUser();
    const first = await create(u, "images", fox, { idempotencyKey: "k-1" });
    const again = await create(
      u,
      "images",
      { prompt: fox.prompt, model: fox.model },
      {
        idempotencyKey: "k-1",
      },
    );
    expect(again.replayed).toBe(true);
    expect(again.reply).toEqual(first.reply);
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
    expect(await findTask(h().opened.db, u.user.id, first.reply.data.task_id)).toMatchObject({
      status: "IN_PROGRESS",
      request: fox,
    });
  });

  it("concurrent duplicates make one upstream call and share one task", async () => {
    const u = await h().makeUser();
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => create(u, "images", fox, { idempotencyKey: "double-click" })),
    );
    expect(new Set(replies.map((r) => r.reply.data.task_id)).size).toBe(1);
    expect(replies.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
  });

  it("the same key with a different body is refused with 422", async () => {
    const u = await h().makeUser();
    await create(u, "images", fox, { idempotencyKey: "k-2" });
    const err = await failure(
      create(u, "images", { ...fox, prompt: "a blue fox" }, { idempotencyKey: "k-2" }),
    );
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^Idempotency-Key reused with a different body/);
    const otherRoute = await failure(
      create(u, "videos", { model: "kling-3", prompt: "a fox runs" }, { idempotencyKey: "k-2" }),
    );
    expect(otherRoute.status).toBe(422);
  });

  it("keys are per user", async () => {
    const a = await h().makeUser();
    const b = await h().makeUser();
    const ra = await create(a, "images", fox, { idempotencyKey: "shared" });
    const rb = await create(b, "images", fox, { idempotencyKey: "shared" });
    expect(rb.replayed).toBe(false);
    expect(rb.reply.data.task_id).not.toBe(ra.reply.data.task_id);
  });

  it("a failure that surely did not reach the upstream releases the key", async () => {
    const u = await h().makeUser();
    await h().setRateLimit(u.upstreamKey, 1);
    await create(u, "images", fox);
    expect((await failure(create(u, "images", fox, { idempotencyKey: "k-3" }))).status).toBe(429);
    await h().setRateLimit(u.upstreamKey, 1000);
    // The upstream's 429 paused the key; a minute later the pause is over.
    await endPause(u);
    const retried = await create(u, "images", fox, { idempotencyKey: "k-3" });
    expect(retried.replayed).toBe(false);
  });

  it("a failure that may have reached the upstream keeps the key and repeats its answer", async () => {
    const u = await h().makeUser();
    const body = { ...fox, prompt: "a fox [sim:hang]" };
    const opts = { idempotencyKey: "k-4", timeoutMs: 150 };
    const first = await failure(create(u, "images", body, opts));
    const second = await failure(create(u, "images", body, opts));
    expect(first.status).toBe(504);
    expect(second.status).toBe(504);
    expect(second.message).toBe(first.message);
    expect(second.headers["Idempotent-Replayed"]).toBe("true");
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
  });

  it("a duplicate of a request still in flight answers 409 after a short wait", async () => {
    const u = await h().makeUser();
    const body = { ...fox, prompt: "a fox [sim:hang]" };
    const first = failure(create(u, "images", body, { idempotencyKey: "k-5", timeoutMs: 1500 }));
    await new Promise((r) => setTimeout(r, 100));
    const dup = await failure(
      create(u, "images", body, { idempotencyKey: "k-5", duplicateWaitMs: 200 }),
    );
    expect(dup.status).toBe(409);
    expect(dup.message).toMatch(/still being processed/);
    expect((await first).status).toBe(504);
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
  });

  it("a key older than the window starts a new request", async () => {
    const u = await h().makeUser();
    const first = await create(u, "images", fox, { idempotencyKey: "k-6" });
    await h().opened.db.execute(
      sql`update idempotency_keys set created_at = now() - interval '11 minutes' where user_id = ${u.user.id}`,
    );
    const later = await create(u, "images", fox, { idempotencyKey: "k-6" });
    expect(later.replayed).toBe(false);
    expect(later.reply.data.task_id).not.toBe(first.reply.data.task_id);
  });
});

describe("no charged task is lost", () => {
  const rowsOf = (userId: string) =>
    h()
      .opened.db.select({
        task_id: tasks.taskId,
        status: tasks.status,
        error_message: tasks.errorMessage,
      })
      .from(tasks)
      .where(eq(tasks.userId, userId))
      .orderBy(tasks.createdAt);

  it("the row exists (SUBMITTING, not started) before the upstream is asked; its answer starts it", async () => {
    const u = await h().makeUser();
    const seen: string[] = [];
    const started: (Date | null)[] = [];
    const resolveUpstream = async () => {
      const target = {
        mode: "user-key" as const,
        baseUrl: h().sim.baseUrl,
        apiKey: u.upstreamKey,
      };
      const real = clientFor(target);
      const watching: UpstreamClient = {
        ...real,
        createTask: async (...args) => {
          seen.push(...(await rowsOf(u.user.id)).map((r) => r.status));
          const [placeholder] = await h()
            .opened.db.select({ startedAt: tasks.startedAt })
            .from(tasks)
            .where(eq(tasks.userId, u.user.id));
          started.push(placeholder!.startedAt);
          return real.createTask(...args);
        },
      };
      return { client: watching, target };
    };
    const { reply } = await create(u, "images", fox, { resolveUpstream });
    expect(seen).toEqual(["SUBMITTING"]);
    expect(started).toEqual([null]);
    expect(await rowsOf(u.user.id)).toEqual([
      { task_id: reply.data.task_id, status: "IN_PROGRESS", error_message: null },
    ]);
    const row = await findTask(h().opened.db, u.user.id, reply.data.task_id);
    expect(row?.startedAt).toBeInstanceOf(Date);
    expect(row!.startedAt!.getTime()).toBeGreaterThanOrEqual(row!.createdAt.getTime());
  });

  it("a request that never reached the upstream leaves no row and frees the key", async () => {
    const u = await h().makeUser();
    const resolveUpstream = refusingUpstream(u.upstreamKey);
    const err = await failure(
      create(u, "images", fox, { idempotencyKey: "k-lost-1", resolveUpstream }),
    );
    expect(err.mayHaveBeenCharged).toBe(false);
    expect(err.source).toBe("upstream");
    expect(await rowsOf(u.user.id)).toEqual([]);
  });

  it("a request that may have been charged stays visible as an unknown outcome", async () => {
    const u = await h().makeUser();
    const err = await failure(
      create(u, "images", { ...fox, prompt: "a fox [sim:hang]" }, { timeoutMs: 150 }),
    );
    expect(err.mayHaveBeenCharged).toBe(true);
    const [row] = await rowsOf(u.user.id);
    expect(row?.status).toBe("FAILED");
    expect(row?.error_message).toMatch(/may have been created and charged/);
  });

  it("a failed store of the upstream's answer is retried; if it keeps failing the row stays and start-up settles it", async () => {
    const u = await h().makeUser();
    // A real database refusal (a trigger), not a mock: every write of an upstream id fails.
    await h().opened.db.execute(sql`
      create or replace function refuse_task_record() returns trigger as $$
      begin
        if new.user_id = ${sql.raw(`'${u.user.id}'`)}::uuid and new.status <> 'SUBMITTING' and new.status <> 'FAILED' then
          raise exception 'disk full';
        end if;
        return new;
      end $$ language plpgsql`);
    await h().opened.db.execute(
      sql`create trigger refuse_task_record before update on tasks for each row execute function refuse_task_record()`,
    );
    try {
      const err = await failure(create(u, "images", fox, { idempotencyKey: "k-store" }));
      expect(err.status).toBe(503);
      expect(err.mayHaveBeenCharged).toBe(true);
      expect(await h().count(u.upstreamKey, postImages)).toBe(1);
      expect((await rowsOf(u.user.id)).map((r) => r.status)).toEqual(["SUBMITTING"]);
      // The same key while nothing is settled: still in flight, a 409 with Retry-After…
      const dup = await failure(
        create(u, "images", fox, { idempotencyKey: "k-store", duplicateWaitMs: 50 }),
      );
      expect(dup.status).toBe(409);
      expect(dup.headers["Retry-After"]).toBe("2");
    } finally {
      await h().opened.db.execute(sql`drop trigger refuse_task_record on tasks`);
    }
    // …and after a restart's reconciliation, the answer: unknown outcome, never a second charge.
    expect(await reconcileSubmissions(h().opened.db, true)).toBeGreaterThanOrEqual(1);
    const [row] = await rowsOf(u.user.id);
    expect(row?.status).toBe("FAILED");
    expect(row?.error_message).toBe(unknownOutcomeMessage);
    const replay = await failure(create(u, "images", fox, { idempotencyKey: "k-store" }));
    expect(replay.status).toBe(502);
    expect(replay.mayHaveBeenCharged).toBe(true);
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
  });

  it("a claim whose process died long ago is answered as unknown, never 409 forever", async () => {
    const u = await h().makeUser();
    const first = failure(
      create(
        u,
        "images",
        { ...fox, prompt: "a fox [sim:hang]" },
        { idempotencyKey: "k-old", timeoutMs: 400 },
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    await h().opened.db.execute(
      sql`update idempotency_keys set created_at = now() - interval '2 minutes' where user_id = ${u.user.id}`,
    );
    const dup = await failure(
      create(
        u,
        "images",
        { ...fox, prompt: "a fox [sim:hang]" },
        { idempotencyKey: "k-old", duplicateWaitMs: 50 },
      ),
    );
    expect(dup.status).toBe(502);
    expect(dup.mayHaveBeenCharged).toBe(true);
    await first;
    expect(await h().count(u.upstreamKey, postImages)).toBe(1);
  });
});

describe("where URLs may point", () => {
  it("refuses private, loopback and link-local URLs naming the field, with no upstream call", async () => {
    const u = await h().makeUser();
    const cases: [RouteId, Record<string, unknown>, string][] = [
      ["remove-bg", { image: "http://127.0.0.1/a.png" }, "image"],
      [
        "upscale",
        { model: "image-upscale", image: "http://169.254.169.254/latest/meta-data" },
        "image",
      ],
      [
        "images",
        { ...fox, input_urls: ["https://example.com/a.png", "http://10.0.0.7/b.png"] },
        "input_urls[1]",
      ],
      ["images", { ...fox, callback_url: "http://[::1]:8080/hook" }, "callback_url"],
      ["images", { ...fox, callback_url: "http://2130706433/hook" }, "callback_url"],
    ];
    for (const [route, body, param] of cases) {
      const err = await failure(create(u, route, body));
      expect(err.status, JSON.stringify(body)).toBe(400);
      expect(err.param).toBe(param);
      expect(err.source).toBe("studio");
    }
    const stats = await h().count(u.upstreamKey, postImages);
    expect(stats).toBe(0);
    expect(await h().count(u.upstreamKey, "POST /images/tools/remove-bg")).toBe(0);
  });

  it("accepts our own upload URLs under PUBLIC_URL", async () => {
    const u = await h().makeUser();
    const own = create(
      u,
      "remove-bg",
      { image: "http://localhost:3999/files/abc" },
      {
        urlPolicy: () => publicUrlPolicy({ allowOrigins: ["http://localhost:3999"] }),
      },
    );
    await expect(own).resolves.toMatchObject({ reply: { code: 200 } });
  });

  it("in demo mode, calls back only to the Studio itself", async () => {
    const u = await h().makeUser({ key: null });
    const resolveUpstream = async () => {
      const target = await demoTarget();
      return { client: clientFor(target), target };
    };
    const err = await failure(
      create(
        u,
        "images",
        { ...fox, callback_url: "https://example.com/hook" },
        { resolveUpstream },
      ),
    );
    expect(err.status).toBe(400);
    expect(err.param).toBe("callback_url");
    const ok = await create(
      u,
      "images",
      { ...fox, callback_url: "http://localhost:3000/api/hooks/x" },
      {
        resolveUpstream,
      },
    );
    expect(ok.reply.code).toBe(200);
  });
});

describe("an answer that outlives the reconciliation", () => {
  it("still lands on its row: the charged task keeps its real id", async () => {
    const u = await h().makeUser();
    const resolveUpstream = async () => {
      const target = { mode: "user-key" as const, baseUrl: h().sim.baseUrl, apiKey: u.upstreamKey };
      const real = clientFor(target);
      const slow: UpstreamClient = {
        ...real,
        createTask: async (...args) => {
          const created = await real.createTask(...args);
          // Another instance's pass runs while this answer is on its way.
          await reconcileSubmissions(h().opened.db, true);
          return created;
        },
      };
      return { client: slow, target };
    };
    const { reply } = await create(u, "images", fox, { resolveUpstream, idempotencyKey: "k-late" });
    const row = await findTask(h().opened.db, u.user.id, reply.data.task_id);
    expect(row).toMatchObject({ status: "IN_PROGRESS", errorMessage: null, pollable: true });
    const again = await create(u, "images", fox, { idempotencyKey: "k-late" });
    expect(again).toMatchObject({
      replayed: true,
      reply: { data: { task_id: reply.data.task_id } },
    });
  });
});

describe("the key's request budget", () => {
  it("answers its own 429 for a run that does not fit the key's minute, before calling the upstream", async () => {
    const u = await h().makeUser();
    await withEnv({ UPSTREAM_RATE_LIMIT: 2 }, async () => {
      await create(u, "images", fox);
      await create(u, "images", fox);
      const err = await failure(create(u, "images", fox, { idempotencyKey: "k-budget" }));
      expect(err).toMatchObject({
        status: 429,
        type: "rate_limit",
        source: "studio",
        mayHaveBeenCharged: false,
      });
      const retryAfter = Number(err.headers["Retry-After"]);
      expect(retryAfter).toBeGreaterThanOrEqual(55);
      expect(retryAfter).toBeLessThanOrEqual(budgetWindowMs / 1000);
      expect(err.message).toMatch(/made its 2 requests of the last minute; try again in \d+ s/);
      expect(await h().count(u.upstreamKey, postImages)).toBe(2);
      // Nothing stored for the refused run, and its Idempotency-Key is free for the retry…
      expect(
        await h().opened.db.select().from(tasks).where(eq(tasks.userId, u.user.id)),
      ).toHaveLength(2);
      // …which goes through once the minute has passed.
      await h()
        .opened.db.update(upstreamCalls)
        .set({ at: sql`at - ${budgetWindowMs + 1000} * interval '1 millisecond'` })
        .where(eq(upstreamCalls.keyFingerprint, keyFingerprint(u.upstreamKey)));
      const retried = await create(u, "images", fox, { idempotencyKey: "k-budget" });
      expect(retried.replayed).toBe(false);
      expect(await h().count(u.upstreamKey, postImages)).toBe(3);
    });
  });

  it("a 429 from the upstream pauses the key: the next run is refused here, not sent", async () => {
    const u = await h().makeUser();
    await h().setRateLimit(u.upstreamKey, 1);
    await create(u, "images", fox);
    const upstream = await failure(create(u, "images", fox));
    expect(upstream).toMatchObject({ status: 429, source: "upstream" });
    const [pause] = await h()
      .opened.db.select()
      .from(keyBudgets)
      .where(eq(keyBudgets.keyFingerprint, keyFingerprint(u.upstreamKey)));
    // The simulator asked for about a minute.
    expect(pause?.pausedUntil?.getTime()).toBeGreaterThan(Date.now() + 45_000);
    await h().setRateLimit(u.upstreamKey, 1000);
    const ours = await failure(create(u, "images", fox));
    expect(ours).toMatchObject({ status: 429, type: "rate_limit", source: "studio" });
    expect(ours.message).toMatch(/asked this key to slow down; try again in \d+ s/);
    expect(Number(ours.headers["Retry-After"])).toBeGreaterThan(45);
    expect(await h().count(u.upstreamKey, postImages)).toBe(2);
  });

  it("counts each key on its own: another user's busy key does not hold this one back", async () => {
    const busy = await h().makeUser();
    const calm = await h().makeUser();
    await withEnv({ UPSTREAM_RATE_LIMIT: 1 }, async () => {
      await create(busy, "images", fox);
      expect((await failure(create(busy, "images", fox))).source).toBe("studio");
      await expect(create(calm, "images", fox)).resolves.toMatchObject({ replayed: false });
    });
  });
});

describe("callbacks and the tracker's schedule", () => {
  // Nothing listens there: the simulator's delivery fails at once, far from anything real.
  const publicUrl = "http://127.0.0.1:9";

  async function sentRequest(u: TestUser, taskId: string) {
    const res = await fetch(`${h().sim.baseUrl}/tasks/${taskId}`, {
      headers: { Authorization: `Bearer ${u.upstreamKey}` },
    });
    return ((await res.json()) as { data: { request: Record<string, unknown> } }).data.request;
  }

  it("sends a callback URL with a per-task token to webhook models when the upstream can reach us", async () => {
    const u = await h().makeUser();
    await withEnv({ PUBLIC_URL: publicUrl }, async () => {
      const { reply } = await create(u, "images", fox);
      const row = await findTask(h().opened.db, u.user.id, reply.data.task_id);
      const sent = await sentRequest(u, reply.data.task_id);
      const url = new URL(String(sent.callback_url));
      const [, , , , id, token] = url.pathname.split("/");
      expect(url.origin).toBe(publicUrl);
      expect(url.pathname.startsWith("/api/callbacks/tasks/")).toBe(true);
      expect(id).toBe(row?.id);
      expect(row?.callbackTokenHash).toBe(hashCallbackToken(token!));
      // What the user asked for is stored without it.
      expect(row?.request).toEqual(fox);
    });
  });

  it("sends none without PUBLIC_URL, to models without webhooks, or when the user named their own", async () => {
    const u = await h().makeUser();
    const plain = await create(u, "images", fox);
    expect((await sentRequest(u, plain.reply.data.task_id)).callback_url).toBeUndefined();
    await withEnv({ PUBLIC_URL: publicUrl }, async () => {
      const noHooks = await create(u, "images", {
        model: "ideogram-v3-turbo",
        prompt: "a red fox",
      });
      expect((await sentRequest(u, noHooks.reply.data.task_id)).callback_url).toBeUndefined();
      const own = "https://hooks.example.com/mine";
      const theirs = await create(u, "images", { ...fox, callback_url: own });
      expect((await sentRequest(u, theirs.reply.data.task_id)).callback_url).toBe(own);
      for (const id of [noHooks, theirs].map((r) => r.reply.data.task_id)) {
        expect((await findTask(h().opened.db, u.user.id, id))?.callbackTokenHash).toBeNull();
      }
    });
  });

  it("schedules the first check a third of the way into the model's typical duration, within its ceiling", async () => {
    const u = await h().makeUser();
    const before = Date.now();
    const { reply } = await create(u, "images", fox);
    const row = (await findTask(h().opened.db, u.user.id, reply.data.task_id))!;
    expect(row).toMatchObject({ trackingState: "scheduled", checks: 0, trackingNote: null });
    // flux-2 takes 3–15 s: first look at 7 s ± 15 %.
    const first = row.nextCheckAt!.getTime() - before;
    expect(first).toBeGreaterThanOrEqual(7000 * 0.85 - 50);
    expect(first).toBeLessThanOrEqual(7000 * 1.15 + 1000);
    // Tracked for 15 minutes before "timed out".
    const ceiling = row.deadlineAt!.getTime() - before;
    expect(ceiling).toBeGreaterThanOrEqual(15 * 60_000 - 50);
    expect(ceiling).toBeLessThanOrEqual(15 * 60_000 + 1000);
    await withEnv({ TRACKER_SPEED: 100 }, async () => {
      const fast = await create(u, "videos", { model: "kling-3", prompt: "a fox runs" });
      const r = (await findTask(h().opened.db, u.user.id, fast.reply.data.task_id))!;
      // kling-3 takes 60–180 s: 100 s ÷ 100, and a ceiling of 30 min ÷ 100.
      expect(r.nextCheckAt!.getTime() - Date.now()).toBeLessThanOrEqual(1000 * 1.15);
      expect(r.deadlineAt!.getTime() - Date.now()).toBeLessThanOrEqual(18_000);
      expect(r.deadlineAt!.getTime() - Date.now()).toBeGreaterThan(16_000);
    });
  });

  it("a tool that answers at once is done, with nothing to check; its outputs are queued for copying when mirroring is on", async () => {
    const u = await h().makeUser();
    const output = "https://cdn.example.com/out.png";
    const client = {
      createTask: () =>
        Promise.resolve({
          task_id: `local_${Math.random().toString(36).slice(2)}`,
          status: "SUCCESS" as const,
          response: [output],
          synthetic_id: true as const,
        }),
    } as unknown as UpstreamClient;
    const resolveUpstream = () =>
      Promise.resolve({
        client,
        target: { mode: "user-key" as const, baseUrl: h().sim.baseUrl, apiKey: u.upstreamKey },
      });
    const body = minimalBodies["bg-remover"]?.body;
    const off = await create(u, "remove-bg", body, { resolveUpstream });
    expect(await findTask(h().opened.db, u.user.id, off.reply.data.task_id)).toMatchObject({
      trackingState: "done",
      nextCheckAt: null,
      mirrorState: "off",
    });
    await withEnv({ MIRROR_OUTPUTS: "1" }, async () => {
      const on = await create(u, "remove-bg", body, { resolveUpstream });
      const row = (await findTask(h().opened.db, u.user.id, on.reply.data.task_id))!;
      expect(row).toMatchObject({ trackingState: "done", mirrorState: "pending" });
      expect(row.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    });
  });
});
