// The folder store's own layout on disk, and what it remembers of it (the contract every backend
// keeps is in file-store.test.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { localFileStore } from "./local-file-store";

const counting = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 7) % 256);

describe("local folder layout", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-file-layout-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A file and its sidecar written straight to the folder, as another process would. */
  function writeByHand(token: string, bytes: string, contentType: string) {
    fs.writeFileSync(path.join(dir, token), bytes);
    const sidecar = { contentType, size: bytes.length, userId: "x", createdAt: new Date() };
    fs.writeFileSync(path.join(dir, `${token}.json`), JSON.stringify(sidecar));
  }

  it("keeps the uploads layout: <token> plus a <token>.json sidecar, owner-only", async () => {
    const stored = await localFileStore(dir).put(counting(5), {
      contentType: "image/png",
      ownerId: "alice",
      createdAt: Date.parse("2030-01-01T00:00:00.000Z"),
    });
    expect(fs.readdirSync(dir).sort()).toEqual([stored.token, `${stored.token}.json`]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, `${stored.token}.json`), "utf8"))).toEqual({
      contentType: "image/png",
      size: 5,
      userId: "alice",
      createdAt: "2030-01-01T00:00:00.000Z",
    });
    expect(fs.statSync(path.join(dir, stored.token)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("reads a sidecar once, and forgets it when the file is deleted or swept", async () => {
    const token = "R".repeat(43);
    writeByHand(token, "12345", "image/png");
    const sidecarReads = vi.spyOn(fs.promises, "readFile");
    try {
      const reads = () =>
        sidecarReads.mock.calls.filter(([file]) => String(file).endsWith(`${token}.json`)).length;
      expect(await localFileStore(dir).stat(token)).toMatchObject({ size: 5 });
      expect(await localFileStore(dir).stat(token)).toMatchObject({ size: 5 });
      expect(reads()).toBe(1);
      await localFileStore(dir).delete(token);
      expect(await localFileStore(dir).stat(token)).toBeUndefined();

      const old = await localFileStore(dir).put(counting(3), {
        contentType: "image/png",
        ownerId: "x",
        createdAt: Date.parse("2020-01-01T00:00:00.000Z"),
      });
      expect(await localFileStore(dir).stat(old.token)).toMatchObject({ size: 3 });
      await localFileStore(dir).sweep({ now: Date.now(), isExpired: () => true });
      expect(await localFileStore(dir).stat(old.token)).toBeUndefined();
    } finally {
      sidecarReads.mockRestore();
    }
  });

  it("refuses a sidecar that names something other than media", async () => {
    const token = "Z".repeat(43);
    writeByHand(token, "<script>", "text/html");
    expect(await localFileStore(dir).stat(token)).toBeUndefined();
  });
});
