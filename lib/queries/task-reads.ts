// A read of a task view answers with what the database held when the server read it. If the
// stream (or one of the user's own edits) changed the cached view while that read was on its way,
// the answer would put the older state back and drop a task created meanwhile, and nothing would
// bring them again: the stream sends each change once. So every write to the cache is remembered
// while a read that started before it is still in flight, and is written again over that read's
// answer. Kept apart from task-cache (which knows how to write) as a small piece with its own tests.
import type { QueryCacheNotifyEvent, QueryClient, QueryKey } from "@tanstack/react-query";

export interface ReadTracker<W> {
  /** A write just made to the cache; replayed over the answers of reads already in flight. */
  record(write: W): void;
  /** Stops watching the cache. */
  stop(): void;
}

/**
 * Watches the reads of the queries `tracked` selects. `replay(queryKey, write)` writes one
 * remembered write into one query's fresh answer.
 */
export function trackReads<W>(
  client: QueryClient,
  tracked: (queryKey: QueryKey) => boolean,
  replay: (queryKey: QueryKey, write: W) => void,
): ReadTracker<W> {
  let seq = 0;
  let writes: { seq: number; write: W }[] = [];
  /** Reads in flight (by query hash): the last write made before each started. */
  const reads = new Map<string, number>();

  const forgetOld = () => {
    const oldest = Math.min(...reads.values());
    writes = writes.filter((w) => w.seq > oldest);
  };

  const onEvent = (event: QueryCacheNotifyEvent) => {
    const { query } = event;
    if (!tracked(query.queryKey)) return;
    if (event.type === "removed") {
      reads.delete(query.queryHash);
      forgetOld();
      return;
    }
    if (event.type !== "updated") return;
    const { action } = event;
    if (action.type === "fetch") {
      reads.set(query.queryHash, seq);
      return;
    }
    const startedAfter = reads.get(query.queryHash);
    if (startedAfter === undefined || query.state.fetchStatus === "fetching") return;
    // The read ended (answered, failed or was cancelled). Forgotten before replaying: the replay's
    // own writes come back through this listener.
    reads.delete(query.queryHash);
    const missed = writes.filter((w) => w.seq > startedAfter);
    forgetOld();
    if (action.type === "success" && !action.manual) {
      for (const { write } of missed) replay(query.queryKey, write);
    }
  };

  const unsubscribe = client.getQueryCache().subscribe(onEvent);
  return {
    record(write) {
      seq += 1;
      if (reads.size > 0) writes.push({ seq, write });
    },
    stop: unsubscribe,
  };
}
