// A stored comparison on the wire: its columns with their tasks as `GET /api/v1/tasks` lists them.
import "server-only";
import type { Comparison, ComparisonAnswer, CompareRoute } from "@/lib/schemas/compare";
import type { Database } from "@/lib/server/db";
import type { StoredComparisonAnswer, TaskRow } from "@/lib/server/db/schema";
import { toListItem } from "@/lib/server/tasks/task-views";
import { tasksOf, type ComparisonRow } from "./comparison-repository";
import { chatColumnTimeoutMs } from "./create-chat-comparison";

/**
 * A chat column's answer on the wire. One still running long after its call must have ended was
 * cut off by a restart: it reads interrupted, never running forever.
 */
function answerView(
  answer: StoredComparisonAnswer,
  createdAt: Date,
  now: number,
): ComparisonAnswer {
  const lost = answer.status === "streaming" && now - createdAt.getTime() > chatColumnTimeoutMs * 2;
  return {
    status: lost ? "interrupted" : answer.status,
    content: answer.content,
    reasoning: answer.reasoning,
    usage: answer.usage,
    credits: answer.credits,
    duration_ms: answer.durationMs,
    error: lost
      ? { type: "interrupted", message: "The Studio restarted before this answer arrived." }
      : answer.error,
  };
}

export function toComparison(
  row: ComparisonRow,
  taskRows: TaskRow[],
  origin: string,
  now = Date.now(),
): Comparison {
  const byId = new Map(taskRows.map((t) => [t.taskId, t]));
  return {
    id: row.id,
    route: row.route as CompareRoute,
    prompt: row.prompt,
    blind: row.blind,
    favorite_column: row.favoriteColumn,
    created_at: row.createdAt.toISOString(),
    columns: row.columns.map((column) => {
      const task = column.taskId ? byId.get(column.taskId) : undefined;
      return {
        model: column.model,
        body: column.body,
        task_id: column.taskId,
        error: column.error,
        task: task ? toListItem(task, origin) : null,
        answer: column.answer ? answerView(column.answer, row.createdAt, now) : null,
      };
    }),
  };
}

/** Several comparisons with all their tasks, read in one query. */
export async function comparisonsWithTasks(
  db: Database,
  userId: string,
  rows: ComparisonRow[],
  origin: string,
): Promise<Comparison[]> {
  const ids = rows.flatMap((r) => r.columns.flatMap((c) => (c.taskId ? [c.taskId] : [])));
  const taskRows = await tasksOf(db, userId, ids);
  return rows.map((row) => toComparison(row, taskRows, origin));
}

/** One comparison with its tasks. */
export async function comparisonWithTasks(
  db: Database,
  userId: string,
  row: ComparisonRow,
  origin: string,
): Promise<Comparison> {
  const ids = row.columns.flatMap((c) => (c.taskId ? [c.taskId] : []));
  return toComparison(row, await tasksOf(db, userId, ids), origin);
}
