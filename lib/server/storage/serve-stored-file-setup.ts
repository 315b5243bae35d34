// Shared by the GET /files/{token} tests: each runs once with the files in a folder (FILES_DIR) and
// once in S3 (a real S3 server on loopback, S3_* set), called as Next would call the route.
import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe } from "vitest";
import { GET as getFile, HEAD as headFile } from "@/app/files/[token]/route";
import { getEnv, setEnvForTests } from "@/lib/env";
import { getFileStore } from "./get-file-store";
import { startS3TestServer, type S3TestServer } from "./s3-test-server";

export const day = 24 * 60 * 60 * 1000;
export const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);
export const wav = (() => {
  const out = new Uint8Array(1044);
  out.set(new TextEncoder().encode("RIFF\x24\x04\x00\x00WAVEfmt "));
  for (let i = 44; i < out.length; i++) out[i] = i % 256;
  return out;
})();

/** A photo-like PNG (noise does not compress: the original is large, as real ones are). */
export const noisePng = (width: number, height: number) =>
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

export function fileRequest(token: string, init: RequestInit = {}, query = "") {
  const handler = init.method === "HEAD" ? headFile : getFile;
  return handler(new Request(`http://localhost:3000/files/${token}${query}`, init), {
    params: Promise.resolve({ token }),
  });
}

export async function imageSize(res: Response) {
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

/** Stores an output as the tracker does (owner alice). */
export type PutOutput = (
  bytes: Uint8Array,
  type: string,
  createdAt?: number,
) => ReturnType<ReturnType<typeof getFileStore>["put"]>;

/** Runs `body` once per store, with the environment (7-day uploads, 1 MB quota) set for it. */
export function describeEachStore(body: (output: PutOutput) => void): void {
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
    body(output);
  });
}
