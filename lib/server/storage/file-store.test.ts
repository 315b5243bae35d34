// One contract, every backend: a folder on disk and S3 (a real S3 server on loopback, path-style
// and virtual-host style). Each case writes through one store instance and reads through another
// pointing at the same place, as two Studio instances sharing a volume or a bucket would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileTokenPattern, FileTooLargeError, type FileStore } from "./file-store";
import { localFileStore } from "./local-file-store";
import { s3FileStore, type S3Settings } from "./s3-file-store";
import { startS3TestServer, type S3TestServer } from "./s3-test-server";

interface Backend {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A new store instance over the same place each call. */
  store(): FileStore;
  /** Everything the backend holds, leftovers included (names on disk, keys in the bucket). */
  contents(): string[];
}

function localBackend(): Backend {
  let dir = "";
  return {
    name: "local folder",
    setup: async () => {
      dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "studio-file-store-")), "outputs");
    },
    teardown: async () => fs.rmSync(path.dirname(dir), { recursive: true, force: true }),
    store: () => localFileStore(dir),
    contents: () => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []),
  };
}

function s3Backend(style: "path" | "virtual-host"): Backend {
  let server: S3TestServer | undefined;
  // Virtual-host names (studio.s3.s3.test) resolve to the loopback server, and only through this
  // agent: the reserved .test domain resolves nowhere else.
  const agent = new Agent({
    connect: {
      lookup: (_host, options, callback) => {
        if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
        else callback(null, "127.0.0.1", 4);
      },
    },
  });
  const settings = (): S3Settings => {
    if (!server) throw new Error("the S3 server starts in setup");
    return {
      bucket: server.bucket,
      endpoint: style === "path" ? server.endpoint : `http://${server.vhostDomain}:${server.port}`,
      region: "us-east-1",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: style === "path",
      fetch:
        style === "path"
          ? undefined
          : async (url, init) =>
              (await undiciFetch(url, {
                ...(init as Parameters<typeof undiciFetch>[1]),
                dispatcher: agent,
              })) as unknown as Response,
    };
  };
  return {
    name: `S3 (${style} style)`,
    setup: async () => {
      server = await startS3TestServer();
    },
    teardown: async () => {
      await server?.close();
      await agent.close();
    },
    store: () => s3FileStore(settings(), "outputs/"),
    contents: () => server?.keys() ?? [],
  };
}

const counting = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 7) % 256);

/** A stream of `chunks` pieces of `chunkSize` counting bytes, erroring after `failAfter` pieces. */
function chunked(
  chunks: number,
  chunkSize: number,
  failAfter?: number,
): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === failAfter) return controller.error(new Error("source failed"));
      if (sent === chunks) return controller.close();
      controller.enqueue(
        counting(chunks * chunkSize).subarray(sent * chunkSize, (sent + 1) * chunkSize),
      );
      sent++;
    },
  });
}

