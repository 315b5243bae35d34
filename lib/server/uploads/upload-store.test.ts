// Retention and per-user quota of the upload store, on a real folder in the temp dir.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from "vitest";
import { getEnv, setEnvForTests } from "@/lib/env";
import { localFileStore } from "@/lib/server/storage/local-file-store";
import { findUpload, saveUpload, sweepExpiredUploads, usedUploadBytes } from "./upload-store";

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const megabyte = 1024 * 1024;
const start = Date.parse("2030-01-01T00:00:00.000Z");

/** The env the store reads: 7 days and 1 MB unless a test says otherwise. */
const useEnv = (vars: Record<string, string> = {}) =>
  setEnvForTests(getEnv({ UPLOAD_RETENTION_DAYS: "7", UPLOAD_QUOTA_MB: "1", ...vars }));

let dir: string;
/** What the logger wrote as errors (held back from the test output). */
let loggedErrors: MockInstance<typeof console.error>;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-upload-store-"));
  useEnv();
  loggedErrors = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterAll(() => setEnvForTests(undefined));

/** The store over the test's folder (a new object each time: the store keeps no state). */
const store = () => localFileStore(dir);
const bytes = (size: number) => new Uint8Array(size).fill(7);
const save = (userId: string, size: number, at = start) =>
  saveUpload(bytes(size), "image/png", userId, store(), at);
const listed = () => fs.readdirSync(dir).sort();
/** Writes an upload as saveUpload would have at `at`, without starting a sweep. */
function plant(userId: string, size: number, at: number) {
  const token = randomBytes(32).toString("base64url");
  fs.writeFileSync(path.join(dir, token), bytes(size));
  const meta = { contentType: "image/png", size, userId, createdAt: new Date(at).toISOString() };
  fs.writeFileSync(path.join(dir, `${token}.json`), JSON.stringify(meta));
  return token;
}
/** Sets a file's modification time, as if it had been written at `at`. */
const touch = (name: string, at: number) =>
  fs.utimesSync(path.join(dir, name), new Date(at), new Date(at));

describe("sweepExpiredUploads", () => {
  it("deletes uploads past the retention and keeps younger ones", async () => {
    const old = plant("alice", 10, start);
    const young = plant("alice", 10, start + 6 * day);
    await sweepExpiredUploads(store(), start + 7 * day);
    expect(listed()).toEqual([young, `${young}.json`].sort());
    expect(await findUpload(old, store(), start + 7 * day)).toBeUndefined();
    expect(await findUpload(young, store(), start + 7 * day)).toMatchObject({ size: 10 });
  });

  it("follows UPLOAD_RETENTION_DAYS", async () => {
    useEnv({ UPLOAD_RETENTION_DAYS: "1" });
    plant("alice", 10, start);
    await sweepExpiredUploads(store(), start + day - 1);
    expect(listed()).toHaveLength(2);
    await sweepExpiredUploads(store(), start + day);
    expect(listed()).toEqual([]);
  });

  it("removes what interrupted saves left once it is an hour old, never a save in progress", async () => {
    const token = "A".repeat(43);
    for (const name of [`${token}.part`, `${token}.json.part`, "B".repeat(43)]) {
      fs.writeFileSync(path.join(dir, name), "x");
      touch(name, start - 2 * hour);
    }
    fs.writeFileSync(path.join(dir, `${"C".repeat(43)}.part`), "x");
    touch(`${"C".repeat(43)}.part`, start - 10 * 60 * 1000);
    await sweepExpiredUploads(store(), start);
    expect(listed()).toEqual([`${"C".repeat(43)}.part`]);
  });

  it("deletes a malformed sidecar by its age and leaves unrelated files alone", async () => {
    const token = "D".repeat(43);
    fs.writeFileSync(path.join(dir, token), "bytes");
    fs.writeFileSync(path.join(dir, `${token}.json`), "{not json");
    fs.writeFileSync(path.join(dir, "README"), "kept");
    touch(`${token}.json`, start - 8 * day);
    await sweepExpiredUploads(store(), start);
    expect(listed()).toEqual(["README"]);
  });

  it("answers nothing to sweep before the first upload", async () => {
    await expect(
      sweepExpiredUploads(localFileStore(path.join(dir, "missing")), start),
    ).resolves.toBeUndefined();
  });
});

