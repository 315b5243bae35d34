// Copies one upstream output (an image, video or audio file) into our "outputs" store, so its link
// outlives the upstream's. The URL came from the upstream, so it is treated as untrusted: http(s)
// only, redirects followed by hand and each hop checked — by spelling (the catalog's public-URL
// policy) and by what the name resolves to, at connect time too — size capped before and while
// reading, and the bytes, not the headers, decide the type. Whatever fails, nothing is kept.
import "server-only";
import dns from "node:dns";
import type { LookupAddress } from "node:dns";
import net from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { isPublicHost, publicUrlPolicy } from "@/lib/catalog";
import {
  FileTooLargeError,
  type FileStore,
  type StoredFile,
} from "@/lib/server/storage/file-store";
import { getFileStore } from "@/lib/server/storage/get-file-store";
import { sweepHourly } from "@/lib/server/storage/sweep-hourly";
import { sniffLength, sniffOutputMediaType } from "@/lib/server/uploads/sniff-media-type";

export type MirrorFailureReason =
  "too_large" | "blocked_address" | "bad_content_type" | "http_status" | "network" | "timeout";

export class MirrorError extends Error {
  constructor(
    readonly reason: MirrorFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MirrorError";
  }
}

/** What a host name resolves to (the system resolver unless a test names its own). */
export type HostLookup = (hostname: string) => Promise<LookupAddress[]>;

export interface MirrorOptions {
  /** Origins fetched whatever their address: the upstream's own file host; ours in demo mode. */
  allowOrigins: string[];
  maxBytes: number;
  ownerId: string;
  /** Aborting rejects with the signal's reason and keeps nothing. */
  signal?: AbortSignal;
  /**
   * Replaces the HTTP client. Hops are still checked before each request, but only the default
   * client also checks the address it connects to (a name re-resolved in between is not seen).
   */
  fetchImpl?: typeof fetch;
  /** The whole copy, first request to last byte stored. Default 10 minutes. */
  timeoutMs?: number;
  lookup?: HostLookup;
  /** Where the copy goes; the configured "outputs" store unless given. */
  store?: FileStore;
}

export interface MirroredOutput {
  token: string;
  contentType: string;
  bytes: number;
}

const maxRedirects = 5;
const defaultTimeoutMs = 10 * 60 * 1000;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

const systemLookup: HostLookup = (hostname) =>
  dns.promises.lookup(hostname, { all: true, verbatim: true });

function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  return isPublicHost(new URL(family === 6 ? `http://[${address}]/` : `http://${address}/`));
}

/** Resolves `hostname` and refuses it unless every address it has is public. */
async function publicAddresses(hostname: string, lookup: HostLookup): Promise<LookupAddress[]> {
  const addresses = await lookup(hostname);
  if (addresses.length === 0) {
    throw new MirrorError("network", `${hostname} does not resolve`);
  }
  if (!addresses.every((a) => isPublicAddress(a.address))) {
    throw new MirrorError("blocked_address", `${hostname} resolves to a non-public address`);
  }
  return addresses;
}

