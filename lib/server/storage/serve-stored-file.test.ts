// GET /files/{token} for uploads and mirrored outputs, called as Next would call it, with the files
// in a folder (FILES_DIR) and in S3 (a real S3 server on loopback, S3_* set).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getFile, HEAD as headFile } from "@/app/files/[token]/route";
import { getEnv, setEnvForTests } from "@/lib/env";
import { expectRangeAnswer, rangeCases } from "@/lib/http/byte-range-cases";
import {
  findUpload,
  saveUpload,
  sweepExpiredUploads,
  usedUploadBytes,
} from "@/lib/server/uploads/upload-store";
import { getFileStore } from "./get-file-store";
import { startS3TestServer, type S3TestServer } from "./s3-test-server";
import { deleteThumbnails, thumbnailToken } from "./thumbnail";

const day = 24 * 60 * 60 * 1000;
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);
const wav = (() => {
  const out = new Uint8Array(1044);
  out.set(new TextEncoder().encode("RIFF\x24\x04\x00\x00WAVEfmt "));
  for (let i = 44; i < out.length; i++) out[i] = i % 256;
  return out;
})();

/** A photo-like PNG (noise does not compress: the original is large, as real ones are). */
const noisePng = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
const photo = await noisePng(1600, 900);
const small = await noisePng(200, 100);

function fileRequest(token: string, init: RequestInit = {}, query = "") {
  const handler = init.method === "HEAD" ? headFile : getFile;
  return handler(new Request(`http://localhost:3000/files/${token}${query}`, init), {
    params: Promise.resolve({ token }),
  });
}

async function imageSize(res: Response) {
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  return { format: meta.format, width: meta.width, height: meta.height };
}

interface Setup {
  name: string;
  vars(): Record<string, string>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-serve-files-"));
let s3: S3TestServer | undefined;

const setups: Setup[] = [
  {
    name: "FILES_DIR",
    vars: () => ({ FILES_DIR: filesDir }),
    start: async () => {},
    stop: async () => fs.rmSync(filesDir, { recursive: true, force: true }),
  },
  {
    name: "S3",
    vars: () => ({
      S3_BUCKET: s3?.bucket ?? "",
      S3_ENDPOINT: s3?.endpoint ?? "",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    }),
    start: async () => {
      s3 = await startS3TestServer();
    },
    stop: async () => s3?.close(),
  },
];

describe.each(setups)("files in $name", (setup) => {
  beforeAll(async () => {
    await setup.start();
    setEnvForTests(
      getEnv({
        LOG_LEVEL: "silent",
        UPLOAD_RETENTION_DAYS: "7",
        UPLOAD_QUOTA_MB: "1",
        ...setup.vars(),
      }),
    );
  });
  afterAll(async () => {
    setEnvForTests(undefined);
    await setup.stop();
  });

  const output = (bytes: Uint8Array, type: string, createdAt?: number) =>
    getFileStore("outputs").put(bytes, { contentType: type, ownerId: "alice", createdAt });

  it("serves an output with its stored type, safe headers and caching for immutable content", async () => {
    // Years old: outputs are kept.
    const stored = await output(wav, "audio/wav", Date.now() - 3 * 365 * day);
    const res = await fileRequest(stored.token);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "audio/wav",
      "content-length": String(wav.length),
      "content-disposition": `inline; filename="${stored.token}.wav"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "public, max-age=31536000, immutable",
      "accept-ranges": "bytes",
      etag: `"${stored.token}"`,
      "last-modified": new Date(stored.createdAt).toUTCString(),
    });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(wav);
  });

  it("answers Range requests like every byte server here", async () => {
    const stored = await output(wav, "audio/wav");
    for (const c of rangeCases(wav.length)) {
      await expectRangeAnswer(
        await fileRequest(stored.token, { headers: { range: c.header } }),
        wav,
        c,
      );
    }
  });

  it("answers 304 to a matching If-None-Match, and HEAD without a body", async () => {
    const stored = await output(png, "image/png");
    const cached = await fileRequest(stored.token, {
      headers: { "if-none-match": `W/"other", "${stored.token}"` },
    });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("etag")).toBe(`"${stored.token}"`);
    expect(await cached.text()).toBe("");
    const head = await fileRequest(stored.token, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(png.length));
    expect(head.body).toBeNull();
  });

  it("serves uploads until their retention, cached no longer than that", async () => {
    const now = Date.now();
    const fresh = await saveUpload(png, "image/png", "bob", undefined, now - day);
    const res = await fileRequest(fresh.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="${fresh.token}.png"`);
    const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get("cache-control") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThan(6 * 86_400 - 60);
    expect(maxAge).toBeLessThanOrEqual(6 * 86_400);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(png));

    const old = await saveUpload(png, "image/png", "bob", undefined, now - 8 * day);
    expect((await fileRequest(old.token)).status).toBe(404);
    await sweepExpiredUploads();
    expect(await findUpload(fresh.token)).toMatchObject({ userId: "bob" });
    expect(await getFileStore("uploads").stat(old.token)).toBeUndefined();
  });