describe("findUpload", () => {
  it("treats an expired upload as gone before the sweep deletes it", async () => {
    const stored = await save("alice", 10, start);
    expect(await findUpload(stored.token, store(), start + 7 * day - 1)).toMatchObject({
      userId: "alice",
    });
    expect(await findUpload(stored.token, store(), start + 7 * day)).toBeUndefined();
    expect(listed()).toContain(stored.token);
  });
});

describe("saveUpload", () => {
  it("sweeps at most once an hour, and a failed sweep is logged without failing the upload", async () => {
    const expired = plant("alice", 10, start - 8 * day);
    // A folder where the bytes should be: unlink fails, so this sweep fails after the others.
    const blocked = plant("bob", 1, start - 8 * day);
    fs.rmSync(path.join(dir, blocked));
    fs.mkdirSync(path.join(dir, blocked));

    await expect(save("alice", 10, start)).resolves.toMatchObject({ size: 10 });
    await vi.waitFor(() => expect(loggedErrors).toHaveBeenCalledOnce());
    expect(loggedErrors.mock.calls[0]?.[0]).toMatch(
      new RegExp(`^\\[studio\\] Upload sweep failed: could not delete ${blocked} \\(E[A-Z]+\\)$`),
    );
    expect(listed()).not.toContain(expired);

    const later = plant("alice", 10, start - 8 * day);
    await save("alice", 10, start + hour - 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listed()).toContain(later);

    await save("alice", 10, start + hour);
    await vi.waitFor(() => expect(listed()).not.toContain(later));
  });
});

describe("upload quota", () => {
  it("counts only the user's own uploads that have not expired", async () => {
    plant("alice", 300_000, start - 8 * day);
    plant("alice", 200_000, start);
    plant("bob", 400_000, start);
    expect(await usedUploadBytes("alice", store(), start)).toBe(200_000);
    expect(await usedUploadBytes("bob", store(), start)).toBe(400_000);
    expect(await usedUploadBytes("carol", store(), start)).toBe(0);
  });

  it("refuses with 413 an upload that would pass the quota and writes nothing", async () => {
    plant("alice", 700_000, start);
    const before = listed();
    const refused = save("alice", 400_000, start);
    await expect(refused).rejects.toMatchObject({
      status: 413,
      type: "quota_exceeded",
      message:
        "file: upload quota reached — your uploads use 0.7 MB of 1 MB and this file is 0.4 MB. " +
        "Uploads are deleted 7 days after upload, which frees the space; until then, paste a public URL instead",
    });
    expect(listed()).toEqual(before);
  });

  it("fills the quota exactly, and frees it when uploads expire", async () => {
    await save("alice", megabyte - 100, start);
    await expect(save("alice", 100, start)).resolves.toMatchObject({ size: 100 });
    await expect(save("alice", 1, start)).rejects.toMatchObject({ status: 413 });
    await expect(save("alice", 1, start + 7 * day)).resolves.toMatchObject({ size: 1 });
  });

  it("lets another user upload while one user's quota is full", async () => {
    await save("alice", megabyte, start);
    await expect(save("alice", 1, start)).rejects.toMatchObject({ status: 413 });
    await expect(save("bob", megabyte, start)).resolves.toMatchObject({ size: megabyte });
  });

  it("follows UPLOAD_QUOTA_MB", async () => {
    useEnv({ UPLOAD_QUOTA_MB: "2" });
    await save("alice", megabyte, start);
    await expect(save("alice", megabyte, start)).resolves.toMatchObject({ size: megabyte });
    await expect(save("alice", 1, start)).rejects.toMatchObject({ status: 413 });
  });

  it("lets only one of two parallel uploads into the last free space", async () => {
    const results = await Promise.allSettled([save("alice", 600_000), save("alice", 600_000)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await usedUploadBytes("alice", store(), start)).toBe(600_000);
  });
});
