// What a user's tasks cost, by day and by model, in their time zone: `GET /api/v1/usage`. A task
// counts on the day it was created there; one without a cost (failed, running) counts 0. Deleted
// tasks count too (deleted_task_spend): deleting a task does not give its credits back. Every chat
// completion counts as one run of its model (chat_calls), deleted conversations included.
import "server-only";
import { sql } from "drizzle-orm";
import type { UsageQuery, UsageReply } from "@/lib/schemas/usage";
import type { Database } from "@/lib/server/db";
import { invalid } from "@/lib/server/api-error";

interface DayModelRow {
  day: string;
  model: string;
  credits: number | string;
  tasks: number | string;
}

const dayMs = 86_400_000;
/** YYYY-MM-DD `n` days after `date` (calendar arithmetic, no time zone involved). */
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
/** Credits are decimals the upstream reports; sums keep them free of float dust. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Today in `tz`, as the database's clock has it. */
async function todayIn(db: Database, tz: string): Promise<string> {
  try {
    const [row] = rowsOf<{ today: string }>(
      await db.execute(
        sql`select to_char((now() at time zone ${tz})::date, 'YYYY-MM-DD') as today`,
      ),
    );
    return row!.today;
  } catch {
    // Intl knew the zone but the database's zone list does not.
    throw invalid(`tz: ${tz} is not a time zone the database knows`, "tz");
  }
}

/** Credits and tasks per (day in tz, model) from `from` (a day in tz) on, deleted tasks included. */
async function dayModelRows(db: Database, userId: string, tz: string, from: string) {
  const start = sql`(${from}::date::timestamp at time zone ${tz})`;
  const local = sql`(t.created_at at time zone ${tz})`;
  return rowsOf<DayModelRow>(
    await db.execute(sql`
      select to_char(${local}::date, 'YYYY-MM-DD') as day, t.model_slug as model,
        coalesce(sum(t.credits), 0)::float8 as credits, count(*)::int as tasks
      from (
        select created_at, model_slug, consumed_credits as credits from tasks
        where user_id = ${userId}::uuid and created_at >= ${start}
        union all
        select created_at, model_slug, credits from deleted_task_spend
        where user_id = ${userId}::uuid and created_at >= ${start}
        union all
        select created_at, model, credits from chat_calls
        where user_id = ${userId}::uuid and created_at >= ${start}
      ) t
      group by 1, 2`),
  ).map((r) => ({ ...r, credits: Number(r.credits), tasks: Number(r.tasks) }));
}

export async function usageFor(
  db: Database,
  userId: string,
  query: UsageQuery,
): Promise<UsageReply> {
  const { tz, days } = query;
  const today = await todayIn(db, tz);
  const rangeStart = addDays(today, -(days - 1));
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const weekStart = addDays(today, -weekday);
  const monthStart = `${today.slice(0, 8)}01`;
  const from = [rangeStart, weekStart, monthStart].sort()[0]!;
  const rows = await dayModelRows(db, userId, tz, from);

  const byDay = new Map<string, UsageReply["days"][number]>();
  for (let i = 0; i < days; i++) {
    const date = addDays(rangeStart, i);
    byDay.set(date, { date, credits: 0, tasks: 0, by_model: {} });
  }
  const models = new Map<string, { model: string; credits: number; tasks: number }>();
  const totals = { today: 0, week: 0, month: 0, range: 0 };
  for (const row of rows) {
    if (row.day === today) totals.today += row.credits;
    if (row.day >= weekStart) totals.week += row.credits;
    if (row.day >= monthStart) totals.month += row.credits;
    const day = byDay.get(row.day);
    if (!day) continue;
    totals.range += row.credits;
    day.credits = round(day.credits + row.credits);
    day.tasks += row.tasks;
    if (row.credits > 0) day.by_model[row.model] = round(row.credits);
    const model = models.get(row.model) ?? { model: row.model, credits: 0, tasks: 0 };
    model.credits = round(model.credits + row.credits);
    model.tasks += row.tasks;
    models.set(row.model, model);
  }
  return {
    tz,
    days: [...byDay.values()],
    models: [...models.values()].sort((a, b) => b.credits - a.credits || b.tasks - a.tasks),
    totals: {
      today: round(totals.today),
      week: round(totals.week),
      month: round(totals.month),
      range: round(totals.range),
    },
  };
}
