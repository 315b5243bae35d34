// The configured store for one area: S3-compatible object storage when S3_BUCKET is set, else a
// folder under FILES_DIR (default DATA_DIR) — DATA_DIR/uploads is where uploads have always lived.
import "server-only";
import path from "node:path";
import { getEnv, type Env } from "@/lib/env";
import type { FileStore } from "./file-store";
import { localFileStore } from "./local-file-store";
import { s3FileStore } from "./s3-file-store";

/** Uploaded inputs (kept UPLOAD_RETENTION_DAYS) and mirrored task outputs (kept). */
export type FileArea = "uploads" | "outputs";

export function getFileStore(area: FileArea, env: Env = getEnv()): FileStore {
  if (env.S3_BUCKET) {
    if (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) {
      throw new Error(
        "S3_BUCKET is set, so files are stored in S3: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY too",
      );
    }
    return s3FileStore(
      {
        bucket: env.S3_BUCKET,
        endpoint: env.S3_ENDPOINT,
        region: env.S3_REGION,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.S3_FORCE_PATH_STYLE === "1",
      },
      `${area}/`,
    );
  }
  return localFileStore(path.join(path.resolve(env.FILES_DIR ?? env.dataDir), area));
}
