// GET /api/v1/usage: credits by day in the user's time zone (a task at 00:30 in Tokyo is the day
// before in UTC), every day of the range present, by model, and today / week / month totals.
// The expected figures come from Intl's calendar, not from the code under test.
import { describe, expect, it } from "vitest";
import { usageReplySchema, type UsageReply } from "@/lib/schemas/usage";
import { storeTask, type StoredTaskInput } from "@/lib/server/tasks/task-fixtures";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { DELETE } from "../tasks/[task_id]/route";
import { GET } from "./route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

function usage(u: TestUser | null, query: string) {
  const req = new Request(`http://localhost:3000/api/v1/usage${query}`, {
    headers: u ? { authorization: `Bearer ${u.token}` } : {},
  });
  return GET(req, { params: Promise.resolve({}) });
}

/** YYYY-MM-DD of an instant in a zone, by Intl. */
const localDay = (at: Date | string, tz: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(at));
const shift = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface Fixture {
  at: string;
  model: string;
  credits: number | null;
}

/** What the reply must say, worked out with Intl from the fixtures. */
function expected(fixtures: Fixture[], tz: string, days: number) {
  const today = localDay(new Date(), tz);
  const first = shift(today, -(days - 1));
  const weekStart = shift(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const sum = (pick: (day: string) => boolean) =>
    fixtures.filter((f) => pick(localDay(f.at, tz))).reduce((s, f) => s + (f.credits ?? 0), 0);
  return {
    dates: Array.from({ length: days }, (_, i) => shift(first, i)),
    perDay: (day: string) => sum((d) => d === day),
    totals: {
      today: sum((d) => d === today),
      week: sum((d) => d >= weekStart && d <= today),
      month: sum((d) => d.slice(0, 7) === today.slice(0, 7) && d <= today),
      range: sum((d) => d >= first && d <= today),
    },
  };
}

describe("GET /api/v1/usage", () => {
  it("sums credits by day in the asked time zone, zero-filled, by model, with totals", async () => {
    const u = await h().makeUser();
    const other = await h().makeUser();
    const tokyoToday = localDay(new Date(), "Asia/Tokyo");
    const fixtures: Fixture[] = [
      // 00:30 in Tokyo is 15:30 UTC the day before: the two zones file it on different days.
      { at: `${tokyoToday}T00:30:00+09:00`, model: "flux-2", credits: 3 },
      { at: `${shift(tokyoToday, -1)}T23:30:00+09:00`, model: "flux-2", credits: 5 },
      { at: `${shift(tokyoToday, -1)}T08:00:00+09:00`, model: "flux-2", credits: null },
      { at: `${shift(tokyoToday, -3)}T12:00:00+09:00`, model: "suno", credits: 1.5 },
      { at: `${shift(tokyoToday, -20)}T12:00:00+09:00`, model: "suno", credits: 7 },
    ];
    for (const f of fixtures) {
      await storeTask(h().opened.db, {
        userId: u.user.id,
        model: f.model,
        createdAt: f.at,
        credits: f.credits,
        status: f.credits === null ? "FAILED" : "SUCCESS",
      });
    }
    await storeTask(h().opened.db, { userId: other.user.id, status: "SUCCESS", credits: 100 });
    expect(localDay(fixtures[0]!.at, "UTC")).not.toBe(localDay(fixtures[0]!.at, "Asia/Tokyo"));

    for (const tz of ["Asia/Tokyo", "UTC"]) {
      const res = await usage(u, `?days=7&tz=${encodeURIComponent(tz)}`);
      expect(res.status).toBe(200);
      const reply: UsageReply = usageReplySchema.parse(await res.json());
      const want = expected(fixtures, tz, 7);
      expect(reply.tz).toBe(tz);
      expect(reply.days.map((d) => d.date)).toEqual(want.dates);
      expect(reply.days.map((d) => d.credits)).toEqual(want.dates.map(want.perDay));
      expect(reply.totals).toEqual(want.totals);
    }

    const tokyo = usageReplySchema.parse(await (await usage(u, "?days=30&tz=Asia/Tokyo")).json());
    const today = tokyo.days.at(-1)!;
    expect(today).toMatchObject({
      date: tokyoToday,
      credits: 3,
      tasks: 1,
      by_model: { "flux-2": 3 },
    });
    const yesterday = tokyo.days.at(-2)!;
    // The failed task counts as a task, costing nothing.
    expect(yesterday).toMatchObject({ credits: 5, tasks: 2, by_model: { "flux-2": 5 } });
    expect(tokyo.models).toEqual([
      { model: "suno", credits: 8.5, tasks: 2 },
      { model: "flux-2", credits: 8, tasks: 3 },
    ]);
    expect(tokyo.totals.range).toBe(16.5);
  });

  it("keeps a deleted task's credits: deleting never changes what was spent", async () => {
    const u = await h().makeUser();
    const store = (input: Omit<StoredTaskInput, "userId">) =>
      storeTask(h().opened.db, { userId: u.user.id, status: "SUCCESS", ...input });
    await store({ model: "flux-2", credits: 4 });
    const { taskId: gone } = await store({ model: "suno", credits: 2.5 });
    const { taskId: failed } = await store({ credits: null, status: "FAILED" });
    const read = async () =>
      usageReplySchema.parse(await (await usage(u, "?days=7&tz=Europe/Paris")).json());
    const before = await read();
    expect(before.totals.today).toBe(6.5);
    for (const id of [gone, failed]) {
      const req = new Request(`http://localhost:3000/api/v1/tasks/${id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${u.token}` },
      });
      expect((await DELETE(req, { params: Promise.resolve({ task_id: id }) })).status).toBe(200);
    }
    expect(await read()).toEqual(before);
  });

  it("a user with no tasks gets every day at zero", async () => {
    const u = await h().makeUser();
    const reply = usageReplySchema.parse(await (await usage(u, "")).json());
    expect(reply.tz).toBe("UTC");
    expect(reply.days).toHaveLength(30);
    expect(reply.days.every((d) => d.credits === 0 && d.tasks === 0)).toBe(true);
    expect(reply.totals).toEqual({ today: 0, week: 0, month: 0, range: 0 });
  });

  it.each([
    ["days", "?days=0"],
    ["days", "?days=367"],
    ["tz", "?tz=Mars%2FOlympus"],
    // Intl takes offsets, but Postgres would read them as POSIX zones, inverted.
    ["tz", "?tz=%2B01%3A00"],
    ["tz", "?tz=-05%3A00"],
  ])("400 naming %s for %s", async (param, query) => {
    const u = await h().makeUser();
    const res = await usage(u, query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param?: string } }).error.param).toBe(param);
  });

  it("401 without auth", async () => {
    expect((await usage(null, "")).status).toBe(401);
  });
});