/** net.connect's `lookup`, refusing non-public addresses where the connection is made. */
function guardedConnectLookup(lookup: HostLookup): net.LookupFunction {
  return (hostname, options, callback) => {
    const family =
      options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : (options.family ?? 0);
    publicAddresses(hostname, lookup).then(
      (found) => {
        const usable = family ? found.filter((a) => a.family === family) : found;
        const first = usable[0];
        if (!first) {
          callback(new MirrorError("network", `${hostname}: no usable address`), "");
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: Error) => callback(error, ""),
    );
  };
}

/** The MirrorError an error stands for, searching `cause` chains (fetch wraps what it met). */
function mirrorErrorIn(error: unknown): MirrorError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof MirrorError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Our storage refused or failed: not the file host's doing, so thrown on as it is. */
class StoreFailure extends Error {
  constructor(readonly cause: unknown) {
    super("storage failed");
  }
}

function parseHop(location: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch {
    throw new MirrorError("blocked_address", "not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MirrorError("blocked_address", `${url.protocol} URLs are not fetched`);
  }
  return url;
}

/**
 * Copies the file at `url` into the outputs store and answers its token, sniffed type and size.
 * Fails with MirrorError: too_large (declared or read past maxBytes), blocked_address (a hop that is
 * not http(s) or leads to a non-public address outside allowOrigins), bad_content_type (not an
 * image, video or audio file by its bytes), http_status (an error status, a redirect without a
 * Location, more than 5 redirects), network, timeout. Storage failures are thrown as they are.
 */
export async function mirrorOutput(url: string, options: MirrorOptions): Promise<MirroredOutput> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const lookup = options.lookup ?? systemLookup;
  const policy = publicUrlPolicy({ allowOrigins: options.allowOrigins });
  const allowed = new Set(options.allowOrigins.map((origin) => new URL(origin).origin));
  // One agent per copy: its connections resolve through the guard and end with the copy.
  const guarded = options.fetchImpl
    ? undefined
    : new Agent({ connect: { lookup: guardedConnectLookup(lookup) } });

  /** What a failure means to the caller: its own abort, our timeout, or a MirrorError. */
  const explain = (error: unknown): unknown => {
    if (options.signal?.aborted) return options.signal.reason;
    const known = mirrorErrorIn(error);
    if (known) return known;
    if (timeout.aborted) return new MirrorError("timeout", "the copy took too long");
    if (error instanceof FileTooLargeError) {
      return new MirrorError("too_large", error.message, { cause: error });
    }
    return new MirrorError("network", "the file could not be fetched", { cause: error });
  };

  const request = async (hop: URL): Promise<Response> => {
    const init = {
      redirect: "manual" as const,
      signal,
      headers: { accept: "image/*, video/*, audio/*", "accept-encoding": "identity" },
    };
    if (options.fetchImpl) return options.fetchImpl(hop.href, init);
    const dispatcher = allowed.has(hop.origin) ? undefined : guarded;
    return (await undiciFetch(hop.href, { ...init, dispatcher })) as unknown as Response;
  };

  const fetchFollowing = async (): Promise<Response> => {
    let hop = parseHop(url);
    for (let redirects = 0; ; redirects++) {
      if (policy(hop, "url")) {
        throw new MirrorError("blocked_address", `${hop.host} is not a public address`);
      }
      const host = hop.hostname.replace(/^\[|\]$/g, "");
      if (!allowed.has(hop.origin) && net.isIP(host) === 0) await publicAddresses(host, lookup);
      const res = await request(hop);
      if (!redirectStatuses.has(res.status)) return res;
      await res.body?.cancel().catch(() => {});
      const location = res.headers.get("location");
      if (!location) throw new MirrorError("http_status", `${res.status} without a Location`);
      if (redirects === maxRedirects) {
        throw new MirrorError("http_status", `more than ${maxRedirects} redirects`);
      }
      hop = parseHop(location, hop);
    }
  };

  try {
    const res = await fetchFollowing();
    if (res.status !== 200 && res.status !== 203) {
      await res.body?.cancel().catch(() => {});
      throw new MirrorError("http_status", `the file host answered ${res.status}`);
    }
    const declared = res.headers.get("content-length");
    if (declared !== null && /^\d+$/.test(declared) && Number(declared) > options.maxBytes) {
      await res.body?.cancel().catch(() => {});
      throw new MirrorError("too_large", `${declared} bytes, more than ${options.maxBytes}`);
    }
    const body = await sniffedBody(res, options.maxBytes, explain);
    const store = options.store ?? getFileStore("outputs");
    sweepHourly(store, { now: Date.now() }, "Output");
    let file: StoredFile;
    try {
      file = await store.put(body.stream, {
        contentType: body.contentType,
        ownerId: options.ownerId,
        signal,
      });
    } catch (error) {
      const ours = signal.aborted || mirrorErrorIn(error) || error instanceof FileTooLargeError;
      throw ours ? error : new StoreFailure(error);
    }
    return { token: file.token, contentType: file.contentType, bytes: file.size };
  } catch (error) {
    throw error instanceof StoreFailure ? error.cause : explain(error);
  } finally {
    if (guarded) void guarded.destroy().catch(() => {});
  }
}

/**
 * Reads enough of the body to tell its type and refuses anything but media; answers the whole
 * body again as a stream that errors (with a MirrorError) past `maxBytes` or when the source fails.
 */
async function sniffedBody(
  res: Response,
  maxBytes: number,
  explain: (error: unknown) => unknown,
): Promise<{ contentType: string; stream: ReadableStream<Uint8Array> }> {
  if (!res.body) throw new MirrorError("bad_content_type", "an empty body");
  const reader = res.body.getReader();
  let total = 0;
  const tooLarge = () => new MirrorError("too_large", `more than ${maxBytes} bytes`);
  const head: Uint8Array[] = [];
  try {
    while (total < sniffLength) {
      const { done, value } = await reader.read();
      if (done) break;
      head.push(value);
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge();
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  const first = new Uint8Array(total);
  let offset = 0;
  for (const chunk of head) {
    first.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const contentType = sniffOutputMediaType(first.subarray(0, sniffLength));
  if (!contentType) {
    await reader.cancel().catch(() => {});
    throw new MirrorError("bad_content_type", "not an image, video or audio file");
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.byteLength > 0) controller.enqueue(first);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        total += value.byteLength;
        if (total > maxBytes) throw tooLarge();
        controller.enqueue(value);
      } catch (error) {
        await reader.cancel().catch(() => {});
        controller.error(explain(error));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { contentType, stream };
}

/** Deletes a stored file (a mirrored output or an upload); a token that is not stored is fine. */
export async function deleteStoredFile(token: string): Promise<void> {
  await Promise.all([getFileStore("outputs").delete(token), getFileStore("uploads").delete(token)]);
}