async function bytesOf(stream: ReadableStream<Uint8Array> | undefined): Promise<Uint8Array> {
  if (!stream) throw new Error("no stream");
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function listed(store: FileStore): Promise<string[]> {
  const tokens: string[] = [];
  for await (const file of store.list()) tokens.push(file.token);
  return tokens.sort();
}

describe.each([localBackend(), s3Backend("path"), s3Backend("virtual-host")])(
  "$name",
  (backend) => {
    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());

    it("serves through one instance what another stored, whole and by range, until deleted", async () => {
      const writer = backend.store();
      const reader = backend.store();
      const bytes = counting(1000);
      const created = Date.parse("2030-01-02T03:04:05.000Z");
      const stored = await writer.put(bytes, {
        contentType: "audio/wav",
        ownerId: "user 1/ü",
        createdAt: created,
      });
      expect(stored.token).toMatch(fileTokenPattern);
      const expected = {
        token: stored.token,
        contentType: "audio/wav",
        size: 1000,
        ownerId: "user 1/ü",
        createdAt: "2030-01-02T03:04:05.000Z",
      };
      expect(stored).toEqual(expected);
      expect(await reader.stat(stored.token)).toEqual(expected);
      expect(await bytesOf(await reader.read(stored.token))).toEqual(bytes);
      expect(await bytesOf(await reader.read(stored.token, { start: 10, end: 19 }))).toEqual(
        bytes.subarray(10, 20),
      );
      expect(await bytesOf(await reader.read(stored.token, { start: 999, end: 999 }))).toEqual(
        bytes.subarray(999),
      );
      expect(await listed(reader)).toContain(stored.token);

      await reader.delete(stored.token);
      expect(await writer.stat(stored.token)).toBeUndefined();
      expect(await writer.read(stored.token)).toBeUndefined();
      expect(await listed(writer)).not.toContain(stored.token);
      await expect(writer.delete(stored.token)).resolves.toBeUndefined();
    });

    it("stores a stream of unknown length", async () => {
      const store = backend.store();
      const stored = await store.put(chunked(40, 1000), {
        contentType: "video/webm",
        ownerId: "u",
      });
      expect(stored.size).toBe(40_000);
      expect(await bytesOf(await backend.store().read(stored.token))).toEqual(counting(40_000));
    });

    it("leaves nothing behind when the source fails or the put is aborted", async () => {
      const before = backend.contents();
      const store = backend.store();
      await expect(
        store.put(chunked(10, 1000, 5), { contentType: "image/png", ownerId: "u" }),
      ).rejects.toThrow("source failed");
      const controller = new AbortController();
      let pulled = 0;
      const slow = new ReadableStream<Uint8Array>({
        pull(c) {
          if (++pulled === 3) controller.abort(new Error("stop"));
          c.enqueue(counting(1000));
        },
      });
      await expect(
        store.put(slow, { contentType: "image/png", ownerId: "u", signal: controller.signal }),
      ).rejects.toThrow("stop");
      expect(backend.contents()).toEqual(before);
    });

    it("stops a read at once when its reader goes away", async () => {
      const store = backend.store();
      const stored = await store.put(counting(300_000), {
        contentType: "video/webm",
        ownerId: "u",
      });
      const controller = new AbortController();
      const reader = (await store.read(stored.token, undefined, controller.signal))!.getReader();
      const first = await reader.read();
      expect(first.value?.byteLength).toBeGreaterThan(0);
      controller.abort();
      const rest = async () => {
        for (;;) if ((await reader.read()).done) return "read to the end";
      };
      await expect(rest()).rejects.toThrow();
    });

    it("a read whose reader left before it began ends quietly (no uncaught abort)", async () => {
      const store = backend.store();
      const stored = await store.put(counting(300_000), {
        contentType: "video/webm",
        ownerId: "u",
      });
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on("uncaughtException", onUncaught);
      try {
        // The browser left while the file's metadata was being read: nobody will read the body.
        // The store may refuse the read (S3's fetch does) or hand back a stream that ends.
        const body = await store
          .read(stored.token, undefined, AbortSignal.abort())
          .catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await body?.cancel().catch(() => undefined);
      } finally {
        process.off("uncaughtException", onUncaught);
      }
      expect(uncaught).toEqual([]);
    });

    it("answers nothing for unknown or malformed tokens", async () => {
      const store = backend.store();
      for (const token of ["A".repeat(43), "../secrets.json", "", "short"]) {
        expect(await store.stat(token)).toBeUndefined();
        expect(await store.read(token)).toBeUndefined();
        await expect(store.delete(token)).resolves.toBeUndefined();
      }
    });

    it("sweeps only what is expired", async () => {
      const store = backend.store();
      const old = await store.put(counting(10), {
        contentType: "image/png",
        ownerId: "u",
        createdAt: Date.parse("2030-01-01T00:00:00.000Z"),
      });
      const young = await store.put(counting(10), {
        contentType: "image/png",
        ownerId: "u",
        createdAt: Date.parse("2030-01-05T00:00:00.000Z"),
      });
      const cutoff = Date.parse("2030-01-03T00:00:00.000Z");
      await backend.store().sweep({
        now: cutoff,
        isExpired: (file) => Date.parse(file.createdAt) < cutoff,
      });
      expect(await store.stat(old.token)).toBeUndefined();
      expect(await store.stat(young.token)).toMatchObject({ size: 10 });
      // Without an expiry rule a sweep deletes no complete file.
      await backend.store().sweep({ now: cutoff + 1e12 });
      expect(await store.stat(young.token)).toMatchObject({ size: 10 });
    });
  },
);

describe("S3 single-PUT limit", () => {
  let server: S3TestServer;
  beforeAll(async () => {
    server = await startS3TestServer();
  });
  afterAll(() => server.close());

  it("refuses bodies past it, streamed or not, and stores nothing", async () => {
    const store = s3FileStore(
      {
        bucket: server.bucket,
        endpoint: server.endpoint,
        region: "us-east-1",
        accessKeyId: "S3RVER",
        secretAccessKey: "S3RVER",
        forcePathStyle: true,
        maxPutBytes: 5000,
      },
      "outputs/",
    );
    const meta = { contentType: "video/mp4", ownerId: "u" };
    await expect(store.put(chunked(10, 1000), meta)).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(store.put(counting(5001), meta)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(server.keys()).toEqual([]);
    await expect(store.put(chunked(5, 1000), meta)).resolves.toMatchObject({ size: 5000 });
  });
});
