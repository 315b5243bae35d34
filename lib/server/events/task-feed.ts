// Task changes as they happen, for the live-update stream. Whoever changes a task in this process
// publishes it here; changes other instances make (they share the database) are found by a poller
// that reads recently updated rows and recent deletions (task_deletions) about once a second, only
// while this process has a subscriber. Subscribers (one per open browser tab) get the changes of
// their own user, each version once, and each deletion once.
import "server-only";
import { EventEmitter } from "node:events";
import { and, asc, gte, inArray, sql } from "drizzle-orm";
import { getDb, type Database } from "@/lib/server/db";
import { tasks, type TaskRow } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { readTaskDeletions, type TaskDeletion } from "./task-deletions";

/** How often the database is read for changes made elsewhere. */
export const feedPollMs = 1_000;
/**
 * How far each read reaches back before the previous one. `updated_at` is the writer's
 * transaction start, so a row can commit after later-stamped ones; a change whose transaction ran
 * longer than this would be missed by other instances.
 */
export const feedOverlapMs = 5_000;
/** Rows per read; a busier second is continued from the last row read. */
const feedBatch = 1_000;

type Listener = (row: TaskRow) => void;
/** Told the public id of a task its owner deleted. */
type DeletionListener = (taskId: string) => void;

interface Poller {
  /** Bumped on every start and stop: a read that outlives its poller is dropped. */
  generation: number;
  timer: NodeJS.Timeout | undefined;
  /** Lower bound of the next read (rows with updated_at at or after it), from the database's clock. */
  since: Date | undefined;
}

interface FeedState {
  emitter: EventEmitter;
  /** Open subscriptions per user id. */
  subscribers: Map<string, number>;
  /** The newest version sent of each task row: its updated_at and what its list item shows. */
  sent: Map<string, { at: number; signature: string }>;
  /** Deletions sent (by deletionKey): when each task was deleted, from the database's clock. */
  deleted: Map<string, number>;
  poller: Poller;
}

// On globalThis: Next may load this module more than once (route bundles, instrumentation), and
// the tracker and the stream route must meet in one feed with one poller per process.
const globalForFeed = globalThis as unknown as { studioTaskFeedState?: FeedState };

function feed(): FeedState {
  if (!globalForFeed.studioTaskFeedState) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalForFeed.studioTaskFeedState = {
      emitter,
      subscribers: new Map(),
      sent: new Map(),
      deleted: new Map(),
      poller: { generation: 0, timer: undefined, since: undefined },
    };
  }
  return globalForFeed.studioTaskFeedState;
}

const channel = (userId: string) => `user:${userId}`;
const deletions = (userId: string) => `deleted:${userId}`;
const deletionKey = (userId: string, taskId: string) => `${userId}\u0000${taskId}`;

/** What a reader can see of a version (two writes within one millisecond share updated_at). */
function signatureOf(row: TaskRow): string {
  return JSON.stringify([
    row.taskId,
    row.status,
    row.response,
    row.consumedCredits,
    row.errorMessage,
    row.trackingState,
    row.trackingNote,
    row.nextCheckAt?.getTime() ?? null,
    row.mirrorState,
    row.outputs?.map((o) => o.file),
    row.favorite,
    row.title,
  ]);
}

/**
 * Sends a row version to its user's subscribers unless it was sent already (same id, updated_at
 * and content) or something newer was (a read that started before a local publish, say).
 */
function offer(state: FeedState, row: TaskRow): void {
  if (!state.subscribers.has(row.userId)) return;
  const at = row.updatedAt.getTime();
  // A read that started before the task was deleted must not bring it back.
  const deletedAt = state.deleted.get(deletionKey(row.userId, row.taskId));
  if (deletedAt !== undefined && deletedAt >= at) return;
  const signature = signatureOf(row);
  const last = state.sent.get(row.id);
  if (last && (last.at > at || (last.at === at && last.signature === signature))) return;
  state.sent.set(row.id, { at, signature });
  state.emitter.emit(channel(row.userId), row);
}

/** Tells subscribers that a task changed (the row as stored now, updated_at included). */
export function publishTaskChange(row: TaskRow): void {
  offer(feed(), row);
}

/** Sends a deletion to its user's subscribers unless it was sent already (published, then read). */
function offerDeletion(state: FeedState, deletion: TaskDeletion): void {
  if (!state.subscribers.has(deletion.userId)) return;
  const key = deletionKey(deletion.userId, deletion.taskId);
  const at = deletion.deletedAt.getTime();
  const last = state.deleted.get(key);
  if (last !== undefined && last >= at) return;
  state.deleted.set(key, at);
  state.emitter.emit(deletions(deletion.userId), deletion.taskId);
}

/**
 * Tells the user's subscribers in this process that a task is gone (the deletion as recorded in
 * task_deletions; other instances' pollers read it there).
 */
