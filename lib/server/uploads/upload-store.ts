// Uploaded inputs in the "uploads" file store (on disk: FILES_DIR/uploads/<token> plus a
// <token>.json sidecar; FILES_DIR defaults to DATA_DIR). The token is 32 random bytes, so the public
// URL is the only way to find a file. An upload lives UPLOAD_RETENTION_DAYS (then it is gone and an
// hourly sweep frees its space), and the uploads a user still has may take UPLOAD_QUOTA_MB together.
import "server-only";
import { getEnv } from "@/lib/env";
import { uploadContentTypes, type UploadContentType } from "@/lib/schemas/tasks";
import { ApiError } from "@/lib/server/api-error";
import { fileTokenPattern, type FileStore, type StoredFile } from "@/lib/server/storage/file-store";
import { getFileStore } from "@/lib/server/storage/get-file-store";
import { sweepHourly } from "@/lib/server/storage/sweep-hourly";

export const uploadTokenPattern = fileTokenPattern;

const dayMs = 24 * 60 * 60 * 1000;
const megabyte = 1024 * 1024;

export interface StoredUpload {
  token: string;
  contentType: UploadContentType;
  size: number;
  userId: string;
  createdAt: string;
}

export function uploadStore(): FileStore {
  return getFileStore("uploads");
}

const retentionMs = () => getEnv().UPLOAD_RETENTION_DAYS * dayMs;

/** When an upload stops being served. */
export function uploadExpiresAt(upload: Pick<StoredUpload, "createdAt">): number {
  return Date.parse(upload.createdAt) + retentionMs();
}

const isExpired = (file: Pick<StoredFile, "createdAt">, now: number) =>
  uploadExpiresAt(file) <= now;

const isUploadType = (type: string): type is UploadContentType =>
  (uploadContentTypes as readonly string[]).includes(type);

/** An upload as the store holds it; undefined when its type is not one uploads may have. */
function asUpload(file: StoredFile): StoredUpload | undefined {
  if (!isUploadType(file.contentType)) return undefined;
  const { token, contentType, size, ownerId, createdAt } = file;
  return { token, contentType, size, userId: ownerId, createdAt };
}

/**
 * Bytes held by a user's uploads that have not expired. This reads every upload's metadata (on
 * disk, one small file per upload) on every upload: fine for thousands of uploads (they expire
 * within days); past that, keep the sizes in the database instead.
 */
export async function usedUploadBytes(
  userId: string,
  store = uploadStore(),
  now = Date.now(),
): Promise<number> {
  let used = 0;
  for await (const file of store.list()) {
    const upload = asUpload(file);
    if (upload?.userId === userId && !isExpired(upload, now)) used += upload.size;
  }
  return used;
}

const inMegabytes = (bytes: number) => `${(bytes / megabyte).toFixed(1)} MB`;

async function assertWithinQuota(userId: string, size: number, store: FileStore, now: number) {
  const { UPLOAD_QUOTA_MB: quotaMb, UPLOAD_RETENTION_DAYS: days } = getEnv();
  const used = await usedUploadBytes(userId, store, now);
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

// The quota check and the write run one at a time per user within a process, so parallel uploads
// cannot all fit in the same free space. Instances sharing a store each keep their own queue: at
// worst, uploads racing through different instances pass the quota by a file each.
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

/**
 * Refuses with 413 when the user's uploads would pass the quota, then stores the bytes: a file is
 * servable only once complete.
 */
export async function saveUpload(
  bytes: Uint8Array,
  contentType: UploadContentType,
  userId: string,
  store = uploadStore(),
  now = Date.now(),
): Promise<StoredUpload> {
  sweepExpiredUploadsHourly(store, now);
  return oneAtATime(userId, async () => {
    await assertWithinQuota(userId, bytes.byteLength, store, now);
    const file = await store.put(bytes, { contentType, ownerId: userId, createdAt: now });
    return { token: file.token, contentType, size: file.size, userId, createdAt: file.createdAt };
  });
}

function sweepOptions(now: number) {
  return {
    now,
    isExpired: (file: StoredFile) => isExpired(file, now),
    unreadableMaxAgeMs: retentionMs(),
  };
}

function sweepExpiredUploadsHourly(store: FileStore, now: number): void {
  sweepHourly(store, sweepOptions(now), "Upload");
}

/**
 * Deletes expired uploads and what interrupted saves left behind (on disk: `.part` files and
 * bytes without a sidecar, once an hour old). Goes on past a file it cannot delete, then throws
 * naming every such file.
 */
export async function sweepExpiredUploads(store = uploadStore(), now = Date.now()): Promise<void> {
  await store.sweep(sweepOptions(now));
}

/** The stored upload for a token; undefined for anything unknown, partial, malformed or expired. */
export async function findUpload(
  token: string,
  store = uploadStore(),
  now = Date.now(),
): Promise<StoredUpload | undefined> {
  const file = await store.stat(token);
  const upload = file && asUpload(file);
  return upload && !isExpired(upload, now) ? upload : undefined;
}
