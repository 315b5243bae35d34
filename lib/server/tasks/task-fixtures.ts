// Test support for tasks: rows stored exactly as the app stores them (mode, key fingerprint,
// timestamps, search words), with the model, status, cost, dates and library fields a test names;
// created for real on a simulator, or naming an id it never issued. Creation's own bookkeeping
// (validation, idempotency) is left to its tests.
import "server-only";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { models, routes, type RouteId } from "@/lib/catalog";
import type { Database } from "@/lib/server/db";
import { createUser } from "@/lib/server/accounts/users";
import { tasks, type NewTaskRow, type TaskRow } from "@/lib/server/db/schema";
import { leaseDueTasks } from "@/lib/server/tracker/queue";
import { clientFor, type UpstreamTarget } from "@/lib/server/upstream-target";
import { keyFingerprint } from "./task-target";
import { searchTextOf } from "./task-search";

export interface StoredTaskInput {
  userId: string;
  /** The public id; a random one by default. */
  taskId?: string;
  /** The mode and key the task counts as created with (a user key by default). */
  target?: Pick<UpstreamTarget, "mode" | "apiKey">;
  /** A catalog slug: sets the route and the model value from the catalog. */
  model?: string;
  route?: RouteId;
  body?: Record<string, unknown>;
  createdAt?: Date | string;
  /** IN_PROGRESS by default; a final one is stored as the tracker leaves it (done). */
  status?: "SUBMITTING" | "IN_PROGRESS" | "SUCCESS" | "FAILED";
  credits?: number | null;
  favorite?: boolean;
  title?: string | null;
  extra?: Partial<NewTaskRow>;
}

const defaultBody = { model: "flux-2", prompt: "a red fox" };
const defaultTarget = { mode: "user-key", apiKey: "aio_fixture_key" } as const;

/** Where the task's model and route come from: the catalog for `model`, else the body. */
function modelOf(input: StoredTaskInput) {
  if (input.model === undefined) {
    const body = input.body ?? defaultBody;
    const named = typeof body.model === "string" ? body.model : null;
    return { body, route: input.route ?? "images", slug: named ?? "remove-bg", value: named };
  }
  const entry = models.find((m) => m.slug === input.model);
  if (!entry) throw new Error(`storeTask: ${input.model} is not in the catalog`);
  const value = entry.modelValues[0] ?? null;
  const body = input.body ?? { ...(value && { model: value }), prompt: "a red fox" };
  return { body, route: entry.route, slug: entry.slug, value };
}

export async function storeTask(db: Database, input: StoredTaskInput): Promise<TaskRow> {
  const { body, route, slug, value } = modelOf(input);
  const target = input.target ?? defaultTarget;
  const status = input.status ?? "IN_PROGRESS";
  const createdAt = input.createdAt === undefined ? undefined : new Date(input.createdAt);
  const [row] = await db
    .insert(tasks)
    .values({
      userId: input.userId,
      taskId: input.taskId ?? `fx_${randomBytes(8).toString("hex")}`,
      route,
      modelSlug: slug,
      modelValue: value,
      request: body,
      status,
      consumedCredits: input.credits ?? null,
      upstreamMode: target.mode,
      keyFingerprint: keyFingerprint(target.apiKey),
      ...(createdAt && { createdAt, updatedAt: createdAt }),
      startedAt: status === "SUBMITTING" ? null : (createdAt ?? new Date()),
      favorite: input.favorite ?? false,
      title: input.title ?? null,
      searchText: searchTextOf(body),
      trackingState: status === "SUCCESS" || status === "FAILED" ? "done" : "scheduled",
      ...input.extra,
    })
    .returning();
  if (!row) throw new Error("storing the task returned no row");
  return row;
}

/** A new user to own fixture tasks; their id. */
export async function fixtureUser(db: Database): Promise<string> {
  const user = await createUser(db, {
    email: `fx-${randomBytes(6).toString("hex")}@example.test`,
  });
  return user.id;
}

/** Creates the task on `target` (a real upstream call) and stores it as created there. */
export async function createStoredTask(
  db: Database,
  userId: string,
  target: UpstreamTarget,
  body: Record<string, unknown> = defaultBody,
  route: RouteId = "images",
): Promise<TaskRow> {
  const created = await clientFor(target).createTask(routes[route].path, body);
  return storeTask(db, { userId, taskId: created.task_id, target, route, body });
}

/** A task id no upstream has issued: its status lookup answers 404 under any key. */
export function unknownTaskId(): string {
  return `gone_${randomBytes(8).toString("hex")}`;
}

/** Makes a stored task due now and takes the tracker's lease on it, as `owner` would. */
export async function leaseTaskNow(db: Database, row: TaskRow, owner: string): Promise<TaskRow> {
  await db
    .update(tasks)
    .set({ nextCheckAt: sql`clock_timestamp() - interval '1 second'` })
    .where(eq(tasks.id, row.id));
  const leased = (await leaseDueTasks(db, owner, 100, 60_000)).find((r) => r.id === row.id);
  if (!leased) throw new Error(`leaseTaskNow: task ${row.taskId} was not leased`);
  return leased;
}