export function publishTaskDeletion(deletion: TaskDeletion & { id: string }): void {
  const state = feed();
  state.sent.delete(deletion.id);
  offerDeletion(state, deletion);
}

async function databaseNow(db: Database): Promise<number> {
  // A number in both drivers (PGlite answers { rows }, postgres-js an array of rows).
  const result: unknown = await db.execute(
    sql`select (extract(epoch from now()) * 1000)::float8 as ms`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] }).rows;
  const ms = Number((rows?.[0] as { ms?: unknown } | undefined)?.ms);
  if (!Number.isFinite(ms)) throw new Error("the database did not tell its time");
  return ms;
}

async function pollOnce(state: FeedState, generation: number): Promise<void> {
  const users = [...state.subscribers.keys()];
  if (users.length === 0) return;
  const db = await getDb();
  const now = await databaseNow(db);
  const since = state.poller.since ?? new Date(now - feedOverlapMs);
  const [rows, gone] = await Promise.all([
    db
      .select()
      .from(tasks)
      .where(and(gte(tasks.updatedAt, since), inArray(tasks.userId, users)))
      .orderBy(asc(tasks.updatedAt), asc(tasks.id))
      .limit(feedBatch),
    readTaskDeletions(db, users, since, feedBatch),
  ]);
  if (generation !== state.poller.generation) return;
  // Deletions first: a version of a task read in the same round is then not sent at all.
  for (const deletion of gone) offerDeletion(state, deletion);
  for (const row of rows) offer(state, row);
  // A full batch is continued from its last row; otherwise the next read overlaps this one.
  const resumeAt = (stamps: Date[]) =>
    stamps.length === feedBatch ? stamps.at(-1)!.getTime() : now - feedOverlapMs;
  state.poller.since = new Date(
    Math.min(resumeAt(rows.map((r) => r.updatedAt)), resumeAt(gone.map((d) => d.deletedAt))),
  );
  // Versions and deletions older than any later read can reach need no remembering.
  const forgetBefore = Math.min(state.poller.since.getTime(), now - 2 * feedOverlapMs);
  for (const [id, version] of state.sent) {
    if (version.at < forgetBefore) state.sent.delete(id);
  }
  for (const [key, at] of state.deleted) {
    if (at < forgetBefore) state.deleted.delete(key);
  }
}

function schedule(state: FeedState, generation: number, delayMs: number): void {
  const timer = setTimeout(() => {
    pollOnce(state, generation)
      .catch((err: unknown) => {
        logger.warn(`task feed: reading changes failed: ${(err as Error).message}`);
      })
      .finally(() => {
        if (generation === state.poller.generation) schedule(state, generation, feedPollMs);
      });
  }, delayMs);
  timer.unref();
  state.poller.timer = timer;
}

function startPolling(state: FeedState): void {
  if (state.poller.timer) return;
  state.poller.generation += 1;
  state.poller.since = undefined;
  schedule(state, state.poller.generation, 0);
}

function stopPolling(state: FeedState): void {
  clearTimeout(state.poller.timer);
  state.poller.generation += 1;
  state.poller.timer = undefined;
  state.poller.since = undefined;
  state.sent.clear();
  state.deleted.clear();
}

/** A listener that throws must not break the publisher (the tracker) or the other subscribers. */
function guard<T>(listener: (value: T) => void): (value: T) => void {
  return (value) => {
    try {
      listener(value);
    } catch (err) {
      logger.warn(`task feed: a subscriber failed: ${(err as Error).message}`);
    }
  };
}

/**
 * Calls `listener` with every change to one user's tasks, and `onDeleted` with the id of each task
 * deleted; returns the unsubscribe function.
 */
export function subscribeToTaskChanges(
  userId: string,
  listener: Listener,
  onDeleted?: DeletionListener,
): () => void {
  const state = feed();
  const guarded = guard(listener);
  const guardedDeleted = onDeleted && guard(onDeleted);
  state.emitter.on(channel(userId), guarded);
  if (guardedDeleted) state.emitter.on(deletions(userId), guardedDeleted);
  state.subscribers.set(userId, (state.subscribers.get(userId) ?? 0) + 1);
  startPolling(state);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    state.emitter.off(channel(userId), guarded);
    if (guardedDeleted) state.emitter.off(deletions(userId), guardedDeleted);
    const left = (state.subscribers.get(userId) ?? 1) - 1;
    if (left > 0) state.subscribers.set(userId, left);
    else state.subscribers.delete(userId);
    if (state.subscribers.size === 0) stopPolling(state);
  };
}

/** For tests and health: open subscriptions in this process, and whether the poller runs. */
export function taskFeedStats(): { subscribers: number; polling: boolean } {
  const state = feed();
  let subscribers = 0;
  for (const count of state.subscribers.values()) subscribers += count;
  return { subscribers, polling: state.poller.timer !== undefined };
}
