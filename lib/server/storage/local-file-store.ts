// Files in one folder: <dir>/<token> holds the bytes and <dir>/<token>.json the metadata. Each is
// written as <name>.<random>.part and renamed, bytes first, so a file exists for readers only once
// complete. Put the folder on a shared volume and every instance serves every file. A sidecar
// never changes once written, so what one said is remembered for `sidecarMemoMs`: a file deleted
// through another instance may still be described here that long, but its bytes are gone and it
// answers 404 all the same. (Under load every file read waits its turn in the event loop; a
// thumbnail used to read two sidecars before its bytes.)
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import {
  copyBody,
  fileTokenPattern,
  putToken,
  storedMediaTypePattern,
  type ByteSpan,
  type FileStore,
  type PutOptions,
  type StoredFile,
  type SweepOptions,
} from "./file-store";

const hourMs = 60 * 60 * 1000;
export const sidecarMemoMs = 60_000;

/** Sidecars read or written lately, by their path; shared by every store on the same folder. */
const sidecars = new LRUCache<string, StoredFile>({ max: 20_000, ttl: sidecarMemoMs });

// The sidecar's own field names: installations from before this store have files written this way.
const sidecarSchema = z.object({
  contentType: z.string().regex(storedMediaTypePattern),
  size: z.number().int().nonnegative(),
  userId: z.string(),
  createdAt: z.iso.datetime(),
});
type Sidecar = z.infer<typeof sidecarSchema>;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}

/** The file a sidecar describes, or undefined when the sidecar is missing or malformed. */
async function readSidecar(dir: string, token: string): Promise<StoredFile | undefined> {
  const file = path.join(dir, `${token}.json`);
  const known = sidecars.get(file);
  if (known) return known;
  try {
    const parsed = sidecarSchema.safeParse(JSON.parse(await fs.readFile(file, "utf8")));
    if (!parsed.success) return undefined;
    const { userId, ...meta } = parsed.data;
    const stored = { token, ...meta, ownerId: userId };
    sidecars.set(file, stored);
    return stored;
  } catch {
    return undefined;
  }
}

/** Removes a sidecar, and forgets it. */
async function removeSidecar(sidecar: string): Promise<void> {
  sidecars.delete(sidecar);
  await removeIfPresent(sidecar);
}

/** Names in the folder; none before the first put created it. */
async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

async function removeIfPresent(file: string): Promise<void> {
  try {
    await fs.unlink(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/** Writes a file as <file>.part and renames it; a failed write removes the part. */
async function writeAtomically(
  file: string,
  body: Uint8Array | ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<number> {
  // Unique per write: two puts of one derived token (a thumbnail asked for twice at once) never
  // write into the same part file; the last rename wins with complete bytes either way.
  const part = `${file}.${randomBytes(6).toString("hex")}.part`;
  const handle = await fs.open(part, "w", 0o600);
  try {
    const size = await copyBody(body, async (chunk) => {
      signal?.throwIfAborted();
      // Writes all of it at the current position, however many calls that takes.
      await handle.writeFile(chunk);
    });
    signal?.throwIfAborted();
    await handle.close();
    await fs.rename(part, file);
    return size;
  } catch (error) {
    await handle.close().catch(() => {});
    await removeIfPresent(part).catch(() => {});
    throw error;
  }
}

/** The store in `dir` (created on the first put, owner-only). */
export function localFileStore(dir: string): FileStore {
  const root = path.resolve(dir);
  const bytesOf = (token: string) => path.join(root, token);

  async function* list(): AsyncIterable<StoredFile> {
    for (const name of await listDir(root)) {
      if (!name.endsWith(".json")) continue;
      const token = name.slice(0, -".json".length);
      if (!fileTokenPattern.test(token)) continue;
      const file = await readSidecar(root, token);
      if (file) yield file;
    }
  }

  return {
    id: `local:${root}`,

    async put(body, options: PutOptions) {
      await fs.mkdir(root, { recursive: true, mode: 0o700 });
      const token = putToken(options);
      const file = bytesOf(token);
      const size = await writeAtomically(file, body, options.signal);
      const sidecar: Sidecar = {
        contentType: options.contentType,
        size,
        userId: options.ownerId,
        createdAt: new Date(options.createdAt ?? Date.now()).toISOString(),
      };
      try {
        await writeAtomically(`${file}.json`, new TextEncoder().encode(JSON.stringify(sidecar)));
      } catch (error) {
        await removeIfPresent(file).catch(() => {});
        throw error;
      }
      const { userId, ...meta } = sidecar;
      const stored = { token, ...meta, ownerId: userId };
      sidecars.set(`${file}.json`, stored);
      return stored;
    },

    async stat(token) {
      return fileTokenPattern.test(token) ? readSidecar(root, token) : undefined;
    },

    async read(token, span?: ByteSpan, signal?: AbortSignal) {
      if (!fileTokenPattern.test(token)) return undefined;
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(bytesOf(token), "r");
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      const stream = handle.createReadStream(span && { start: span.start, end: span.end });
      // Not createReadStream's own `signal`: aborted before anyone reads, that raises an
      // AbortError nothing can catch. Destroyed here, the web stream just ends for its reader.
      if (signal) {
        const stop = () => stream.destroy();
        if (signal.aborted) stop();
        else signal.addEventListener("abort", stop, { once: true });
        stream.once("close", () => signal.removeEventListener("abort", stop));
      }
      return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    },

    async delete(token) {
      if (!fileTokenPattern.test(token)) return;
      // The sidecar first: the file stops being served at once, and bytes left by an interrupted
      // delete are an orphan the sweep removes.
      await removeSidecar(`${bytesOf(token)}.json`);
      await removeIfPresent(bytesOf(token));
    },

    list,

    sweep: (options) => sweepDir(root, options),
  };
}

/**
 * Deletes expired files (bytes first, the sidecar last, so the next sweep finishes an interrupted
 * one) and what interrupted puts left behind: `.part` files and bytes without a sidecar, once an
 * hour old. Goes on past a file it cannot delete, then throws naming every such file.
 */
async function sweepDir(dir: string, options: SweepOptions): Promise<void> {
  const { now, isExpired, unreadableMaxAgeMs } = options;
  const names = await listDir(dir);
  const present = new Set(names);
  const ageMs = async (name: string) => {
    try {
      return now - (await fs.stat(path.join(dir, name))).mtimeMs;
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
  };
  const failures: string[] = [];
  for (const name of names) {
    try {
      if (name.endsWith(".part") || (fileTokenPattern.test(name) && !present.has(`${name}.json`))) {
        // A put holds these for moments (or keeps writing to them); an hour later it was interrupted.
        if ((await ageMs(name)) > hourMs) await removeIfPresent(path.join(dir, name));
        continue;
      }
      const token = name.endsWith(".json") ? name.slice(0, -".json".length) : "";
      if (!fileTokenPattern.test(token)) continue;
      // Nothing but leftovers to find (the outputs, kept forever): no sidecar needs reading.
      if (!isExpired && unreadableMaxAgeMs === undefined) continue;
      const file = await readSidecar(dir, token);
      const expired = file
        ? (isExpired?.(file) ?? false)
        : unreadableMaxAgeMs !== undefined && (await ageMs(name)) >= unreadableMaxAgeMs;
      if (!expired) continue;
      await removeIfPresent(path.join(dir, token));
      await removeSidecar(path.join(dir, name));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      failures.push(`${name.replace(/\.json$/, "")} (${reason})`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`could not delete ${failures.join(", ")}`);
  }
}
