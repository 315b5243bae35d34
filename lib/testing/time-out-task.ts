// A task left as the tracker leaves one it stopped asking about, without waiting out a ceiling.
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/server/db";
import { tasks } from "@/lib/server/db/schema";

/** Marks the task with this upstream id timed out: past its deadline, no next check. */
export async function timeOutTask(db: Database, taskId: string): Promise<void> {
  await db
    .update(tasks)
    .set({
      trackingState: "timed_out",
      trackingNote: "Timed out",
      nextCheckAt: null,
      deadlineAt: sql`now() - interval '1 minute'`,
    })
    .where(eq(tasks.taskId, taskId));
}
