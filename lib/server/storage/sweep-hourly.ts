// Starts a store's sweep at most once an hour per process, from the code path that adds files, so
// no timer has to run. Instances sharing a store each sweep it; a sweep tolerates another's deletes.
import "server-only";
import { logger } from "@/lib/server/logger";
import { describeError, type FileStore, type SweepOptions } from "./file-store";

const hourMs = 60 * 60 * 1000;
const sweptAt = new Map<string, number>();

/** Starts a sweep unless one started within the hour; a failed sweep is logged, never thrown. */
export function sweepHourly(store: FileStore, options: SweepOptions, what: string): void {
  const last = sweptAt.get(store.id);
  if (last !== undefined && options.now - last < hourMs) return;
  sweptAt.set(store.id, options.now);
  store.sweep(options).catch((error: unknown) => {
    logger.error(`${what} sweep failed: ${describeError(error)}`);
  });
}
