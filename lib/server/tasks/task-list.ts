// The library's list: one page of a user's tasks, newest first, with every filter of
// `GET /api/v1/tasks`, and the cursor for the next page. Keyset pagination on (created_at, id):
// tasks created meanwhile land before the first page, never inside a later one, so reading on
// neither repeats nor skips a task. Each filter has an index that starts (user_id, filter, …).
import "server-only";
import {
  and,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNull,
  lt,
  not,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { routeIds, type RouteId } from "@/lib/catalog";
import { routesOfKind, type TaskListQuery } from "@/lib/schemas/tasks";
import type { Database } from "@/lib/server/db";
import { tasks } from "@/lib/server/db/schema";
import { decodeCursor, encodeCursor } from "./list-cursor";
import { routesProducing, submittingStatus } from "./task-repository";
import { searchQueryOf } from "./task-search";
import type { ListedRow } from "./task-views";

export interface TaskPage {
  rows: ListedRow[];
  /** Reads the page after this one; null on the last page. */
  nextCursor: string | null;
}

/** The routes every route-like filter allows (route, output, kind), or undefined for all. */
function allowedRoutes(query: TaskListQuery): RouteId[] | undefined {
  let allowed: RouteId[] | undefined;
  const narrow = (routes: readonly RouteId[]) => {
    allowed = (allowed ?? [...routeIds]).filter((route) => routes.includes(route));
  };
  if (query.route) narrow([query.route]);
  if (query.output) narrow(routesProducing(query.output));
  if (query.kind) narrow(routesOfKind(query.kind));
  return allowed;
}

/** A bare day is midnight UTC; an instant keeps its offset and every digit (Postgres parses it). */
const instant = (value: string) =>
  sql`${/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value}::timestamptz`;

/** A page's conditions: the filters and the cursor, and apart from them the search words. */
interface PagePlan {
  conditions: SQL[];
  search: SQL | undefined;
}

/**
 * Undefined when the filters exclude everything: a route that is not of the kind asked for, or a
 * search without a word.
 */
function planPage(userId: string, query: TaskListQuery): PagePlan | undefined {
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const routes = allowedRoutes(query);
  if (routes?.length === 0) return undefined;
  const conditions: SQL[] = [eq(tasks.userId, userId)];
  if (routes?.length === 1) conditions.push(eq(tasks.route, routes[0]!));
  else if (routes) conditions.push(inArray(tasks.route, routes));
  if (query.model) conditions.push(eq(tasks.modelSlug, query.model));
  // A task being created, or finished with its outputs still being copied, lists as IN_PROGRESS
  // (see isSavingOutputs), so that filter shows it and SUCCESS does not.
  // (mirror_state is often null: `is not distinct from` keeps the test two-valued.)
  const saving = and(
    eq(tasks.status, "SUCCESS"),
    sql`${tasks.mirrorState} is not distinct from 'pending'`,
    isNull(tasks.outputs),
  )!;
  if (query.status === "IN_PROGRESS") {
    conditions.push(or(inArray(tasks.status, ["IN_PROGRESS", submittingStatus]), saving)!);
  } else if (query.status === "SUCCESS") {
    conditions.push(eq(tasks.status, "SUCCESS"), not(saving));
  } else if (query.status) {
    conditions.push(eq(tasks.status, query.status));
  }
  if (query.favorite) conditions.push(eq(tasks.favorite, query.favorite === "true"));
  if (query.since) conditions.push(gte(tasks.createdAt, instant(query.since)));
  if (query.until) conditions.push(lt(tasks.createdAt, instant(query.until)));
  if (cursor) {
    conditions.push(
      sql`(${tasks.createdAt}, ${tasks.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  if (query.q === undefined || query.q === "") return { conditions, search: undefined };
  // A search with nothing searchable in it ("🦊", "!!!") finds nothing, rather than everything.
  const words = searchQueryOf(query.q);
  if (!words) return undefined;
  return { conditions, search: sql`to_tsquery('simple', ${words})` };
}

const { searchText: _text, searchVector: _vector, ...listedColumns } = getTableColumns(tasks);
const pageColumns = {
  ...listedColumns,
  cursorAt:
    sql<string>`to_char(${tasks.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
      "cursor_at",
    ),
};

/** Every condition in one statement: the planner picks the index (the word index for a search). */
function pageStatement(db: Database, plan: PagePlan, limit: number) {
  const conditions = plan.search
    ? [...plan.conditions, sql`${tasks.searchVector} @@ ${plan.search}`]
    : plan.conditions;
  return db
    .select(pageColumns)
    .from(tasks)
    .where(and(...conditions))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(limit + 1);
}

/** One page; a cursor that is not ours is a 400 naming `cursor`. */
export async function listTaskPage(
  db: Database,
  userId: string,
  query: TaskListQuery,
): Promise<TaskPage> {
  const plan = planPage(userId, query);
  if (!plan) return { rows: [], nextCursor: null };
  const found = await pageStatement(db, plan, query.limit);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    found.length > query.limit && last
      ? encodeCursor({ createdAt: last.cursorAt, id: last.id })
      : null;
  return { rows: page.map(({ cursorAt: _at, ...row }) => row), nextCursor };
}
