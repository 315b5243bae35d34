// Test support for status tracking: tasks stored exactly as a status read finds them (mode, key
// fingerprint, timestamps), created for real on a simulator or naming an id it never issued.
// Creation's own bookkeeping (validation, idempotency) is left to its tests.
import "server-only";
import { randomBytes } from "node:crypto";
import { routes, type RouteId } from "@/lib/catalog";
import type { Database } from "@/lib/server/db";
import { tasks, type TaskRow } from "@/lib/server/db/schema";
import { clientFor, type UpstreamTarget } from "@/lib/server/upstream-target";
import { keyFingerprint } from "./task-target";

export interface StoredTaskInput {
  userId: string;
  taskId: string;
  /** The mode and key the task counts as created with. */
  target: Pick<UpstreamTarget, "mode" | "apiKey">;
  route?: RouteId;
  body?: Record<string, unknown>;
}

const defaultBody = { model: "flux-2", prompt: "a red fox" };

export async function storeTask(db: Database, input: StoredTaskInput): Promise<TaskRow> {
  const body = input.body ?? defaultBody;
  const [row] = await db
    .insert(tasks)
    .values({
      userId: input.userId,
      taskId: input.taskId,
      route: input.route ?? "images",
      modelSlug: typeof body.model === "string" ? body.model : "remove-bg",
      modelValue: typeof body.model === "string" ? body.model : null,
      request: body,
      status: "IN_PROGRESS",
      upstreamMode: input.target.mode,
      keyFingerprint: keyFingerprint(input.target.apiKey),
    })
    .returning();
  if (!row) throw new Error("storing the task returned no row");
  return row;
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
