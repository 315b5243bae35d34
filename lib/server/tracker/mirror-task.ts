// Copies a finished task's outputs into our storage, so its links outlive the upstream's expiring
// URLs. The upstream's URLs stay in `response`; `outputs` records each copy (or why there is none).
import "server-only";
import { getEnv } from "@/lib/env";
import type { StoredOutput, TaskRow } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { getFileStore } from "@/lib/server/storage/get-file-store";
import { studioOrigins } from "@/lib/server/tasks/url-policy";
import { targetForTask } from "@/lib/server/tasks/task-target";
import { MirrorError, mirrorOutput } from "./mirror-output";
import { extendLease, type TaskChanges } from "./queue";
import type { WorkContext } from "./check-task";

/** Copies that failed for a passing reason are tried again this many times, a minute apart. */
const maxAttempts = 3;
const leaseMs = 60_000;

/** Reasons worth another try later; the others (too large, wrong type, blocked) are final. */
const passing = new Set(["network", "timeout", "http_status"]);

export async function mirrorTaskOutputs(ctx: WorkContext, row: TaskRow): Promise<TaskChanges> {
  const env = getEnv();
  const allowOrigins = await allowedOrigins(row);
  const earlier = row.outputs ?? [];
  const heartbeat = setInterval(() => {
    extendLease(ctx.db, row.id, ctx.owner, leaseMs).catch(() => undefined);
  }, leaseMs / 3);
  const outputs: StoredOutput[] = [];
  try {
    for (const [i, url] of row.response.entries()) {
      const done = earlier[i];
      if (done?.file && done.url === url) {
        outputs.push(done);
        continue;
      }
      try {
        const copy = await mirrorOutput(url, {
          allowOrigins,
          maxBytes: env.MIRROR_MAX_MB * 1024 * 1024,
          ownerId: row.userId,
        });
        outputs.push({ url, file: copy.token, contentType: copy.contentType, bytes: copy.bytes });
      } catch (err) {
        if (!(err instanceof MirrorError)) throw err;
        logger.warn(`task ${row.taskId}: output ${i + 1} not copied (${err.reason})`);
        const attempts = (done?.url === url ? (done.attempts ?? 1) : 0) + 1;
        outputs.push({
          url,
          file: null,
          contentType: null,
          bytes: null,
          error: err.reason,
          attempts,
        });
      }
    }
  } finally {
    clearInterval(heartbeat);
  }
  const retry = outputs.some(
    (o) => o.error && passing.has(o.error) && (o.attempts ?? 1) < maxAttempts,
  );
  return {
    outputs,
    mirrorState: retry ? "pending" : outputs.every((o) => o.file) ? "done" : "failed",
    nextCheckInMs: retry ? 60_000 : null,
    // The first attempt always shows: the task stops reading as in progress (see isSavingOutputs).
    visible: row.outputs == null || outputs.some((o) => o.file),
  };
}

/** Deletes the copies in `outputs` that the row did not already record (its lease ended in vain). */
export async function dropUnrecordedCopies(
  row: TaskRow,
  outputs: StoredOutput[] | null | undefined,
): Promise<void> {
  const recorded = new Set((row.outputs ?? []).map((o) => o.file));
  const orphans = (outputs ?? []).flatMap((o) => (o.file && !recorded.has(o.file) ? [o.file] : []));
  const store = getFileStore("outputs");
  await Promise.allSettled(orphans.map((token) => store.delete(token)));
}

/** Hosts the copy may come from although they are not public: the upstream's own, and ours. */
async function allowedOrigins(row: TaskRow): Promise<string[]> {
  const found = await targetForTask(row);
  const upstream = found.kind === "unavailable" ? [] : [new URL(found.target.baseUrl).origin];
  return [...upstream, ...(row.upstreamMode === "demo" ? studioOrigins() : [])];
}
