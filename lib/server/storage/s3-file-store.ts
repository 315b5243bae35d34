// Files as objects in an S3-compatible bucket (AWS S3, MinIO, R2, …): <prefix><token>, with the
// media type as the object's Content-Type and the owner and creation time as x-amz-meta-* headers.
// Requests are signed with aws4fetch (SigV4) and sent once with fetch (no retries: a failed call
// fails the serve or the copy, and the caller decides); five calls are all we need.
import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { AwsClient } from "aws4fetch";
import {
  copyBody,
  fileMetaSchema,
  fileTokenPattern,
  FileTooLargeError,
  putToken,
  type ByteSpan,
  type FileStore,
  type StoredFile,
  type SweepOptions,
} from "./file-store";

export interface S3Settings {
  bucket: string;
  /** e.g. http://127.0.0.1:9000 for MinIO; unset: AWS (https://s3.<region>.amazonaws.com). */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (endpoint/bucket/key) instead of the host name (bucket.endpoint/key). */
  forcePathStyle: boolean;
  /** The largest object a put may create; S3's single-PUT limit (5 GiB) unless lower. */
  maxPutBytes?: number;
  /** Sends the signed requests; the global fetch unless a test routes them itself. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** The largest object one PUT may create (S3's limit). */
const maxS3PutBytes = 5 * 1024 ** 3;

// Metadata calls are small; a bucket that does not answer them in this time is down.
const metadataTimeoutMs = 30_000;
// How many objects a list looks at concurrently (one HEAD each, for the owner and creation time).
const headConcurrency = 8;

interface ListedObject {
  token: string;
  lastModified: number;
}

const xmlEntities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) {
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return xmlEntities[entity] ?? whole;
  });
}

/** The text of the first <tag> inside `xml`. */
function xmlField(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match ? decodeXml(match[1] ?? "") : undefined;
}

async function failure(res: Response, what: string): Promise<Error> {
  const body = await res.text().catch(() => "");
  const code = xmlField(body, "Code") ?? res.statusText;
  return new Error(`S3 ${what}: ${res.status} ${code}`.trim());
}

/** Passes `length` bytes on after skipping `skip`, then ends the stream. */
function sliceBytes(skip: number, length: number): TransformStream<Uint8Array, Uint8Array> {
  let position = 0;
  const end = skip + length;
  return new TransformStream({
    transform(chunk, controller) {
      const from = Math.max(0, skip - position);
      const to = Math.min(chunk.byteLength, end - position);
      position += chunk.byteLength;
      if (to > from) controller.enqueue(chunk.subarray(from, to));
      if (position >= end) controller.terminate();
    },
  });
}

