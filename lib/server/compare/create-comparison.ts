// Creating a comparison, in the order that spends nothing on a bad column and loses nothing
// charged: every column is checked with the catalog (and the URL policy) before any task exists →
// the comparison is stored → one task per column through the same path as the mirrored routes,
// each task id written onto the row as soon as it exists.
import "server-only";
import { createHash } from "node:crypto";
import { validateRequest, type FieldError } from "@/lib/catalog";
import type { CompareRoute } from "@/lib/schemas/compare";
import { invalid } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import type { StoredComparisonColumn, User } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { toApiError } from "@/lib/server/to-api-error";
import { createTaskForUser, type ResolveUpstream } from "@/lib/server/tasks/create-task";
import { studioUrlPolicy } from "@/lib/server/tasks/url-policy";
import { getUpstreamClient } from "@/lib/server/upstream-target";
import { createChatComparison } from "./create-chat-comparison";
import { insertComparison, recordColumn, type ComparisonRow } from "./comparison-repository";

export interface CreateComparisonInput {
  route: CompareRoute;
  prompt: string;
  blind: boolean;
  columns: Record<string, unknown>[];
}

export interface CreateComparisonOptions {
  /** The request's Idempotency-Key: each column's task gets a key derived from it. */
  idempotencyKey?: string;
  resolveUpstream?: ResolveUpstream;
  /** Column order for a blind comparison; a random shuffle by default. */
  shuffle?: <T>(items: T[]) => T[];
  /** A chat comparison tells when its calls have all ended (tests wait on it). */
  onSettled?: (settled: Promise<void>) => void;
}

function columnInvalid(index: number, error: FieldError) {
  return invalid(`columns[${index}].${error.message}`, `columns[${index}].${error.field}`);
}

function randomShuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A per-column Idempotency-Key: a repeated request replays each column's task, never charges twice. */
function columnKey(key: string | undefined, index: number): string | undefined {
  if (key === undefined) return undefined;
  const digest = createHash("sha256").update(key).digest("hex").slice(0, 40);
  return `compare-${digest}-${index}`;
}

export async function createComparison(
  db: Database,
  user: Pick<User, "id">,
  input: CreateComparisonInput,
  options: CreateComparisonOptions = {},
): Promise<ComparisonRow> {
  const { route } = input;
  if (route === "chat") {
    const shuffle = input.blind ? (options.shuffle ?? randomShuffle) : <T>(items: T[]) => items;
    return createChatComparison(db, user, input, { ...options, shuffle });
  }
  const plain = input.columns.map((body, i) => {
    const checked = validateRequest(route, body);
    if (!checked.ok) throw columnInvalid(i, checked);
    return checked;
  });
  const upstream = await (options.resolveUpstream ?? getUpstreamClient)(user.id);
  const urlPolicy = studioUrlPolicy(upstream.target);
  input.columns.forEach((body, i) => {
    const checked = validateRequest(route, body, { urlPolicy });
    if (!checked.ok) throw columnInvalid(i, checked);
  });

  const prepared = plain.map((checked, i) => ({
    sentAs: i,
    column: {
      model: checked.model.slug,
      body: checked.body,
      taskId: null,
      error: null,
    } satisfies StoredComparisonColumn,
  }));
  const ordered = input.blind ? (options.shuffle ?? randomShuffle)(prepared) : prepared;
  const { row } = await insertComparison(db, {
    userId: user.id,
    route,
    prompt: input.prompt,
    blind: input.blind,
    columns: ordered.map((p) => p.column),
  });

  // All at once, as a person pressing Run on each column would: the models start together.
  const columns = await Promise.all(
    ordered.map(async ({ sentAs, column }, index): Promise<StoredComparisonColumn> => {
      let patch: Pick<StoredComparisonColumn, "taskId" | "error">;
      try {
        const { reply } = await createTaskForUser(db, user, route, column.body, {
          idempotencyKey: columnKey(options.idempotencyKey, sentAs),
          resolveUpstream: async () => upstream,
        });
        patch = { taskId: reply.data.task_id, error: null };
      } catch (err) {
        const failure = toApiError(err, "");
        patch = { taskId: null, error: { type: failure.type, message: failure.message } };
      }
      try {
        await recordColumn(db, row.id, index, patch);
      } catch {
        // The task exists either way (it is in the user's library); only the link is missing.
        logger.error(`comparison ${row.id}: storing column ${index}'s task failed`);
      }
      return { ...column, ...patch };
    }),
  );
  return { ...row, columns };
}