  it("counts a user's uploads for the quota wherever they are stored", async () => {
    await saveUpload(new Uint8Array(600_000), "image/png", "carol");
    expect(await usedUploadBytes("carol")).toBe(600_000);
    await expect(saveUpload(new Uint8Array(600_000), "image/png", "carol")).rejects.toMatchObject({
      status: 413,
      type: "quota_exceeded",
    });
  });

  it("a browser that left before the bytes were read gets nothing, and nothing is thrown", async () => {
    const stored = await output(wav, "audio/wav");
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    // Nor is it logged as a server error: a thumbnail scrolled away is not a fault.
    const logged = vi.spyOn(console, "error");
    let lines = "";
    try {
      const res = await fileRequest(stored.token, { signal: AbortSignal.abort() });
      // Whichever way the store ends the read, no body reaches anyone.
      const bytes = await res.arrayBuffer().catch(() => new ArrayBuffer(0));
      expect(bytes.byteLength).toBeLessThan(wav.byteLength);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      process.off("uncaughtException", onUncaught);
      lines = logged.mock.calls.flat().join("\n");
      logged.mockRestore();
    }
    expect(uncaught).toEqual([]);
    expect(lines).not.toMatch(/unhandled/);
  });

  it("answers 404 for unknown tokens and after a delete", async () => {
    expect((await fileRequest("A".repeat(43))).status).toBe(404);
    const stored = await output(png, "image/png");
    await getFileStore("outputs").delete(stored.token);
    expect((await fileRequest(stored.token)).status).toBe(404);
  });