/** Runs `work` on each item, at most `limit` at a time, keeping the order. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The store under `prefix` ("uploads/") in the bucket `settings` names. */
export function s3FileStore(settings: S3Settings, prefix: string): FileStore {
  const aws = new AwsClient({
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    region: settings.region,
    service: "s3",
  });
  const fetchImpl = settings.fetch ?? fetch;
  const maxPutBytes = Math.min(settings.maxPutBytes ?? maxS3PutBytes, maxS3PutBytes);
  const send = async (url: URL, init: RequestInit = {}): Promise<Response> => {
    const signed = await aws.sign(url, init);
    return fetchImpl(signed.url, {
      method: signed.method,
      headers: signed.headers,
      body: signed.body,
      signal: init.signal,
      cache: "no-store",
      ...(signed.body ? { duplex: "half" } : {}),
    });
  };
  const endpoint = new URL(settings.endpoint ?? `https://s3.${settings.region}.amazonaws.com`);
  const bucketUrl = settings.forcePathStyle
    ? new URL(`${endpoint.pathname.replace(/\/+$/, "")}/${settings.bucket}/`, endpoint)
    : new URL(`${endpoint.protocol}//${settings.bucket}.${endpoint.host}/`);
  const objectUrl = (token: string) => new URL(`${prefix}${token}`, bucketUrl);
  const timeout = () => AbortSignal.timeout(metadataTimeoutMs);

  async function head(token: string): Promise<StoredFile | undefined> {
    if (!fileTokenPattern.test(token)) return undefined;
    const res = await send(objectUrl(token), { method: "HEAD", signal: timeout() });
    if (res.status === 404) return undefined;
    if (!res.ok) throw await failure(res, `HEAD ${prefix}${token}`);
    let ownerId: string;
    try {
      ownerId = decodeURIComponent(res.headers.get("x-amz-meta-owner") ?? "");
    } catch {
      return undefined;
    }
    const meta = fileMetaSchema.safeParse({
      contentType: res.headers.get("content-type"),
      size: Number(res.headers.get("content-length")),
      ownerId,
      createdAt: res.headers.get("x-amz-meta-created-at"),
    });
    return meta.success ? { token, ...meta.data } : undefined;
  }

  /** Every object under the prefix whose name is a token (ListObjectsV2, page by page). */
  async function listObjects(): Promise<ListedObject[]> {
    const found: ListedObject[] = [];
    let continuation: string | undefined;
    do {
      const url = new URL(bucketUrl);
      url.searchParams.set("list-type", "2");
      url.searchParams.set("prefix", prefix);
      if (continuation) url.searchParams.set("continuation-token", continuation);
      const res = await send(url, { signal: timeout() });
      if (!res.ok) throw await failure(res, `LIST ${prefix}`);
      const xml = await res.text();
      for (const [, contents = ""] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const token = (xmlField(contents, "Key") ?? "").slice(prefix.length);
        if (!fileTokenPattern.test(token)) continue;
        found.push({ token, lastModified: Date.parse(xmlField(contents, "LastModified") ?? "") });
      }
      continuation =
        xmlField(xml, "IsTruncated") === "true"
          ? xmlField(xml, "NextContinuationToken")
          : undefined;
    } while (continuation);
    return found;
  }

  async function remove(token: string): Promise<void> {
    if (!fileTokenPattern.test(token)) return;
    const res = await send(objectUrl(token), { method: "DELETE", signal: timeout() });
    if (!res.ok && res.status !== 404) throw await failure(res, `DELETE ${prefix}${token}`);
  }

  /** One PUT of `size` bytes. */
  async function putObject(
    token: string,
    body: Uint8Array | ReadableStream<Uint8Array>,
    size: number,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<void> {
    const res = await send(objectUrl(token), {
      method: "PUT",
      headers: { ...headers, "content-length": String(size) },
      body: body as BodyInit,
      signal,
    });
    if (!res.ok) throw await failure(res, `PUT ${prefix}${token}`);
    await res.body?.cancel().catch(() => {});
  }

  /** A stream's length is known only at its end: spool it to a temporary file first. */
  async function putStream(
    token: string,
    body: ReadableStream<Uint8Array>,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<number> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "studio-s3-put-"));
    const spool = path.join(dir, "body");
    try {
      const handle = await fs.open(spool, "w", 0o600);
      let size: number;
      try {
        size = await copyBody(
          body,
          async (chunk) => {
            signal?.throwIfAborted();
            await handle.writeFile(chunk);
          },
          maxPutBytes,
        );
      } finally {
        await handle.close();
      }
      signal?.throwIfAborted();
      const file = await fs.open(spool, "r");
      try {
        const stream = Readable.toWeb(file.createReadStream()) as ReadableStream<Uint8Array>;
        await putObject(token, stream, size, headers, signal);
      } finally {
        await file.close().catch(() => {});
      }
      return size;
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  return {
    id: `s3://${settings.bucket}/${prefix}`,

    async put(body, options) {
      const token = putToken(options);
      const createdAt = new Date(options.createdAt ?? Date.now()).toISOString();
      const headers = {
        "content-type": options.contentType,
        "x-amz-meta-owner": encodeURIComponent(options.ownerId),
        "x-amz-meta-created-at": createdAt,
      };
      let size: number;
      if (body instanceof Uint8Array) {
        if (body.byteLength > maxPutBytes) throw new FileTooLargeError(maxPutBytes);
        size = body.byteLength;
        await putObject(token, body, size, headers, options.signal);
      } else {
        size = await putStream(token, body, headers, options.signal);
      }
      return { token, contentType: options.contentType, size, ownerId: options.ownerId, createdAt };
    },

    stat: head,

    async read(token, span?: ByteSpan, signal?: AbortSignal) {
      if (!fileTokenPattern.test(token)) return undefined;
      const headers: Record<string, string> = span
        ? { range: `bytes=${span.start}-${span.end}` }
        : {};
      const res = await send(objectUrl(token), { headers, ...(signal && { signal }) });
      if (res.status === 404) {
        await res.body?.cancel().catch(() => {});
        return undefined;
      }
      if (!res.ok) throw await failure(res, `GET ${prefix}${token}`);
      const body = res.body ?? new Blob([]).stream();
      if (!span) return body;
      // Some S3-compatible servers answer more than the range asked for (s3rver: all of
      // `bytes=0-0`; any server may ignore Range and answer 200): cut out exactly the span.
      const answered = /^bytes (\d+)-/.exec(res.headers.get("content-range") ?? "");
      const from = res.status === 206 && answered ? Number(answered[1]) : 0;
      if (from > span.start) {
        await body.cancel().catch(() => {});
        throw new Error(`S3 GET ${prefix}${token}: answered a range starting at ${from}`);
      }
      return body.pipeThrough(sliceBytes(span.start - from, span.end - span.start + 1));
    },

    delete: remove,

    async *list() {
      const objects = await listObjects();
      for (let at = 0; at < objects.length; at += headConcurrency * 4) {
        const batch = objects.slice(at, at + headConcurrency * 4);
        for (const file of await mapConcurrently(batch, headConcurrency, (o) => head(o.token))) {
          if (file) yield file;
        }
      }
    },

    async sweep({ now, isExpired, unreadableMaxAgeMs }: SweepOptions) {
      // A PUT is atomic, so there are no leftovers: only expired or unreadable objects go.
      if (!isExpired && unreadableMaxAgeMs === undefined) return;
      const failures: string[] = [];
      await mapConcurrently(await listObjects(), headConcurrency, async (object) => {
        try {
          const file = await head(object.token);
          const expired = file
            ? (isExpired?.(file) ?? false)
            : unreadableMaxAgeMs !== undefined && now - object.lastModified >= unreadableMaxAgeMs;
          if (expired) await remove(object.token);
        } catch (error) {
          failures.push(`${object.token} (${error instanceof Error ? error.message : "error"})`);
        }
      });
      if (failures.length > 0) throw new Error(`could not delete ${failures.join(", ")}`);
    },
  };
}
