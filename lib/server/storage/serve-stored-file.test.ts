// GET /files/{token} for uploads and mirrored outputs, in a folder and in S3: types, safe headers,
// caching, ranges, 304, retention, quota, a browser that leaves, 404. Thumbnails and named
// downloads: serve-stored-file-variants.test.ts.
import { expect, it, vi } from "vitest";
import { expectRangeAnswer, rangeCases } from "@/lib/http/byte-range-cases";
import {
  findUpload,
  saveUpload,
  sweepExpiredUploads,
  usedUploadBytes,
} from "@/lib/server/uploads/upload-store";
import { getFileStore } from "./get-file-store";
import { day, describeEachStore, fileRequest, png, wav } from "./serve-stored-file-setup";

describeEachStore((output) => {
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
});
