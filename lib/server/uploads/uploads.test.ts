// POST /api/v1/uploads and GET /files/{token}, called as Next would call them.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as upload } from "@/app/api/v1/uploads/route";
import { GET as getFile, HEAD as headFile } from "@/app/files/[token]/route";
import { expectRangeAnswer, rangeCases } from "@/lib/http/byte-range-cases";
import { maxUploadBytes, uploadReplySchema } from "@/lib/schemas/tasks";
import type { TestUser } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness, withEnv } from "@/lib/testing/server-harness";
import { sweepExpiredUploads } from "./upload-store";

const publicUrl = "https://studio.example.com";
const h = setupTaskHarness({ publicUrl: `${publicUrl}/` });
let u: TestUser;

beforeAll(async () => {
  u = await h().makeUser();
});

// A real 1×1 PNG (67 bytes).
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

function uploadRequest(file: Blob | null, name = "in.png", who: TestUser | null = u) {
  const form = new FormData();
  if (file !== null) form.set("file", file, name);
  return upload(
    new Request("http://localhost:3000/api/v1/uploads", {
      method: "POST",
      headers: who ? { authorization: `Bearer ${who.token}` } : {},
      body: form,
    }),
    { params: Promise.resolve({}) },
  );
}

function fileRequest(token: string, init: RequestInit = {}) {
  const handler = init.method === "HEAD" ? headFile : getFile;
  return handler(new Request(`http://localhost:3000/files/${token}`, init), {
    params: Promise.resolve({ token }),
  });
}

const uploadsDir = () => path.join(h().env.dataDir, "uploads");
const storedCount = () => (fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()).length : 0);

async function uploaded(bytes: Uint8Array, type = "image/png") {
  const res = await uploadRequest(new Blob([new Uint8Array(bytes)], { type }));
  expect(res.status).toBe(201);
  const reply = uploadReplySchema.parse(await res.json());
  return { reply, token: reply.url.split("/").pop() ?? "" };
}

describe("POST /api/v1/uploads", () => {
  it("stores an image under an unguessable public URL, typed by its bytes", async () => {
    // Declared as text, named .txt: the bytes decide.
    const res = await uploadRequest(new Blob([png], { type: "text/plain" }), "notes.txt");
    expect(res.status).toBe(201);
    const reply = uploadReplySchema.parse(await res.json());
    expect(reply).toEqual({
      url: expect.stringMatching(/^https:\/\/studio\.example\.com\/files\/[A-Za-z0-9_-]{43}$/),
      content_type: "image/png",
      size: png.length,
    });
  });

  it("refuses what is not an image or video, whatever it is called", async () => {
    const before = storedCount();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const res = await uploadRequest(new Blob([svg], { type: "image/png" }), "cat.png");
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      error: { type: "invalid_request", message: expect.stringMatching(/^file: not a supported/) },
    });
    expect(storedCount()).toBe(before);
  });

  it("answers 400 without a file field, 401 without a user", async () => {
    expect((await uploadRequest(null)).status).toBe(400);
    expect((await uploadRequest(new Blob([png]), "in.png", null)).status).toBe(401);
  });

  it("refuses files over the size cap with 413", async () => {
    const big = new Uint8Array(maxUploadBytes + 1);
    big.set(png);
    const res = await uploadRequest(new Blob([big]));
    expect(res.status).toBe(413);
  });

  it("answers 409 and stores nothing when PUBLIC_URL is unset", async () => {
    const before = storedCount();
    const res = await withEnv({ PUBLIC_URL: undefined }, () => uploadRequest(new Blob([png])));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: {
        code: 409,
        message: expect.stringMatching(
          /^The upstream cannot reach files on this machine: set PUBLIC_URL/,
        ),
      },
    });
    expect(storedCount()).toBe(before);
  });
});

describe("GET /files/{token}", () => {
  const video = (() => {
    // A WebM header followed by 1000 counting bytes: easy to check ranges against.
    const head = [0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d];
    const out = new Uint8Array(head.length + 1000);
    out.set(head);
    for (let i = head.length; i < out.length; i++) out[i] = i % 256;
    return out;
  })();

  it("serves the whole file with its type and length, without auth", async () => {
    const { token } = await uploaded(video, "video/webm");
    const res = await fileRequest(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("video/webm");
    expect(res.headers.get("content-length")).toBe(String(video.length));
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(video);
  });

  // The same cases as the simulator's file server (lib/http/byte-range-cases).
  it("answers Range requests like every byte server here", async () => {
    const { token } = await uploaded(video, "video/webm");
    for (const c of rangeCases(video.length)) {
      await expectRangeAnswer(await fileRequest(token, { headers: { range: c.header } }), video, c);
    }
  });

  it("answers HEAD with headers only", async () => {
    const { token } = await uploaded(png);
    const res = await fileRequest(token, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(png.length));
    expect(res.body).toBeNull();
  });

  it("answers 404 for unknown or malformed tokens", async () => {
    for (const token of ["A".repeat(43), "../secrets.json", "short"]) {
      const res = await fileRequest(token);
      expect(res.status).toBe(404);
    }
  });
});

describe("retention and quota", () => {
  const day = 24 * 60 * 60 * 1000;

  /** A WebM header padded to `size` bytes. */
  const webm = (size: number) => {
    const out = new Uint8Array(size);
    out.set([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]);
    return new Blob([out], { type: "video/webm" });
  };

  it("answers 404 for an upload past UPLOAD_RETENTION_DAYS, which the sweep deletes", async () => {
    const { token: old } = await uploaded(png);
    const sidecar = path.join(uploadsDir(), `${old}.json`);
    // The clock moves past the first upload's retention; the second is made then.
    vi.useFakeTimers({
      toFake: ["Date"],
      now: Date.now() + h().env.UPLOAD_RETENTION_DAYS * day + 1000,
    });
    try {
      const { token: fresh } = await uploaded(png);
      expect((await fileRequest(old)).status).toBe(404);
      await sweepExpiredUploads();
      expect(fs.existsSync(path.join(uploadsDir(), old))).toBe(false);
      expect(fs.existsSync(sidecar)).toBe(false);
      expect((await fileRequest(old)).status).toBe(404);
      expect((await fileRequest(fresh)).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses with 413 and stores nothing past UPLOAD_QUOTA_MB; other users are not counted", () =>
    withEnv({ UPLOAD_QUOTA_MB: 1 }, async () => {
      const owner = await h().makeUser();
      const other = await h().makeUser();
      expect((await uploadRequest(webm(700_000), "a.webm", owner)).status).toBe(201);
      const before = storedCount();
      const res = await uploadRequest(webm(400_000), "b.webm", owner);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({
        error: {
          code: 413,
          type: "quota_exceeded",
          param: "file",
          message:
            "file: upload quota reached — your uploads use 0.7 MB of 1 MB and this file is 0.4 MB. " +
            `Uploads are deleted ${h().env.UPLOAD_RETENTION_DAYS} days after upload, which frees the space; until then, paste a public URL instead`,
        },
      });
      expect(storedCount()).toBe(before);
      expect((await uploadRequest(webm(700_000), "c.webm", other)).status).toBe(201);
    }));
});
