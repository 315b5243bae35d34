// Uploaded inputs on disk: DATA_DIR/uploads/<token> plus a <token>.json sidecar (type, size, owner).
// The token is 32 random bytes, so the public URL is the only way to find a file. An upload lives
// UPLOAD_RETENTION_DAYS (then it is gone and an hourly sweep frees its space), and the uploads a
// user still has may take UPLOAD_QUOTA_MB together.
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { uploadContentTypes, type UploadContentType } from "@/lib/schemas/tasks";
import { ApiError } from "@/lib/server/api-error";
import { logger } from "@/lib/server/logger";

export const uploadTokenPattern = /^[A-Za-z0-9_-]{43}$/;

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;
const megabyte = 1024 * 1024;

const metaSchema = z.object({
  contentType: z.enum(uploadContentTypes),
  size: z.number().int().nonnegative(),
  userId: z.string(),
  createdAt: z.iso.datetime(),
});
export type UploadMeta = z.infer<typeof metaSchema>;

export interface StoredUpload extends UploadMeta {
  token: string;
  /** Absolute path of the bytes. */
  file: string;
}

export function uploadsDir(dataDir = getEnv().dataDir): string {
  return path.join(dataDir, "uploads");
}

function isExpired(meta: UploadMeta, now: number): boolean {
  return Date.parse(meta.createdAt) + getEnv().UPLOAD_RETENTION_DAYS * dayMs <= now;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}

/** The parsed sidecar, or undefined when it is missing or malformed. */
async function readMeta(sidecar: string): Promise<UploadMeta | undefined> {
  try {
    const meta = metaSchema.safeParse(JSON.parse(await fs.readFile(sidecar, "utf8")));
    return meta.success ? meta.data : undefined;
  } catch {
    return undefined;
  }
}

/** Names in the uploads folder; none before the first upload created it. */
async function listUploadsDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** Tokens of every complete upload (those with a sidecar). */
async function listTokens(dir: string): Promise<string[]> {
  return (await listUploadsDir(dir))
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .filter((token) => uploadTokenPattern.test(token));
}

/**
 * Bytes held by a user's uploads that have not expired. This reads every sidecar in the folder, one
 * small file per upload, on every upload: fine for thousands of uploads (they expire within days);
 * past that, keep the sizes in the database instead.
 */
export async function usedUploadBytes(
  userId: string,
  dir = uploadsDir(),
  now = Date.now(),
): Promise<number> {
  let used = 0;
  for (const token of await listTokens(dir)) {
    const meta = await readMeta(path.join(dir, `${token}.json`));
    if (meta?.userId === userId && !isExpired(meta, now)) used += meta.size;
  }
  return used;
}

const inMegabytes = (bytes: number) => `${(bytes / megabyte).toFixed(1)} MB`;

async function assertWithinQuota(userId: string, size: number, dir: string, now: number) {
  const { UPLOAD_QUOTA_MB: quotaMb, UPLOAD_RETENTION_DAYS: days } = getEnv();
  const used = await usedUploadBytes(userId, dir, now);
  if (used + size <= quotaMb * megabyte) return;
  throw new ApiError(
    413,
    "quota_exceeded",
    `file: upload quota reached — your uploads use ${inMegabytes(used)} of ${quotaMb} MB and ` +
      `this file is ${inMegabytes(size)}. Uploads are deleted ${days} ` +
      `${days === 1 ? "day" : "days"} after upload, which frees the space; until then, paste a ` +
      "public URL instead",
    { param: "file" },
  );
}

// The quota check and the write run one at a time per user, so parallel uploads cannot all fit in
// the same free space. One process owns DATA_DIR, so an in-memory queue is enough.
const userQueues = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const mine = (userQueues.get(key) ?? Promise.resolve()).then(work);
  const settled = mine.catch(() => undefined);
  userQueues.set(key, settled);
  try {
    return await mine;
  } finally {
    if (userQueues.get(key) === settled) userQueues.delete(key);
  }
}

const sweptAt = new Map<string, number>();

/** Starts a sweep unless one started within the hour; a failed sweep is logged, never thrown. */
function sweepHourly(dir: string, now: number): void {
  const last = sweptAt.get(dir);
  if (last !== undefined && now - last < hourMs) return;
  sweptAt.set(dir, now);
  sweepExpiredUploads(dir, now).catch((error: unknown) => {
    logger.error(`Upload sweep failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/**
 * Refuses with 413 when the user's uploads would pass the quota, then writes the bytes and the
 * sidecar (each via rename): a file is servable only once complete.
 */
export async function saveUpload(
  bytes: Uint8Array,
  contentType: UploadContentType,
  userId: string,
  dir = uploadsDir(),
  now = Date.now(),
): Promise<StoredUpload> {
  sweepHourly(dir, now);
  return oneAtATime(userId, async () => {
    await assertWithinQuota(userId, bytes.byteLength, dir, now);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const token = randomBytes(32).toString("base64url");
    const file = path.join(dir, token);
    const meta: UploadMeta = {
      contentType,
      size: bytes.byteLength,
      userId,
      createdAt: new Date(now).toISOString(),
    };
    await fs.writeFile(`${file}.part`, bytes, { mode: 0o600 });
    await fs.rename(`${file}.part`, file);
    await fs.writeFile(`${file}.json.part`, JSON.stringify(meta), { mode: 0o600 });
    await fs.rename(`${file}.json.part`, `${file}.json`);
    return { token, file, ...meta };
  });
}

/**
 * Deletes expired uploads (bytes first, the sidecar last, so the next sweep finishes an interrupted
 * one) and what interrupted saves left behind: `.part` files and bytes without a sidecar, once an
 * hour old. Goes on past a file it cannot delete, then throws naming every such file.
 */
export async function sweepExpiredUploads(dir = uploadsDir(), now = Date.now()): Promise<void> {
  const names = await listUploadsDir(dir);
  const present = new Set(names);
  const remove = async (name: string) => {
    try {
      await fs.unlink(path.join(dir, name));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  };
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
      if (
        name.endsWith(".part") ||
        (uploadTokenPattern.test(name) && !present.has(`${name}.json`))
      ) {
        // A save holds these for moments; an hour later it was interrupted.
        if ((await ageMs(name)) > hourMs) await remove(name);
        continue;
      }
      const token = name.endsWith(".json") ? name.slice(0, -".json".length) : "";
      if (!uploadTokenPattern.test(token)) continue;
      const meta = await readMeta(path.join(dir, name));
      const expired = meta
        ? isExpired(meta, now)
        : (await ageMs(name)) >= getEnv().UPLOAD_RETENTION_DAYS * dayMs;
      if (!expired) continue;
      await remove(token);
      await remove(name);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      failures.push(`${name.replace(/\.json$/, "")} (${reason})`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`could not delete ${failures.join(", ")}`);
  }
}

/** The stored upload for a token; undefined for anything unknown, partial, malformed or expired. */
export async function findUpload(
  token: string,
  dir = uploadsDir(),
  now = Date.now(),
): Promise<StoredUpload | undefined> {
  if (!uploadTokenPattern.test(token)) return undefined;
  const file = path.join(dir, token);
  const meta = await readMeta(`${file}.json`);
  if (!meta || isExpired(meta, now)) return undefined;
  return { token, file, ...meta };
}