  describe("thumbnails (?w=)", () => {
    it("serves a small WebP of an image, stored under a derived token for every instance", async () => {
      const stored = await output(photo, "image/png");
      const res = await fileRequest(stored.token, {}, "?w=512");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/webp");
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const derived = thumbnailToken(stored.token, 512);
      expect(res.headers.get("etag")).toBe(`"${derived}"`);
      const size = Number(res.headers.get("content-length"));
      expect(size).toBeLessThan(photo.length / 4);
      expect(await imageSize(res)).toEqual({ format: "webp", width: 512, height: 288 });
      // Kept in the shared store: another instance (or this one after a restart) serves it as is.
      expect(await getFileStore("outputs").stat(derived)).toMatchObject({
        contentType: "image/webp",
        size,
        ownerId: "alice",
        createdAt: stored.createdAt,
      });
      const again = await fileRequest(stored.token, { headers: { range: "bytes=0-11" } }, "?w=512");
      expect(again.status).toBe(206);
      expect(again.headers.get("content-range")).toBe(`bytes 0-11/${size}`);
      // The original is untouched at its own URL, and each width is its own copy.
      expect((await fileRequest(stored.token)).headers.get("content-type")).toBe("image/png");
      expect(await imageSize(await fileRequest(stored.token, {}, "?w=256"))).toMatchObject({
        width: 256,
      });
    });

    it("never enlarges, and deleting the original's thumbnails leaves none behind", async () => {
      const stored = await output(small, "image/png");
      const res = await fileRequest(stored.token, {}, "?w=1024");
      expect(await imageSize(res)).toEqual({ format: "webp", width: 200, height: 100 });
      await deleteThumbnails(getFileStore("outputs"), stored.token);
      expect(
        await getFileStore("outputs").stat(thumbnailToken(stored.token, 1024)),
      ).toBeUndefined();
    });

    it("serves the original for audio, and for bytes that do not decode as an image", async () => {
      const audio = await output(wav, "audio/wav");
      const res = await fileRequest(audio.token, {}, "?w=256");
      expect(res.headers.get("content-type")).toBe("audio/wav");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(wav);
      const broken = await output(wav, "image/png");
      const served = await fileRequest(broken.token, {}, "?w=256");
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/png");
      expect(await getFileStore("outputs").stat(thumbnailToken(broken.token, 256))).toBeUndefined();
    });

    it("refuses a width that is not offered with 400 naming w", async () => {
      const stored = await output(png, "image/png");
      for (const w of ["300", "abc", "", "512px", "-256"]) {
        const res = await fileRequest(stored.token, {}, `?w=${w}`);
        expect(res.status, w).toBe(400);
        const body = (await res.json()) as { error: { type: string; param: string } };
        expect(body.error).toMatchObject({ type: "invalid_request", param: "w" });
      }
    });

    it("keeps an upload's thumbnail only as long as the upload", async () => {
      const now = Date.now();
      const upload = await saveUpload(
        await noisePng(560, 320),
        "image/png",
        "dave",
        undefined,
        now - day,
      );
      const res = await fileRequest(upload.token, {}, "?w=256");
      expect(res.headers.get("content-type")).toBe("image/webp");
      const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get("cache-control") ?? "")?.[1]);
      expect(maxAge).toBeLessThanOrEqual(6 * 86_400);
      const derived = thumbnailToken(upload.token, 256);
      expect(await getFileStore("uploads").stat(derived)).toMatchObject({
        createdAt: upload.createdAt,
      });
      // It expires with the upload (and the hourly sweep takes both, as for any upload).
      expect(await findUpload(derived, undefined, now + 6 * day - 60_000)).toBeDefined();
      expect(await findUpload(derived, undefined, now + 6 * day)).toBeUndefined();
      expect((await fileRequest(upload.token, {}, "?w=256")).status).toBe(200);
    });
  });

  describe("named downloads (?download=)", () => {
    const disposition = async (token: string, name: string, extra = "") =>
      (await fileRequest(token, {}, `?download=${encodeURIComponent(name)}${extra}`)).headers.get(
        "content-disposition",
      );

    it("saves under the given name with the file's extension", async () => {
      const stored = await output(png, "image/png");
      expect(await disposition(stored.token, "a red fox in snow - flux-2")).toBe(
        'attachment; filename="a red fox in snow - flux-2.png"',
      );
      expect(await disposition(stored.token, "fox.png")).toBe('attachment; filename="fox.png"');
      // A thumbnail downloads as what it is.
      const image = await output(small, "image/png");
      expect(await disposition(image.token, "fox", "&w=256")).toBe(
        'attachment; filename="fox.webp"',
      );
    });

    it("sends a non-ASCII name as filename* with an ASCII fallback", async () => {
      const stored = await output(wav, "audio/wav");
      expect(await disposition(stored.token, "Füchse im Schnee — suno's (v4)")).toBe(
        `attachment; filename="F_chse im Schnee _ sunos (v4).wav"; ` +
          `filename*=UTF-8''F%C3%BCchse%20im%20Schnee%20%E2%80%94%20sunos%20%28v4%29.wav`,
      );
    });

    it("strips path separators, control characters and quotes; an empty name falls back", async () => {
      const stored = await output(png, "image/png");
      expect(await disposition(stored.token, '../../etc/pa"ss\\wd\r\nX-Evil: 1')).toBe(
        'attachment; filename="etcpasswd X-Evil 1.png"',
      );
      expect(await disposition(stored.token, '/.."\u0000')).toBe(
        `attachment; filename="${stored.token}.png"`,
      );
      expect(await disposition(stored.token, "")).toBe(
        `attachment; filename="${stored.token}.png"`,
      );
    });
  });
});
