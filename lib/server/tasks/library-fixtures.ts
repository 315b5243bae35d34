// Test support for the library: tasks stored as the app stores them (insertTask fills the search
// words), with the creation time, model, status, cost and library fields a test names.
import "server-only";
import { randomBytes } from "node:crypto";
import { models, type RouteId } from "@/lib/catalog";
import type { Database } from "@/lib/server/db";
import { createUser } from "@/lib/server/accounts/users";
import type { NewTaskRow } from "@/lib/server/db/schema";
import { findTask, insertTask } from "./task-repository";

export interface LibraryTaskInput {
  /** Catalog slug; its route comes from the catalog. Default flux-2. */
  model?: string;
  request?: Record<string, unknown>;
  createdAt?: Date | string;
  status?: "SUBMITTING" | "IN_PROGRESS" | "SUCCESS" | "FAILED";
  credits?: number | null;
  favorite?: boolean;
  title?: string | null;
  taskId?: string;
  extra?: Partial<NewTaskRow>;
}

export async function libraryUser(db: Database): Promise<string> {
  const user = await createUser(db, {
    email: `lib-${randomBytes(6).toString("hex")}@example.test`,
  });
  return user.id;
}

/** Stores one task for `userId` and returns its public id. */
export async function putTask(
  db: Database,
  userId: string,
  input: LibraryTaskInput = {},
): Promise<string> {
  const slug = input.model ?? "flux-2";
  const entry = models.find((m) => m.slug === slug);
  if (!entry) throw new Error(`putTask: ${slug} is not in the catalog`);
  const taskId = input.taskId ?? `lib_${randomBytes(8).toString("hex")}`;
  const createdAt = input.createdAt ? new Date(input.createdAt) : new Date();
  const status = input.status ?? "SUCCESS";
  await insertTask(db, {
    userId,
    taskId,
    route: entry.route as RouteId,
    modelSlug: slug,
    modelValue: entry.modelValues[0] ?? null,
    request: input.request ?? { model: entry.modelValues[0], prompt: "a quiet morning" },
    status,
    consumedCredits: input.credits === undefined ? 2 : input.credits,
    upstreamMode: "user-key",
    keyFingerprint: "0123456789abcdef",
    createdAt,
    updatedAt: createdAt,
    favorite: input.favorite ?? false,
    title: input.title ?? null,
    trackingState: status === "SUCCESS" || status === "FAILED" ? "done" : "scheduled",
    ...input.extra,
  });
  if (!(await findTask(db, userId, taskId))) throw new Error("putTask: the row was not stored");
  return taskId;
}
