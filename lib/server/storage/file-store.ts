// What every file backend offers: files named by an unguessable token, their bytes and a little
// metadata (media type, size, owner, creation time), read whole or one byte range at a time. A store
// is one flat namespace (a folder, or a key prefix in a bucket) and keeps nothing in memory: every
// call goes to the folder or the bucket, so instances sharing either see the same files.
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";

/** Tokens are 32 random bytes in base64url: the public URL is the only way to find a file. */
export const fileTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function newFileToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The token a put stores under: the one asked for (a derived file's, e.g. a thumbnail) or a new one. */
export function putToken(options: Pick<PutOptions, "token">): string {
  if (options.token === undefined) return newFileToken();
  if (!fileTokenPattern.test(options.token)) throw new Error("put: not a file token");
  return options.token;
}

/** Only media types are ever stored, so only media types are ever served. */
export const storedMediaTypePattern = /^(?:image|video|audio)\/[a-z0-9][a-z0-9.+-]*$/;

export const fileMetaSchema = z.object({
  contentType: z.string().regex(storedMediaTypePattern),
  size: z.number().int().nonnegative(),
  ownerId: z.string(),
  createdAt: z.iso.datetime(),
});
export type FileMeta = z.infer<typeof fileMetaSchema>;

export interface StoredFile extends FileMeta {
  token: string;
}

/** Inclusive byte offsets, as in `Range: bytes=start-end`. */
export interface ByteSpan {
  start: number;
  end: number;
}

export interface PutOptions {
  contentType: string;
  ownerId: string;
  /** Defaults to now. */
  createdAt?: number;
  /** Cancels a put in progress; nothing is left behind. */
  signal?: AbortSignal;
  /**
   * Stores under this token instead of a new one, replacing what is there: for files derived from
   * another (a thumbnail), whose token is computed from the original's so every instance finds it.
   */
  token?: string;
}

export interface SweepOptions {
  now: number;
  /** Which complete files to delete; none when absent (only leftovers of interrupted puts go). */
  isExpired?: (file: StoredFile) => boolean;
  /** Files whose metadata cannot be read are deleted once this old; kept when absent. */
  unreadableMaxAgeMs?: number;
}

export interface FileStore {
  /** Where the files are ("local:/srv/files/uploads", "s3://bucket/uploads/"), for logs and schedules. */
  readonly id: string;
  /**
   * Stores the bytes under a new token. A file can be found only once complete; a put that fails
   * (a stream that errors, an abort, a backend refusal) leaves nothing behind.
   */
  put(body: Uint8Array | ReadableStream<Uint8Array>, options: PutOptions): Promise<StoredFile>;
  /** The metadata of a complete file; undefined for an unknown or malformed token. */
  stat(token: string): Promise<StoredFile | undefined>;
  /**
   * The bytes (a span of them when given); undefined when the file is gone. `signal` is the
   * reader's request: when it goes away the file is closed at once, not when memory is collected.
   */
  read(
    token: string,
    span?: ByteSpan,
    signal?: AbortSignal,
  ): Promise<ReadableStream<Uint8Array> | undefined>;
  /** Deletes a file; deleting one that is not there is not an error. */
  delete(token: string): Promise<void>;
  /** Every complete file with readable metadata. */
  list(): AsyncIterable<StoredFile>;
  /** Deletes expired files and what interrupted puts left; throws naming what it could not delete. */
  sweep(options: SweepOptions): Promise<void>;
}

/** A backend's own size limit (a single S3 PUT takes at most 5 GiB). */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file: larger than this storage takes in one piece (${maxBytes} bytes)`);
    this.name = "FileTooLargeError";
  }
}

/**
 * Copies a body to `write`, chunk by chunk, and answers how many bytes it wrote. Past `maxBytes`
 * the source is cancelled and FileTooLargeError thrown; an error while writing cancels it too.
 */
export async function copyBody(
  body: Uint8Array | ReadableStream<Uint8Array>,
  write: (chunk: Uint8Array) => Promise<void>,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<number> {
  if (body instanceof Uint8Array) {
    if (body.byteLength > maxBytes) throw new FileTooLargeError(maxBytes);
    await write(body);
    return body.byteLength;
  }
  const reader = body.getReader();
  let total = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new FileTooLargeError(maxBytes);
      await write(value);
    }
    finished = true;
    return total;
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The message of an unknown error, for a log line. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
