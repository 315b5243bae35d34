// GET /files/{token}?w= and ?download=, in a folder and in S3: small WebP thumbnails stored for
// every instance and kept no longer than their original, and downloads under a safe name.
import { describe, expect, it } from "vitest";
import { findUpload, saveUpload } from "@/lib/server/uploads/upload-store";
import { getFileStore } from "./get-file-store";
import {
  day,
  describeEachStore,
  fileRequest,
  imageSize,
  noisePng,
  png,
  wav,
} from "./serve-stored-file-setup";
import { deleteThumbnails, thumbnailToken } from "./thumbnail";

const photo = await noisePng(1600, 900);
const small = await noisePng(200, 100);

describeEachStore((output) => {
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
