// Uploaded inputs on disk: DATA_DIR/uploads/<token> plus a <token>.json sidecar (type, size, owner).
// The token is 32 random bytes, so the public URL is the only way to find a file.
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { uploadContentTypes, type UploadContentType } from "@/lib/schemas/tasks";

export const uploadTokenPattern = /^[A-Za-z0-9_-]{43}$/;

const metaSchema = z.object({
  contentType: z.enum(uploadContentTypes),
  size: z.number().int().nonnegative(),
  userId: z.string(),
  createdAt: z.string(),
});
export type UploadMeta = z.infer<typeof metaSchema>;

export interface StoredUpload extends UploadMeta {
  token: string;
  /** Absolute path of the bytes. */
  file: string;
}

export function uploadsDir(dataDir = getEnv().dataDir): string {
  return path.join(dataDir, "uploads");
}

/** Writes the bytes, then the sidecar (each via rename): a file is servable only once complete. */
export async function saveUpload(
  bytes: Uint8Array,
  contentType: UploadContentType,
  userId: string,
  dir = uploadsDir(),
): Promise<StoredUpload> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString("base64url");
  const file = path.join(dir, token);
  const meta: UploadMeta = {
    contentType,
    size: bytes.byteLength,
    userId,
    createdAt: new Date().toISOString(),
  };
  await fs.writeFile(`${file}.part`, bytes, { mode: 0o600 });
  await fs.rename(`${file}.part`, file);
  await fs.writeFile(`${file}.json.part`, JSON.stringify(meta), { mode: 0o600 });
  await fs.rename(`${file}.json.part`, `${file}.json`);
  return { token, file, ...meta };
}

/** The stored upload for a token, or undefined for anything unknown, partial or malformed. */
export async function findUpload(
  token: string,
  dir = uploadsDir(),
): Promise<StoredUpload | undefined> {
  if (!uploadTokenPattern.test(token)) return undefined;
  const file = path.join(dir, token);
  let raw: string;
  try {
    raw = await fs.readFile(`${file}.json`, "utf8");
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const meta = metaSchema.safeParse(json);
  return meta.success ? { token, file, ...meta.data } : undefined;
}
